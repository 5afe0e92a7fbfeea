/**
 * Live edits from a renderer or a meeting peer (shared/live-edits.ts), applied to the
 * node's copy of an account. automerge-repo calls the listener BEFORE it forwards the
 * message to the document's other peers, and applying a change runs everything that
 * follows one (sync messages to every peer, the summary, the write to disk): applied in a
 * microtask, the message is on its way to the other laptop first, so each hop costs a
 * forward, not a full change.
 */
import type { DocHandle } from "@automerge/automerge-repo";
import type { AccountDoc } from "../../../shared/account/schema";
import { applyLiveChange, isLiveChange } from "../../../shared/live-edits";
import { chunksAreIntact } from "../network/change-integrity";
import type { Guard } from "../process-guards";

export function applyLiveEdits(handle: DocHandle<AccountDoc>, guard: Guard): void {
  const id = handle.documentId;
  handle.on("ephemeral-message", ({ message }) => {
    // A damaged change is never applied (network/change-integrity.ts); the listeners refuse it
    // already, this also covers what comes over an outbound link.
    if (!isLiveChange(message) || !chunksAreIntact(message.change)) return;
    queueMicrotask(() => {
      guard(id, "apply a live edit", () => {
        if (handle.isReady()) handle.update((doc) => applyLiveChange(doc, message));
      });
    });
  });
}
