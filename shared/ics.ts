/**
 * Calendar export: one call or follow-up, or all of a person's upcoming ones, as an
 * iCalendar (.ics, RFC 5545) file that Google Calendar, Outlook and Apple Calendar import.
 *
 * Written with ical.js (Mozilla's iCalendar library), which escapes text values
 * (commas, semicolons, backslashes, line breaks) and folds long lines within 75 octets
 * without splitting a UTF-8 character. Times are written in UTC (`…Z`), which every
 * calendar reads without a VTIMEZONE; the zone the call was agreed in is said in the
 * description. The UID is stable per call (account + call id), so importing the file
 * again after the call moved updates the event instead of adding a second one.
 *
 * Not imported by `shared/index.ts`: the renderer loads it (and ical.js) on demand.
 */
import ICAL from "ical.js";

/** One call or meeting to put in a calendar. */
export interface CalendarCall {
  documentId: string;
  followUpId: string;
  /** The event's title, e.g. "Follow-up call: Acme". */
  title: string;
  /** The agreed time, an ISO instant. */
  start: string;
  /** Length of the event in minutes. */
  minutes: number;
  /** The zone the time was agreed in, said in the description. */
  timeZone: string;
  /** Free text: the reason, notes, the number to call. */
  description: string;
}

/** Options of `callsToIcs`. */
export interface IcsOptions {
  /** When the file is made (ISO instant): DTSTAMP, and the SEQUENCE that lets a later export update an earlier one. */
  now: string;
  /** The calendar's name, shown by some calendars on import. */
  name?: string;
  /** Minutes before the call for a reminder alarm; null for none (default 10). */
  alarmMinutes?: number | null;
}

/** The UID of a call's event: the same for every export of the same call. */
export function callUid(documentId: string, followUpId: string): string {
  return oneLine(`${followUpId}.${documentId}@baton.calls`);
}

// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL_BUT_TAB_AND_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * RFC 5545 text allows no control character but TAB; a line break is written `\n`, which
 * ical.js does for LF. Text from an account (a peer's too) may hold a bare CR, which a
 * calendar reads as the end of the line — the rest would become a property of its own —
 * so CRs become line breaks and every other control character goes.
 */
function calendarText(value: string): string {
  return String(value).replace(/\r\n?/g, "\n").replace(CONTROL_BUT_TAB_AND_LF, "");
}

/** Text that must stay on one line (the UID, the calendar's name). */
function oneLine(value: string): string {
  return calendarText(value).replace(/[\t\n]+/g, " ");
}

/** Minutes since 2024-01-01: grows with each export, so calendars take the newer copy of an event. */
function sequenceAt(now: string): number {
  return Math.max(0, Math.floor((Date.parse(now) - Date.UTC(2024, 0, 1)) / 60_000));
}

const utc = (iso: string) => ICAL.Time.fromJSDate(new Date(iso), true);

/** The .ics text (CRLF line ends) for `calls`. */
export function callsToIcs(calls: readonly CalendarCall[], options: IcsOptions): string {
  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.updatePropertyWithValue("prodid", "-//Baton//Calls and follow-ups//EN");
  calendar.updatePropertyWithValue("version", "2.0");
  calendar.updatePropertyWithValue("calscale", "GREGORIAN");
  calendar.updatePropertyWithValue("method", "PUBLISH");
  if (options.name) calendar.updatePropertyWithValue("x-wr-calname", oneLine(options.name));
  const alarm = options.alarmMinutes === undefined ? 10 : options.alarmMinutes;
  for (const c of calls) {
    const vevent = new ICAL.Component("vevent");
    const event = new ICAL.Event(vevent);
    event.uid = callUid(c.documentId, c.followUpId);
    vevent.updatePropertyWithValue("dtstamp", utc(options.now));
    vevent.updatePropertyWithValue("sequence", sequenceAt(options.now));
    event.startDate = utc(c.start);
    event.endDate = utc(new Date(Date.parse(c.start) + Math.max(5, c.minutes) * 60_000).toISOString());
    event.summary = oneLine(c.title);
    event.description = calendarText(c.description);
    vevent.updatePropertyWithValue("status", "CONFIRMED");
    vevent.updatePropertyWithValue("transp", "OPAQUE");
    if (alarm !== null) {
      const valarm = new ICAL.Component("valarm");
      valarm.updatePropertyWithValue("action", "DISPLAY");
      valarm.updatePropertyWithValue("description", oneLine(c.title));
      valarm.updatePropertyWithValue("trigger", ICAL.Duration.fromSeconds(-alarm * 60));
      vevent.addSubcomponent(valarm);
    }
    calendar.addSubcomponent(vevent);
  }
  // ical.js folds after `foldLength` octets and puts a space before the rest: 74 keeps
  // every physical line, continuation space included, within RFC 5545's 75 octets.
  const fold = ICAL.foldLength;
  ICAL.foldLength = 74;
  try {
    const text = calendar.toString();
    return text.endsWith("\r\n") ? text : `${text}\r\n`;
  } finally {
    ICAL.foldLength = fold;
  }
}

/** A file name for an export: letters, digits and dashes only, so every system accepts it. */
export function icsFileName(what: string): string {
  const base = what
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${base || "baton-calls"}.ics`;
}
