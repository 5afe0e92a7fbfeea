/**
 * Once a reminder is shown on this laptop, the account records it for the person
 * (`recordReminderShown`), so their other laptop, once synced, does not show it again.
 */
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";
import type { AccountDoc, Person } from "../../../shared/account/schema";
import { reminderShownKey } from "../../../shared/account/records/reminder";
import { prepareChange } from "../../../shared/commands/catalog";
import { isRecordValue } from "../../../shared/account/stored";

/** Record in the account of `key` (`<document>/<item>@<time>`) that `person` was shown it at `at`. */
export async function markReminderShown(repo: Repo, person: Person, key: string, at: string): Promise<void> {
  const documentId = key.slice(0, key.indexOf("/")) as DocumentId;
  const handle = (repo.handles[documentId] as DocHandle<AccountDoc> | undefined) ?? (await repo.find<AccountDoc>(documentId));
  await handle.whenReady();
  const doc = handle.doc();
  // Not upgraded yet, or recorded already (by this person's other laptop): nothing to write.
  if (!doc || !isRecordValue(doc.remindersShown) || doc.remindersShown[reminderShownKey(person.id, key)]) return;
  const change = prepareChange(person, "recordReminderShown", { personId: person.id, key, at }, doc);
  handle.change(change.run, { message: change.message });
}
