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
    if (isLiveChange(message) && handle.isReady()) handle.update((doc) => applyLiveChange(doc, message));
  };
  handle.on("ephemeral-message", onMessage);
  return () => handle.off("ephemeral-message", onMessage);
}
