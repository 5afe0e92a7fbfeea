/**
 * An account written by an older Baton is upgraded once it is loaded, with the same change
 * on every laptop that upgrades it (shared/account/migrations.ts), so two laptops that
 * upgrade apart still agree.
 */
import type { DocHandle } from "@automerge/automerge-repo";
import type { AccountDoc } from "../../../shared/account/schema";
import { isFromNewerApp, migrated, needsMigration, versionOf } from "../../../shared/account/migrations";
import type { Guard } from "../process-guards";

export interface FormatUpgradeOptions {
  /** Only the person's own accounts are upgraded. */
  isInLibrary: (documentId: string) => boolean;
  guard: Guard;
  log: (line: string) => void;
}

export function upgradeFormatWhenReady(handle: DocHandle<AccountDoc>, o: FormatUpgradeOptions): void {
  const id = handle.documentId;
  handle
    .whenReady()
    .then(() => {
      o.guard(id, "upgrade the account's format", () => {
        const doc = handle.doc() as unknown as Record<string, unknown>;
        // Migrate only real, older account documents; never one still arriving or from a newer app.
        if (o.isInLibrary(id) && doc.name !== undefined && needsMigration(doc) && !isFromNewerApp(doc)) {
          o.log(`migrating ${id} from schema ${versionOf(doc)}`);
          handle.update((d) => migrated(d));
        }
      });
    })
    .catch(() => undefined);
}
