/**
 * The fast path for live edits (DESIGN.md "Performance design").
 *
 * automerge-repo sends a document's changes to a peer at most every 100 ms, on every
 * hop (renderer → node → peer node → peer renderer). Typing in a meeting needs better.
 * So each local change is also broadcast at once as an ephemeral message carrying the
 * change's bytes; automerge-repo forwards ephemeral messages to the document's other
 * peers without delay, and each replica applies the change on arrival. Applying a change
 * twice is a no-op in Automerge, so the normal sync protocol stays the reliable path
 * behind it: a lost or refused ephemeral message costs only the usual delay, never data.
 */
import { applyChanges, getLastLocalChange, type Doc } from "@automerge/automerge/slim";

/** The ephemeral message carrying one change. */
export interface LiveChangeMessage {
  type: "baton/live-change";
  change: Uint8Array;
}

/** Largest change sent on the fast path; bigger ones (imports, pastes) go by sync only. */
export const LIVE_CHANGE_MAX_BYTES = 256 * 1024;

/** The message for the change just made locally, or null when there is none to send. */
export function liveChangeOf<T>(doc: Doc<T>): LiveChangeMessage | null {
  const change = getLastLocalChange(doc);
  if (!change || change.byteLength > LIVE_CHANGE_MAX_BYTES) return null;
  return { type: "baton/live-change", change };
}

/** True when an ephemeral message is a well-formed live change. */
export function isLiveChange(message: unknown): message is LiveChangeMessage {
  if (typeof message !== "object" || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.type === "baton/live-change" && m.change instanceof Uint8Array && m.change.byteLength > 0 && m.change.byteLength <= LIVE_CHANGE_MAX_BYTES;
}

/**
 * Apply a live change to a document. Returns the document unchanged when the bytes are
 * not a valid change (a bad peer): the sync protocol remains the judge of what is real.
 */
export function applyLiveChange<T>(doc: Doc<T>, message: LiveChangeMessage): Doc<T> {
  try {
    return applyChanges(doc, [message.change])[0];
  } catch {
    return doc;
  }
}
