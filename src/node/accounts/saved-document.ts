/**
 * An account handed to a window as one saved document (shared/api-paths.ts SAVED_DOCUMENT_PATH).
 * A window that opened an account by sync alone waited for the node to load it, build its
 * JS object, and send its whole history, which the window then applied change by change.
 * Now an account this node holds in memory is saved compactly (current, with everything
 * not yet on disk); one it does not is read from storage as its stored chunks, without
 * loading it here at all. Either way the window loads it in one step and the sync that
 * follows carries only what is newer.
 */
import { save } from "@automerge/automerge";
import type { DocumentId, Repo } from "@automerge/automerge-repo";
import type { Library } from "../library/library";
import type { CrashSafeStorage } from "../storage/crash-safe-storage";

export interface SavedDocumentsOptions {
  repo: Repo;
  storage: CrashSafeStorage;
  library: Library;
}

export class SavedDocuments {
  readonly #o: SavedDocumentsOptions;

  constructor(options: SavedDocumentsOptions) {
    this.#o = options;
  }

  /** The account as one binary, or null when it is not this person's or not on this device. */
  async bytes(documentId: string): Promise<Uint8Array | null> {
    if (!this.#o.library.has(documentId)) return null;
    const handle = this.#o.repo.handles[documentId as DocumentId];
    if (handle?.isReady()) return save(handle.doc());
    // A damaged account is restored from peers by sync, never handed over in parts.
    if (this.#o.storage.damagedDocuments().has(documentId)) return null;
    const chunks = (await this.#o.storage.loadRange([documentId])).filter((c) => c.data && (c.key[1] === "snapshot" || c.key[1] === "incremental"));
    if (chunks.length === 0 || this.#o.storage.damagedDocuments().has(documentId)) return null;
    // Snapshots first, as automerge-repo loads them; chunks one after another load as one document.
    chunks.sort((a, b) => (a.key[1] === b.key[1] ? 0 : a.key[1] === "snapshot" ? -1 : 1));
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.data!.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c.data!, at);
      at += c.data!.length;
    }
    return out;
  }
}
