/**
 * Reminders: each person is reminded of their own work only — the calls, milestones and
 * commitments assigned to them, and the payment of the accounts they own — in the window
 * (browser mode) or by a desktop notification (Electron); a reminder missed while the app
 * was closed shows at the next start.
 *
 * When: a call `leadMinutes` before its agreed time (the person chooses; a call agreed for
 * sooner than that reminds at once); a milestone, a commitment or an invoice on its due
 * day, at `DUE_DAY_TIME` in the person's zone.
 *
 * "Once" is per person and per item and time: a reminder is identified by account, item
 * and time (`reminderKey`). The sync node records, for each person, which keys have fired
 * on this laptop (a device-local file) and writes the same in the account
 * (`remindersShown`, keyed by person id), so the person's other laptop, once synced, stays
 * quiet too, and the other person's laptop never reads it as its own. Moving a call to
 * another time makes a new key, so the moved call reminds again; a second window, a
 * restart or the account arriving again from the other laptop does not.
 */
import type { FollowUpPurpose } from "../account/schema";
import { zonedTimeToInstant } from "../calendar";
import { reminderShownKey } from "../account/records/reminder";
import type { AccountSummary } from "./summary";

/** What a reminder is about. */
export type ReminderKind = "call" | "milestone" | "commitment" | "payment";

/** Something due for this person: a call coming up, or a milestone, commitment or invoice due today. */
export interface DueReminder {
  key: string;
  kind: ReminderKind;
  documentId: string;
  accountName: string;
  /** The call, milestone or commitment ("payment" for an invoice). */
  itemId: string;
  /** The call's purpose; null for the others. */
  purpose: FollowUpPurpose | null;
  /** A call's agreed time (ISO instant); for the others the due day's start in UTC. */
  agreedTime: string;
  /** The due day (YYYY-MM-DD) of a milestone, commitment or invoice; null for a call. */
  dueDate: string | null;
  timeZone: string;
  /** Why we call, the milestone's title, the commitment's words; "" for an invoice. */
  reason: string;
  /** When this person is reminded (ISO instant). */
  remindAt: string;
}

/** Whose reminders and how early. */
export interface ReminderPerson {
  /** The person's id: the same on each of their laptops (their profile's id). */
  id: string;
  /** How many minutes before a call to remind (0: at the agreed time). */
  leadMinutes: number;
  /** The person's IANA zone: a due day starts in it. */
  timeZone: string;
}

/** How long after its time a missed reminder is still shown (older items are simply overdue on Today). */
export const REMINDER_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
/** The longest lead time a person can choose, in minutes (one day). */
export const REMINDER_LEAD_MAX = 24 * 60;
/** The time of day a milestone, commitment or invoice due that day reminds, in the person's zone. */
export const DUE_DAY_TIME = "09:00";

/** The identity of one reminder: the same item at the same time is one reminder. */
export function reminderKey(documentId: string, itemId: string, time: string): string {
  return `${documentId}/${itemId}@${time}`;
}

const ENDED: ReadonlySet<string> = new Set(["lost", "cancelled"]);
const dayStart = (date: string) => `${date}T00:00:00.000Z`;

/** Every reminder of `person` on these accounts, whatever the time (ended accounts left out). */
function remindersOf(summaries: readonly AccountSummary[], person: ReminderPerson): DueReminder[] {
  const lead = Math.max(0, Math.min(REMINDER_LEAD_MAX, Math.round(person.leadMinutes))) * 60_000;
  const dueDayAt = (date: string) => {
    try {
      return zonedTimeToInstant(date, DUE_DAY_TIME, person.timeZone);
    } catch {
      return `${date}T09:00:00.000Z`;
    }
  };
  const out: DueReminder[] = [];
  for (const s of summaries) {
    if (ENDED.has(s.stage)) continue;
    const accountName = s.name.trim() || "Untitled account";
    const base = { documentId: s.documentId, accountName };
    for (const c of s.calls ?? []) {
      if (c.assigneeId !== person.id) continue;
      const at = Date.parse(c.agreedTime);
      if (!Number.isFinite(at)) continue;
      const remindAt = new Date(at - lead).toISOString();
      out.push({ ...base, key: reminderKey(s.documentId, c.id, c.agreedTime), kind: "call", itemId: c.id, purpose: c.purpose, agreedTime: c.agreedTime, dueDate: null, timeZone: c.timeZone, reason: c.reason, remindAt });
    }
    for (const m of s.milestonesDue ?? []) {
      if (m.assigneeId !== person.id) continue;
      out.push({ ...base, key: reminderKey(s.documentId, `milestone.${m.id}`, dayStart(m.endDate)), kind: "milestone", itemId: m.id, purpose: null, agreedTime: dayStart(m.endDate), dueDate: m.endDate, timeZone: person.timeZone, reason: m.title, remindAt: dueDayAt(m.endDate) });
    }
    for (const c of s.commitmentsDue ?? []) {
      if (c.assigneeId !== person.id) continue;
      out.push({ ...base, key: reminderKey(s.documentId, `commitment.${c.id}`, dayStart(c.dueDate)), kind: "commitment", itemId: c.id, purpose: null, agreedTime: dayStart(c.dueDate), dueDate: c.dueDate, timeZone: person.timeZone, reason: c.text, remindAt: dueDayAt(c.dueDate) });
    }
    if (s.paymentDue && s.ownerId === person.id) {
      out.push({ ...base, key: reminderKey(s.documentId, "payment", dayStart(s.paymentDue)), kind: "payment", itemId: "payment", purpose: null, agreedTime: dayStart(s.paymentDue), dueDate: s.paymentDue, timeZone: person.timeZone, reason: "", remindAt: dueDayAt(s.paymentDue) });
    }
  }
  return out;
}

/**
 * The reminders of `person` due at `now` that have not fired for them on this laptop
 * (`fired` holds their keys) nor on another of theirs (the account's `remindersShown`),
 * oldest first. Items whose time is more than `REMINDER_MAX_AGE_MS` ago are left out.
 */
export function dueReminders(summaries: readonly AccountSummary[], now: string, fired: ReadonlySet<string>, person: ReminderPerson): DueReminder[] {
  const oldest = new Date(Date.parse(now) - REMINDER_MAX_AGE_MS).toISOString();
  const shown = new Set<string>();
  for (const s of summaries) for (const k of s.remindersShown ?? []) shown.add(k);
  return remindersOf(summaries, person)
    .filter((r) => r.remindAt <= now && r.agreedTime >= oldest && !fired.has(r.key) && !shown.has(reminderShownKey(person.id, r.key)))
    .sort((a, b) => (a.remindAt < b.remindAt ? -1 : a.remindAt > b.remindAt ? 1 : a.key < b.key ? -1 : 1));
}

/** The next time after `now` (ISO) that one of `person`'s reminders falls due, to wake up for; null when none is. */
export function nextReminderAt(summaries: readonly AccountSummary[], now: string, person: ReminderPerson): string | null {
  let next: string | null = null;
  for (const r of remindersOf(summaries, person)) if (r.remindAt > now && (next === null || r.remindAt < next)) next = r.remindAt;
  return next;
}
