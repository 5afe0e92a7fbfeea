/**
 * A date as a person types it and reads it, in their locale; stored as YYYY-MM-DD.
 *
 * Typing keeps working next to the calendar: YYYY-MM-DD is read with the domain's own rule
 * (`optionalDateSchema`, so "2026-02-30" gets the same message as before), and so is the
 * date as the field shows it ("Mar 9, 2026", "9. März 2026") or written with the locale's
 * numbers ("3/9/2026" in en-US, "9.3.2026" in de-DE) — edited in place, a shown date must
 * read back. Anything else is refused with the domain's message, never guessed.
 */
import { check, isCalendarDate, optionalDateSchema } from "../../../shared";

export type DateText = { ok: true; value: string | null } | { ok: false; message: string };

type Part = "day" | "month" | "year";

interface LocaleDates {
  /** The order of day, month and year when the locale writes a date in numbers. */
  order: Part[];
  /** Month names (long and short, lower case, without dots) → month number. */
  months: Map<string, number>;
}

const locales = new Map<string, LocaleDates>();

/** A date on the calendar at noon UTC: formatted with `timeZone: "UTC"`, it is that day everywhere. */
function utcNoon(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day, 12));
}

const plain = (s: string) => s.toLocaleLowerCase().normalize("NFC").replace(/\./g, "").trim();

function localeDates(locale: string): LocaleDates {
  let found = locales.get(locale);
  if (found) return found;
  const numeric = new Intl.DateTimeFormat(locale, { day: "numeric", month: "numeric", year: "numeric", timeZone: "UTC" });
  const order = numeric
    .formatToParts(utcNoon(2026, 11, 23))
    .map((p) => p.type)
    .filter((t): t is Part => t === "day" || t === "month" || t === "year");
  const months = new Map<string, number>();
  for (const style of ["long", "short"] as const) {
    for (const loc of [locale, "en"]) {
      const names = new Intl.DateTimeFormat(loc, { month: style, day: "numeric", timeZone: "UTC" });
      for (let m = 1; m <= 12; m++) {
        const name = names.formatToParts(utcNoon(2026, m, 15)).find((p) => p.type === "month")?.value;
        if (name && !months.has(plain(name))) months.set(plain(name), m);
      }
    }
  }
  found = { order: order.length === 3 ? order : ["year", "month", "day"], months };
  locales.set(locale, found);
  return found;
}

function monthNamed(word: string, months: Map<string, number>): number | null {
  const w = plain(word);
  const exact = months.get(w);
  if (exact) return exact;
  // "Sept", "sep", "janv": a start of one month's name (three letters at least) is enough.
  if (w.length < 3) return null;
  const matches = new Set([...months].filter(([name]) => name.startsWith(w)).map(([, m]) => m));
  return matches.size === 1 ? [...matches][0]! : null;
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** Read what was typed in a date field: the YYYY-MM-DD date, null for an emptied field, or the message for the person. */
export function readDate(text: string, locale: string): DateText {
  const t = text.trim();
  const domain = check(optionalDateSchema, t);
  if (domain.ok || /^\d{4}-\d{1,2}-\d{1,2}$/.test(t)) return domain.ok ? { ok: true, value: domain.value } : { ok: false, message: domain.message };
  const refused: DateText = { ok: false, message: domain.message };

  const tokens = t.split(/[\s.,/\-–年月日]+/u).filter(Boolean);
  if (tokens.length !== 3) return refused;
  const { order, months } = localeDates(locale);
  const numbers = tokens.filter((x) => /^\d+$/.test(x));
  let y: string | undefined;
  let m: number | null = null;
  let d: string | undefined;
  if (numbers.length === 2) {
    const word = tokens.find((x) => !/^\d+$/.test(x))!;
    m = monthNamed(word, months);
    y = numbers.find((n) => n.length === 4);
    d = numbers[0] === y ? numbers[1] : numbers[0];
  } else if (numbers.length === 3) {
    // A year first is always year-month-day (2026/3/9, 2026年3月9日); otherwise the locale's order.
    const parts = /^\d{4}$/.test(tokens[0]!) ? (["year", "month", "day"] as Part[]) : order;
    const at = (part: Part) => tokens[parts.indexOf(part)]!;
    y = at("year");
    m = Number(at("month"));
    d = at("day");
  }
  // Two-digit years are refused rather than guessed.
  if (!y || y.length !== 4 || !m || !d || d.length > 2) return refused;
  const date = iso(Number(y), m, Number(d));
  return isCalendarDate(date) ? { ok: true, value: date } : refused;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" })));
  return f;
}

/** A YYYY-MM-DD date (or the start of one, as the calendar hands it over) on the calendar, at noon UTC. */
function dayOf(value: string | Date): Date {
  if (value instanceof Date) return utcNoon(value.getFullYear(), value.getMonth() + 1, value.getDate());
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  return utcNoon(y!, m!, d || 1);
}

/**
 * How the date field and its calendar write dates in `locale`: the field's text ("Mar 9,
 * 2026"), the calendar's month and weekday names, each day's accessible name ("Monday,
 * March 9, 2026") and the first day of the week.
 */
export function calendarWords(locale: string): CalendarWords {
  let found = calendars.get(locale);
  if (!found) calendars.set(locale, (found = makeCalendarWords(locale)));
  return found;
}

export type CalendarWords = ReturnType<typeof makeCalendarWords>;
// Asked once per date field drawn (a hundred on an account): made once per locale.
const calendars = new Map<string, CalendarWords>();

function makeCalendarWords(locale: string) {
  let firstDayOfWeek = 1;
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const first = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    if (first) firstDayOfWeek = first % 7;
  } catch {
    // An unknown locale keeps Monday.
  }
  return {
    firstDayOfWeek: firstDayOfWeek as 0 | 1 | 2 | 3 | 4 | 5 | 6,
    shown: (value: string | Date) => formatter(locale, { day: "numeric", month: "short", year: "numeric" }).format(dayOf(value)),
    monthLabel: (value: string | Date) => formatter(locale, { month: "long", year: "numeric" }).format(dayOf(value)),
    monthName: (value: string | Date) => formatter(locale, { month: "short" }).format(dayOf(value)),
    weekday: (value: string | Date) => formatter(locale, { weekday: "short" }).format(dayOf(value)),
    dayName: (value: string | Date) => formatter(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(dayOf(value)),
  };
}
