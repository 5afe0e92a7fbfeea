/**
 * Calendar dates and wall-clock times in a person's time zone, with no date library:
 * `Intl.DateTimeFormat` knows every IANA zone and its daylight-saving rules, and that
 * is all the most important call needs ("the next business day at 09:00, your time").
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Thrown for a date, time or time zone that cannot be used; the message is for the person. */
export class CalendarInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CalendarInputError";
  }
}

function parseDate(isoDate: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const t = new Date(Date.UTC(y, m - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d) return { y, m, d };
  }
  throw new CalendarInputError(`“${isoDate}” is not a valid date (use YYYY-MM-DD).`);
}

function formatDate(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/** The date `days` days after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const { y, m, d } = parseDate(isoDate);
  return formatDate(new Date(Date.UTC(y, m - 1, d) + days * DAY_MS));
}

/** True for Saturday and Sunday. */
export function isWeekend(isoDate: string): boolean {
  const { y, m, d } = parseDate(isoDate);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 || day === 6;
}

/** The first weekday (Monday–Friday) after a YYYY-MM-DD date: Friday → Monday, Saturday → Monday. */
export function nextBusinessDay(isoDate: string): string {
  let next = addDays(isoDate, 1);
  while (isWeekend(next)) next = addDays(next, 1);
  return next;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      throw new CalendarInputError(`“${timeZone}” is not a time zone Baton knows (use a name like Europe/Berlin).`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA time zone name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone` at an instant (ms since the epoch), as if it were UTC. */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The offset of `timeZone` from UTC at an instant, in ms (Berlin in winter: +3,600,000). */
function offsetMs(instantMs: number, timeZone: string): number {
  return wallClockMs(Math.floor(instantMs / 1000) * 1000, timeZone) - Math.floor(instantMs / 1000) * 1000;
}

/** The calendar date (YYYY-MM-DD) in `timeZone` at an ISO instant. */
export function localDateOf(instant: string, timeZone: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw new CalendarInputError(`“${instant}” is not a point in time.`);
  return new Date(wallClockMs(t, timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant (ISO, UTC) at which the clocks in `timeZone` show `time` (HH:MM) on `date`.
 * Daylight saving is handled as calendars do: a time that occurs twice (clocks go back)
 * is the first of the two; a time that does not exist (clocks go forward) moves forward
 * by the gap (02:30 on the night clocks jump from 02:00 to 03:00 becomes 03:30).
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): string {
  const { y, m, d } = parseDate(date);
  const hm = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!hm) throw new CalendarInputError(`“${time}” is not a time of day (use HH:MM, e.g. 09:00).`);
  formatterFor(timeZone);
  const wall = Date.UTC(y, m - 1, d, Number(hm[1]), Number(hm[2]));
  // The offsets in force a day either side cover any transition near this time.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wallClockMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  // No candidate: the time falls in the gap; the offset before the jump moves it forward.
  const instant = candidates[0] ?? wall - before;
  return new Date(instant).toISOString();
}

/** The wall-clock time (HH:MM) in `timeZone` at an ISO instant. */
export function localTimeOf(instant: string, timeZone: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw new CalendarInputError(`“${instant}” is not a point in time.`);
  return new Date(wallClockMs(t, timeZone)).toISOString().slice(11, 16);
}

/** The first instant of the calendar day `date` (YYYY-MM-DD) in `timeZone`. */
export function startOfDay(date: string, timeZone: string): string {
  return zonedTimeToInstant(date, "00:00", timeZone);
}
