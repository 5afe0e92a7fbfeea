/**
 * The window's side of the live-edit fast path (shared/live-edits.ts): send each local
 * change at once as an ephemeral message, and apply the ones that arrive. The normal sync
 * protocol still follows behind, so nothing depends on these messages arriving.
 */
import { change, type ChangeFn } from "@automerge/automerge/slim";
import type { DocHandle } from "@automerge/automerge-repo/slim";
import { applyLiveChange, isLiveChange, liveChangeOf } from "../../../shared/live-edits";

/**
 * Make a change on `handle` (as `handle.change` does) and broadcast it before the handle
 * tells its listeners: their work (the handle's diff into patches, every screen's store)
 * runs after the change is on its way to the other laptop, not before. Throws what the
 * change threw, the document untouched.
 */
export function changeAndSend<T>(handle: DocHandle<T>, message: string, run: ChangeFn<T>): void {
  // What handle.change refuses: a handle not ready yet, and a view of the account at past heads.
  if (!handle.isReady()) throw new Error(`the account is not ready to edit (${handle.state})`);
  if (handle.isReadOnly()) throw new Error("this is the account as it was at a past moment, which cannot be edited");
  handle.update((doc) => {
    const next = change(doc, { message }, run);
    // No change made (the command found nothing to do): nothing to send.
    if (next !== doc) {
      try {
        const live = liveChangeOf(next);
        if (live) handle.broadcast(live);
      } catch {
        // Best effort: the sync protocol brings the change anyway. Thrown from here, the
        // handle would keep the document this change made outdated, and refuse every edit after.
      }
    }
    return next;
  });
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
