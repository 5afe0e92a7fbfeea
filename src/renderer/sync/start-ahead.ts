/**
 * Accounts started before the click. When the pointer (or the focus) rests on a row, the
 * node loads the account and the window starts it from the node's saved document: its
 * Automerge load, the build of its JS object and automerge-repo's first diff of the handle
 * (a patch for every part of the document, ~50 ms for a year-long account) are all done
 * before the click, which then only draws the account.
 *
 * A started account is a live document of the window's repo, which the node keeps in step,
 * so it is never stale when opened. The last few started and not opened are kept; older
 * ones are let go (the node keeps them). One that is opened is the opener's from then on.
 */
import type { DocumentId } from "@automerge/automerge-repo/slim";
import type { WindowApi } from "./api";
import type { WindowRepo } from "./repo";

/** Accounts started ahead and not opened, kept at most (each ~1.4 MB for a year-long account). */
export const STARTED_AHEAD_KEPT = 4;

export interface StartAhead {
  /** The person is about to open this account: the node loads it, the window starts it. */
  warm(documentId: string): void;
  /**
   * The account is being opened: the saved document to start it from, or null when the
   * window has it already (opened before, or started by `warm`) or is to get it by sync.
   */
  opening(documentId: string): Promise<Uint8Array | null>;
}

export function startAhead(windowRepo: WindowRepo, api: Pick<WindowApi, "warmAccount" | "savedDocument">): StartAhead {
  /** Started (or being started) and not opened yet: true once the window holds it. */
  const started = new Map<string, Promise<boolean>>();
  /** Being let go: opening one waits until it has gone, then starts it afresh. */
  const leaving = new Map<string, Promise<void>>();
  /** Opened (or being opened): never started ahead again, never let go. */
  const claimed = new Set<string>();

  function letGoBeyondKept(): void {
    for (const [documentId, held] of started) {
      if (started.size <= STARTED_AHEAD_KEPT) break;
      started.delete(documentId);
      const gone = held
        .then((h) => (h ? windowRepo.letGo(documentId as DocumentId) : undefined))
        .catch(() => undefined)
        .finally(() => leaving.delete(documentId));
      leaving.set(documentId, gone);
    }
  }

  function warm(documentId: string): void {
    if (claimed.has(documentId) || windowRepo.has(documentId as DocumentId) || started.has(documentId) || leaving.has(documentId)) return;
    api.warmAccount({ documentId }).catch(() => undefined);
    // Bytes that are not a document are not tried again at the click: it opens by sync.
    const held = Promise.all([windowRepo.ready(), api.savedDocument(documentId)]).then(
      ([, bytes]) => (bytes ? windowRepo.startFromSaved(documentId as DocumentId, bytes) : false),
      () => false,
    );
    started.set(documentId, held);
    letGoBeyondKept();
  }

  function opening(documentId: string): Promise<Uint8Array | null> {
    const gone = leaving.get(documentId);
    if (gone) return gone.then(() => opening(documentId));
    claimed.add(documentId);
    const held = started.get(documentId);
    started.delete(documentId);
    if (held) return held.then(() => null);
    return windowRepo.has(documentId as DocumentId) ? Promise.resolve(null) : api.savedDocument(documentId);
  }

  return { warm, opening };
}
