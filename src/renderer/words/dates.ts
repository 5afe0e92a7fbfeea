/** Words of the date fields: their hint and the names of their calendar's buttons. */

/** What a date field asks for while empty: the one way of typing a date that reads the same everywhere. */
export const DATE_PLACEHOLDER = "YYYY-MM-DD";

/**
 * The calendar's arrow buttons, for screen readers (Mantine's are icons with no name). The
 * button between them keeps its visible text ("March 2026") as its name.
 */
export const CALENDAR_LABELS = {
  previousMonth: "Previous month",
  nextMonth: "Next month",
  previousYear: "Previous year",
  nextYear: "Next year",
  previousDecade: "Previous decade",
  nextDecade: "Next decade",
};
