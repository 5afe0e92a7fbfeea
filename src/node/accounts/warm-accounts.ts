/**
 * The accounts a window is about to open, loaded before the click. The window asks for the
 * account under the pointer or the keyboard focus (`warmAccount`), and opening an account
 * counts as using it; the node keeps the most recently used ones loaded — live documents
 * that follow the team server and meetings, so a warm account is as current as a cold one —
 * and lets the least recent go once there are more than `capacity`.
 *
 * Memory: a loaded year-long account costs about 1.4 MB of the node's heap (1,436 MB for
 * 1,000 in the bench), so the default 12 bound the warm set at ~17 MB beyond what the
 * node holds anyway. A request is harmless when repeated, and at most `parallel` loads run
 * at once: a pointer swept down the list drops the requests it outran.
 */
import type { DocumentId, Repo } from "@automerge/automerge-repo";
import type { Library } from "../library/library";
import { unloadDocument } from "../storage/unload-document";

export const WARM_CAPACITY = 12;
const WARM_PARALLEL = 3;

export interface WarmAccountsOptions {
  repo: Repo;
  library: Library;
  /** An account a meeting is sharing right now stays loaded whatever its age. */
  pinned: (documentId: string) => boolean;
  log?: (line: string) => void;
  capacity?: number;
}

export class WarmAccounts {
  readonly #o: WarmAccountsOptions;
  /** Used accounts, least recent first (a Map keeps insertion order). */
  readonly #recent = new Map<string, true>();
  readonly #loading = new Set<string>();

  constructor(options: WarmAccountsOptions) {
    this.#o = options;
  }

  /** Load the account if it is not loaded (unless enough loads are running already). */
  warm(documentId: string): void {
    if (!this.#o.library.has(documentId)) return;
    this.used(documentId);
    const { repo } = this.#o;
    if (repo.handles[documentId as DocumentId]?.isReady() || this.#loading.has(documentId) || this.#loading.size >= WARM_PARALLEL) return;
    this.#loading.add(documentId);
    void repo
      .find(documentId as DocumentId)
      .catch((e: unknown) => this.#o.log?.(`could not warm account ${documentId}: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.#loading.delete(documentId));
  }

  /** The account was opened or is about to be: most recent now; the least recent beyond the bound let go. */
  used(documentId: string): void {
    if (!this.#o.library.has(documentId)) return;
    this.#recent.delete(documentId);
    this.#recent.set(documentId, true);
    const capacity = this.#o.capacity ?? WARM_CAPACITY;
    for (const id of [...this.#recent.keys()]) {
      if (this.#recent.size <= capacity) break;
      this.#recent.delete(id);
      if (!this.#o.pinned(id)) void this.#unload(id);
    }
  }

  /** Accounts kept warm, least recent first. */
  recent(): string[] {
    return [...this.#recent.keys()];
  }

  async #unload(documentId: string): Promise<void> {
    const { repo } = this.#o;
    if (!repo.handles[documentId as DocumentId]?.isReady()) return;
    try {
      // On disk first: what the node acknowledged as saved must stay saved.
      await repo.flush([documentId as DocumentId]);
      // Used again meanwhile: keep it.
      if (this.#recent.has(documentId) || this.#o.pinned(documentId)) return;
      await unloadDocument(repo, documentId);
    } catch (e) {
      this.#o.log?.(`could not let account ${documentId} go from memory: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
