/**
 * Why this exists: automerge-repo 2.5.6 declares a "document" event but never emits it.
 * Every handle it creates, finds or imports passes through `synchronizer.addDocument`, so
 * the node watches there, once per handle, before the synchronizer starts syncing it. (Per
 * handle, not per id: an account let go from memory (warm-accounts.ts) and loaded again
 * is a new handle, and needs its summaries, live edits and durability watched again.)
 */
import type { DocHandle, Repo } from "@automerge/automerge-repo";
import type { AccountDoc } from "../../../shared/account/schema";

/** Call `watch` once for every document `repo` will hold. */
export function onEveryAccount(repo: Repo, watch: (handle: DocHandle<AccountDoc>) => void): void {
  const watched = new WeakSet<DocHandle<unknown>>();
  const synchronizer = repo.synchronizer;
  const addDocument = synchronizer.addDocument.bind(synchronizer);
  synchronizer.addDocument = (handle) => {
    if (!watched.has(handle)) {
      watched.add(handle);
      watch(handle as DocHandle<AccountDoc>);
    }
    addDocument(handle);
  };
}
