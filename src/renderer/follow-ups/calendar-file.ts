/**
 * Export calls as an .ics file: a download in browser mode (and Electron's save dialog
 * on the desktop). The iCalendar writer (shared/ics.ts, with ical.js) is loaded only
 * when someone exports, so it does not weigh on the start of the app.
 */
import type { CallContact, FollowUpPurpose } from "../../../shared";
import { localDateOf, localTimeOf } from "../../../shared";
import type { CalendarCall } from "../../../shared/ics";
import { PURPOSE_LABEL } from "../words/calls";

/** How long each kind of call is put in the calendar, in minutes. */
const MINUTES: Record<FollowUpPurpose, number> = { "follow-up": 30, call: 30, "most-important-call": 45, "handoff-meeting": 60 };

export interface CallForCalendar {
  documentId: string;
  accountName: string;
  followUpId: string;
  purpose: FollowUpPurpose;
  agreedTime: string;
  timeZone: string;
  reason: string;
  notes?: string;
  contact?: CallContact | null;
}

/** The calendar event for a call: title, time, and a description with the reason, notes and whom to call. */
export function calendarCallOf(c: CallForCalendar): CalendarCall {
  let agreed = c.agreedTime;
  try {
    agreed = `${localDateOf(c.agreedTime, c.timeZone)} ${localTimeOf(c.agreedTime, c.timeZone)} (${c.timeZone})`;
  } catch {
    // Keep the instant as it is.
  }
  const lines = [
    c.reason.trim() && `Why: ${c.reason.trim()}`,
    c.contact && `Call: ${c.contact.name}${c.contact.phone ? `, ${c.contact.phone}` : ""}`,
    `Agreed for ${agreed}.`,
    c.notes?.trim() && `Notes:\n${c.notes.trim()}`,
    "From Baton.",
  ].filter(Boolean);
  return {
    documentId: c.documentId,
    followUpId: c.followUpId,
    title: `${PURPOSE_LABEL[c.purpose] ?? "Call"}: ${c.accountName.trim() || "Untitled account"}`,
    start: c.agreedTime,
    minutes: MINUTES[c.purpose] ?? 30,
    timeZone: c.timeZone,
    description: lines.join("\n\n"),
  };
}

/** Make the .ics file for `calls` and hand it to the browser as a download named after `what`. */
export async function downloadCalendar(calls: CallForCalendar[], what: string, calendarName?: string): Promise<void> {
  const { callsToIcs, icsFileName } = await import("../../../shared/ics");
  const text = callsToIcs(calls.map(calendarCallOf), { now: new Date().toISOString(), name: calendarName });
  const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = icsFileName(what);
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
