/**
 * A reminder a person has been shown, on any of their laptops. Kept in the account so that
 * the person's other laptop, once synced, does not show it again: one entry per person and
 * reminder, keyed `<person id> <reminder key>` (shared/queries/reminders.ts), so two laptops
 * of two people never write the same key, and two laptops of one person write the same
 * entry (whichever lands last keeps its time).
 */
import type { Fixed } from "../values";
import { instant, record, type Check } from "../stored";

export interface ReminderShownDoc {
  /** When it was first shown (ISO). */
  at: Fixed;
}

export const reminderShownRecord: Check<ReminderShownDoc> = record({ at: instant });

/** The key of the entry for `personId` and the reminder `key`. */
export const reminderShownKey = (personId: string, key: string): string => `${personId} ${key}`;
