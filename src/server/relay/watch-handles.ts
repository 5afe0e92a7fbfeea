/**
 * Why this exists: automerge-repo 2.5.6 declares a `document` event on Repo ("a new
 * document was created or discovered") but never emits it, so code that waits for it
 * never sees a document. Every handle that syncs or loads does show up in the Repo's
 * `doc-metrics` events (receive/generate sync message, loaded, saved), so those are used
 * to find new handles; `document` is still listened to in case a later version emits it.
 * A handle created locally with no peer shows up at its first save.
 */
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";

/** Call `onHandle` once for every handle of `repo`, present and future. Returns a stop function. */
export function onEveryHandle(repo: Repo, onHandle: (handle: DocHandle<unknown>) => void): () => void {
  const seen = new WeakSet<DocHandle<unknown>>();
  const visit = (documentId: string) => {
    const handle = repo.handles[documentId as DocumentId] as DocHandle<unknown> | undefined;
    if (!handle || seen.has(handle)) return;
    seen.add(handle);
    onHandle(handle);
  };
  const onDocument = ({ handle }: { handle: DocHandle<unknown> }) => visit(handle.documentId);
  const onMetrics = (event: object) => {
    const documentId = (event as { documentId?: unknown }).documentId;
    if (typeof documentId === "string") visit(documentId);
  };
  repo.on("document", onDocument);
  repo.on("doc-metrics", onMetrics);
  for (const id of Object.keys(repo.handles)) visit(id);
  return () => {
    repo.off("document", onDocument);
    repo.off("doc-metrics", onMetrics);
  };
}
