/**
 * Reminders: at the agreed time of a call, the person is reminded once — in the window
 * (browser mode) or by a desktop notification (Electron) — and a reminder missed while
 * the app was closed shows at the next start.
 *
 * "Once" is per person and per agreed time: a reminder is identified by account, call
 * and agreed time (`reminderKey`), and the sync node records, for each person, which
 * keys have fired, in a device-local file (never in the shared account, where the other
 * person's laptop would read it as its own). Moving a call to another time makes a new
 * key, so the moved call reminds again; a second window, a restart or the account
 * arriving again from the other laptop does not.
 */
import type { FollowUpPurpose } from "../account/schema";
import type { AccountSummary } from "./summary";

/** A call whose agreed time has come. */
export interface DueReminder {
  key: string;
  documentId: string;
  accountName: string;
  followUpId: string;
  purpose: FollowUpPurpose;
  /** ISO instant. */
  agreedTime: string;
  timeZone: string;
  reason: string;
}

/** How long after its agreed time a missed reminder is still shown (older calls are simply overdue on Today). */
export const REMINDER_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** The identity of one reminder: the same call at the same agreed time is one reminder. */
export function reminderKey(documentId: string, followUpId: string, agreedTime: string): string {
  return `${documentId}/${followUpId}@${agreedTime}`;
}

/**
 * The reminders due at `now` that have not fired for this person (`fired` holds their
 * keys), oldest first. Calls agreed more than `REMINDER_MAX_AGE_MS` ago are left out.
 */
export function dueReminders(summaries: readonly AccountSummary[], now: string, fired: ReadonlySet<string>): DueReminder[] {
  const oldest = new Date(Date.parse(now) - REMINDER_MAX_AGE_MS).toISOString();
  const due: DueReminder[] = [];
  for (const s of summaries) {
    if (s.stage === "lost" || s.stage === "cancelled") continue;
    for (const c of s.calls ?? []) {
      if (c.agreedTime > now || c.agreedTime < oldest) continue;
      const key = reminderKey(s.documentId, c.id, c.agreedTime);
      if (fired.has(key)) continue;
      due.push({ key, documentId: s.documentId, accountName: s.name.trim() || "Untitled account", followUpId: c.id, purpose: c.purpose, agreedTime: c.agreedTime, timeZone: c.timeZone, reason: c.reason });
    }
  }
  return due.sort((a, b) => (a.agreedTime < b.agreedTime ? -1 : a.agreedTime > b.agreedTime ? 1 : a.key < b.key ? -1 : 1));
}

/** The next agreed time after `now` (ISO), to wake up for; null when none is scheduled. */
export function nextReminderAt(summaries: readonly AccountSummary[], now: string): string | null {
  let next: string | null = null;
  for (const s of summaries) {
    if (s.stage === "lost" || s.stage === "cancelled") continue;
    for (const c of s.calls ?? []) if (c.agreedTime > now && (next === null || c.agreedTime < next)) next = c.agreedTime;
  }
  return next;
}
