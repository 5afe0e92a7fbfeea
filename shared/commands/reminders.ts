/** Recording in the account that a person was shown a reminder (records/reminder.ts). Pure mutations, called inside `handle.change`. */
import type { AccountDoc } from "../account/schema";
import { fixed } from "../account/fixed";
import { reminderShownKey } from "../account/records/reminder";
import { isRecordValue } from "../account/stored";
import { assertWritable } from "./account";

/** Arguments of `recordReminderShown`. */
export interface RecordReminderShownArgs {
  personId: string;
  /** The reminder's key (`reminderKey`). */
  key: string;
  /** When it was shown (ISO). */
  at: string;
}

/**
 * Record that `personId` was shown the reminder `key`, unless it is recorded already. An
 * account not yet upgraded to hold the record is left alone: the container is never
 * created apart from the other laptops.
 */
export function recordReminderShown(doc: AccountDoc, a: RecordReminderShownArgs): void {
  assertWritable(doc);
  const entry = reminderShownKey(a.personId, a.key);
  if (isRecordValue(doc.remindersShown) && !doc.remindersShown[entry]) doc.remindersShown[entry] = { at: fixed(a.at) };
}
