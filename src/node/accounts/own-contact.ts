/**
 * When a person's phone or email changes in their profile, the accounts they own (as rep
 * or delivery lead) take the new details, so the recap on every laptop that shares one
 * tells the customer the current number — without waiting for the person to open each
 * account. Only accounts whose summary names the person are opened, and only those that
 * say otherwise are changed (shared/commands/owner-contact.ts); the window does the same
 * for an account as it opens it.
 */
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";
import type { AccountDoc, ProfileSettings } from "../../../shared/account/schema";
import { checkAccount } from "../../../shared/account/check";
import { isFromNewerApp } from "../../../shared/account/migrations";
import { prepareChange } from "../../../shared/commands/catalog";
import { ownerContactStale } from "../../../shared/commands/owner-contact";
import type { AccountSummary } from "../../../shared/queries/summary";

export interface OwnContactOptions {
  repo: Repo;
  accounts: () => readonly AccountSummary[];
  log: (line: string) => void;
}

/** Write `profile`'s phone and email on each account that names them as rep or delivery lead and says otherwise; the number changed. */
export async function keepOwnContact(o: OwnContactOptions, profile: ProfileSettings): Promise<number> {
  const args = { personId: profile.id, phone: profile.phone, email: profile.email };
  let changed = 0;
  for (const summary of o.accounts()) {
    if (!summary.contactIds?.includes(profile.id) || summary.readOnly) continue;
    try {
      const id = summary.documentId as DocumentId;
      const handle = (o.repo.handles[id] as DocHandle<AccountDoc> | undefined) ?? (await o.repo.find<AccountDoc>(id));
      await handle.whenReady();
      const doc = handle.doc();
      if (!doc || isFromNewerApp(doc) || !ownerContactStale(checkAccount(doc).account, args)) continue;
      const change = prepareChange(profile, "updateOwnerContact", args, doc);
      handle.change(change.run, { message: change.message });
      changed++;
    } catch (e) {
      // One account that cannot be reached or changed must not keep the others from updating.
      o.log(`could not update your phone and email on ${summary.documentId}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return changed;
}
