/**
 * New accounts an import brings in go straight to disk, several at once, without becoming
 * live documents of the Repo. Why: making each one a live document (a handle, its heads
 * encoded on every change, its own save, its summary watch) was most of an import's time —
 * 18 s of 21 s for 1,000 companies — and nothing needs them live: a window opens an
 * account from disk, and the team server link opens new ones for sync afterwards. An
 * account counts as in only once its chunk is on disk (written atomically and durably by
 * the storage), so a cancel or a crash leaves each one whole or absent.
 */
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl, type DocumentId, type Repo } from "@automerge/automerge-repo";
import type { AccountDoc } from "../../../shared/account/schema";

/** Chunks written at once: enough for the disk to write them together, few enough to stop soon after a cancel. */
const AT_ONCE = 8;

/** A fresh document id for a new account. */
export function newDocumentId(): DocumentId {
  return parseAutomergeUrl(generateAutomergeUrl()).documentId;
}

/**
 * Write each new account (`account(item)`: its id and document) to disk, `AT_ONCE` at a
 * time, calling `stored` as each is on disk; stops starting new ones once `signal` is
 * aborted (those being written finish). A failed write stops the rest and is thrown once
 * every write in flight has ended.
 */
export async function storeNewAccounts<T>(
  repo: Repo,
  items: readonly T[],
  signal: AbortSignal,
  account: (item: T) => { documentId: DocumentId; doc: A.Doc<AccountDoc> },
  stored: (item: T, documentId: DocumentId, doc: A.Doc<AccountDoc>) => Promise<void>,
): Promise<void> {
  const storage = repo.storageSubsystem;
  if (!storage) throw new Error("This node keeps no accounts on disk.");
  let next = 0;
  let failed: unknown = null;
  const worker = async () => {
    while (next < items.length && !signal.aborted && failed === null) {
      const item = items[next++] as T;
      try {
        const { documentId, doc } = account(item);
        await storage.saveDoc(documentId, doc);
        await stored(item, documentId, doc);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
  if (failed !== null) throw failed;
}
