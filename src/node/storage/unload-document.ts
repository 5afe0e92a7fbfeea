/**
 * Why this exists: automerge-repo 2.5.6's `removeFromCache` unloads the handle, which swaps
 * its document for an empty one and emits that as a change. The Repo's own throttled save
 * then stores the empty document, and when it compacts (a small document, or incrementals
 * that outgrew the snapshot) it deletes the chunks that held the account: the content is
 * gone from disk. Every other listener sees the account emptied as well (summaries, a
 * relay's member lists). So a document is saved first and its handle silenced before it
 * goes; everything that lets a document go from memory does it here.
 */
import type { DocumentId, Repo } from "@automerge/automerge-repo";

/**
 * Let a document go from the Repo's memory, its content kept on disk; loaded again from
 * storage when next asked for. False when it was not loaded (or still loading: left alone).
 * A handle that ended "unavailable" (an upload the peer dropped, a request nobody answered)
 * holds nothing to save and goes too.
 */
export async function unloadDocument(repo: Repo, documentId: string): Promise<boolean> {
  const handle = repo.handles[documentId as DocumentId];
  if (!handle?.inState(["ready", "unavailable"])) return false;
  if (handle.isReady()) await repo.flush([documentId as DocumentId]);
  // Asked for again while it was being saved: whoever asked holds this handle.
  if (repo.handles[documentId as DocumentId] !== handle) return false;
  // removeFromCache reads the document, which an unavailable handle refuses; declared
  // loaded, its document is the empty one it already holds, and nothing of it is saved.
  if (handle.isUnavailable()) handle.doneLoading();
  handle.removeAllListeners();
  await repo.removeFromCache(documentId as DocumentId);
  return true;
}
