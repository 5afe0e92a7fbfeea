/** Words of finding accounts: the accounts list's filters and sort, the pipeline board, "stay close" on Today. */
import type { AccountSort } from "../../../shared/queries/account-list";

export const LIST_WORDS = {
  filters: "Filter and sort the accounts",
  stage: "Stage",
  anyStage: "Any stage",
  owner: "Owner",
  anyOwner: "Anyone",
  openRisks: "With open risks",
  dueThisWeek: "Due this week",
  sort: "Sort by",
  clear: "Clear filters",
  shown: (shown: number, all: number) => (shown === all ? `${all} shown` : `${shown} of ${all} shown`),
  noneMatch: "No account matches these filters.",
  /** The accounts grid's name (a screen reader announces it; tests find the grid by it). */
  grid: "Accounts",
  columns: ["Account", "Stage", "Owner", "Next due", "Open risks"],
  untitled: "Untitled account",
  sorts: {
    name: "Name",
    stage: "Stage",
    "next-due": "Next due",
    "open-risks": "Open risks",
    "order-value": "Order value",
    "last-contact": "Longest without contact",
  } satisfies Record<AccountSort, string>,
} as const;

export const PIPELINE_WORDS = {
  title: "Pipeline",
  nav: "Pipeline",
  intro: "Every account by stage, with its order value and the days since the customer was last reached. The quietest deals come first in each stage.",
  board: "Pipeline board",
  column: (stage: string, count: number) => `${stage}, ${count === 1 ? "1 account" : `${count} accounts`}`,
  noValue: "No order value",
  total: "Total",
  noTotal: "No order values yet",
  noCurrency: "(no currency)",
  quiet: (days: number | null) => (days === null ? "No contact logged" : days === 0 ? "Contact today" : days === 1 ? "1 day since contact" : `${days} days since contact`),
  more: (n: number) => `Show ${n} more`,
  ended: (n: number) => (n === 1 ? "1 account lost or cancelled is not on the board." : `${n} accounts lost or cancelled are not on the board.`),
  empty: "No accounts yet. Create one under Accounts, and it shows here at its stage.",
} as const;

export const STAY_CLOSE_WORDS = {
  title: "Stay close",
  hint: (days: number) => `Promised, ordered and delivering deals with no contact for ${days === 1 ? "a day" : `${days} days`} or more. Stay close until the check clears.`,
  days: "Flag after days without contact",
  none: "Every deal between promise and payment has had contact recently.",
  saved: "Saved.",
  quiet: PIPELINE_WORDS.quiet,
} as const;
