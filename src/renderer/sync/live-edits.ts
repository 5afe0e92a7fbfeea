/**
 * The window's side of the live-edit fast path (shared/live-edits.ts): send each local
 * change at once as an ephemeral message, and apply the ones that arrive. The normal sync
 * protocol still follows behind, so nothing depends on these messages arriving.
 */
import type { DocHandle } from "@automerge/automerge-repo/slim";
import { applyLiveChange, isLiveChange, liveChangeOf } from "../../../shared/live-edits";

/** Broadcast the change just made on `handle`. */
export function sendLiveEdit(handle: DocHandle<unknown>): void {
  const message = liveChangeOf(handle.doc());
  if (message) handle.broadcast(message);
}

/** Apply live edits arriving for `handle`; returns the function that stops following. */
export function followLiveEdits(handle: DocHandle<unknown>): () => void {
  const onMessage = ({ message }: { message: unknown }) => {
    if (!isLiveChange(message) || !handle.isReady()) return;
    try {
      handle.update((doc) => applyLiveChange(doc, message));
    } catch {
      // A change that cannot be applied here arrives again by the normal sync, or not at all.
    }
  };
  handle.on("ephemeral-message", onMessage);
  return () => handle.off("ephemeral-message", onMessage);
}
