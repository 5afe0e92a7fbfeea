/**
 * Keeps each account's summary in the library current — lists, search and Today read
 * summaries, never whole accounts — and tells the windows which summaries changed (not
 * the whole list: while someone types, that is one account). Summarising an account also
 * brings back the items of a part two laptops created apart (account/merge-containers.ts).
 * Each runs guarded: nothing a peer wrote into an account stops the node.
 */
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";
import type { AccountDoc } from "../../../shared/account/schema";
import { isFromNewerApp } from "../../../shared/account/migrations";
import { withHiddenContainersMerged } from "../../../shared/account/merge-containers";
import { summarize, type AccountSummary } from "../../../shared/queries/summary";
import { searchEntriesOf } from "../../../shared/queries/search";
import type { EventStream } from "../api/event-stream";
import type { Guard } from "../process-guards";
import type { Library } from "./library";
import type { SearchIndex } from "./search-index";

export interface SummariesOptions {
  repo: Repo;
  library: Library;
  /** What search finds in each account, made with each summary. */
  index: SearchIndex;
  events: EventStream;
  guard: Guard;
  stopped: () => boolean;
}

export class Summaries {
  readonly #o: SummariesOptions;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** Accounts whose summary changed since the last event to the windows. */
  readonly #changed = new Set<string>();
  #eventTimer: NodeJS.Timeout | null = null;

  constructor(options: SummariesOptions) {
    this.#o = options;
    options.library.on("changed", (id) => this.#summaryChanged(id));
  }

  /** Summarise the account once it is loaded, and again shortly after each change. */
  watch(handle: DocHandle<AccountDoc>): void {
    handle.on("change", () => this.#schedule(handle));
    handle
      .whenReady()
      .then(() => this.#schedule(handle))
      .catch(() => undefined);
  }

  /**
   * Summaries written by an older build lack what Today needs: open each such account once,
   * one at a time in the background, and summarise it again (after an upgrade only). An
   * account the search index lacks (a new or damaged index) is indexed the same way.
   */
  refreshStale(): void {
    const { library, index } = this.#o;
    const timer = setTimeout(async () => {
      // Which accounts the index lacks is known once it has been read.
      await index.ready();
      const ids = [...new Set([...library.stale(), ...library.ids().filter((id) => !index.has(id))])];
      for (const id of ids) {
        if (this.#o.stopped()) return;
        const handle = await this.#o.repo.find<AccountDoc>(id as DocumentId).catch(() => null);
        if (handle?.isReady() && !this.#o.stopped()) this.#o.guard(id, "summarise", () => this.summarise(id, handle.doc()));
      }
    }, 500);
    timer.unref();
  }

  /** Drop the summaries not yet made. */
  stop(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
  }

  #schedule(handle: DocHandle<AccountDoc>): void {
    const id = handle.documentId;
    const { library, guard } = this.#o;
    if (!library.has(id) || this.#timers.has(id)) return;
    this.#timers.set(
      id,
      setTimeout(() => {
        this.#timers.delete(id);
        // Let go from memory and loaded again meanwhile (warm-accounts.ts): the change that
        // found this timer pending came from the new handle, so the summary is made from it.
        const live = (this.#o.repo.handles[id as DocumentId] as DocHandle<AccountDoc> | undefined) ?? handle;
        // Deleted (or erased) from this device meanwhile: it has no summary any more.
        if (!live.isReady() || !library.has(id)) return;
        // Two laptops that created the same part of the account apart: bring back the items one
        // of them would lose (account/merge-containers.ts), as the same change on every laptop.
        guard(id, "keep the items of parts created on two laptops", () => {
          if (!isFromNewerApp(live.doc())) live.update((d) => withHiddenContainersMerged(d));
        });
        guard(id, "summarise", () => this.summarise(id, live.doc()));
      }, 150),
    );
  }

  /** Put an account's summary in the library and what search finds in it in the index (also for an account written without a handle). */
  summarise(id: string, doc: AccountDoc): AccountSummary {
    const summary = summarize(id, doc);
    this.#o.library.upsert(summary);
    this.#o.index.put(id, searchEntriesOf(id, doc));
    return summary;
  }

  #summaryChanged(documentId: string): void {
    this.#changed.add(documentId);
    if (this.#eventTimer || this.#o.stopped()) return;
    this.#eventTimer = setTimeout(() => {
      this.#eventTimer = null;
      const changed = [...this.#changed].map((id) => this.#o.library.get(id)).filter((s): s is AccountSummary => s !== undefined);
      this.#changed.clear();
      if (changed.length) this.#o.events.send({ type: "accounts-changed", changed });
    }, 100);
  }
}
