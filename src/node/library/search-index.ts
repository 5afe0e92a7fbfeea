/**
 * The search index: what Ctrl/Cmd+K can find in each account on this device (the account,
 * its contacts, commitments and milestones; shared/queries/search.ts), kept current with
 * the summaries so that a keystroke never opens an account. Stored in
 * `<data>/search-index.json`; like the library it is a cache of the documents: a damaged
 * file is set aside and the index rebuilt, one account at a time, from storage.
 */
import { join } from "node:path";
import { z } from "zod";
import { prepareEntry, SEARCH_LIMIT, SearchRanking, type PreparedEntry, type SearchEntry, type SearchHit } from "../../../shared/queries/search";
import { FileWrites, readJsonFile } from "../device/json-file";
import { writeFileAtomic } from "../storage/atomic-file";

const entrySchema = z.object({
  documentId: z.string(),
  kind: z.enum(["account", "contact", "commitment", "milestone"]),
  itemId: z.string(),
  title: z.string(),
  accountName: z.string(),
  detail: z.string(),
});
const fileSchema = z.object({ version: z.literal(1), accounts: z.record(z.string(), z.array(entrySchema)) });

/** A write of the whole index is ~150 MB at 10,000 accounts: gather a burst of edits into one. */
const SAVE_DELAY_MS = 2_000;

/** An account's entries, with all their words in one string: a word it lacks rules out every entry at once. */
interface Indexed {
  entries: PreparedEntry[];
  all: string;
}

const indexed = (entries: readonly SearchEntry[]): Indexed => {
  const prepared = entries.map(prepareEntry);
  return { entries: prepared, all: prepared.map((p) => p.all).join("\n") };
};

export class SearchIndex {
  readonly #file: string;
  readonly #accounts = new Map<string, Indexed>();
  /** The read of the file, once started; `#asked` once the node wants it read at all. */
  #loaded: Promise<void> | null = null;
  #asked = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writes = new FileWrites(() => this.#write(), SAVE_DELAY_MS);
  /** Set when search-index.json could not be read at start (it is rebuilt). */
  problem: string | null = null;

  constructor(dataDir: string) {
    this.#file = join(dataDir, "search-index.json");
  }

  /** Read the index from disk now. */
  load(): Promise<void> {
    this.#asked = true;
    return this.#start();
  }

  /**
   * Read the index from disk after `ms`, or as soon as a search or a write needs it. The
   * node does not wait for it to start: at 10,000 accounts the file is ~150 MB, reading it
   * took half of the start and parsing it blocks the node for about a second, while the
   * list and Today do not need it. What is put meanwhile is newer than the file and wins.
   */
  loadLater(ms: number, failed: (e: Error) => void): void {
    this.#asked = true;
    this.#timer = setTimeout(() => void this.#start().catch(failed), ms);
    this.#timer.unref?.();
  }

  /** Resolves once the file has been read (at once when it was never asked to be). */
  ready(): Promise<void> {
    return this.#asked ? this.#start().catch(() => undefined) : Promise.resolve();
  }

  #start(): Promise<void> {
    clearTimeout(this.#timer);
    return (this.#loaded ??= this.#read());
  }

  async #read(): Promise<void> {
    const r = await readJsonFile(this.#file, (raw) => fileSchema.parse(raw));
    if (r.state === "ok") for (const [id, entries] of Object.entries(r.value.accounts)) if (!this.#accounts.has(id)) this.#accounts.set(id, indexed(entries));
    if (r.state === "damaged") this.problem = `The search index was unreadable (kept at ${r.keptAt}); it is being rebuilt.`;
  }

  has(documentId: string): boolean {
    return this.#accounts.has(documentId);
  }

  /** Replace what an account holds; saved shortly after. */
  put(documentId: string, entries: readonly SearchEntry[]): void {
    const old = this.#accounts.get(documentId)?.entries;
    if (old && old.length === entries.length && old.every((p, i) => JSON.stringify(p.entry) === JSON.stringify(entries[i]))) return;
    this.#accounts.set(documentId, indexed(entries));
    this.#writes.later();
  }

  /** The best hits among the accounts `inLibrary` keeps (an account that left the library is not found). */
  search(query: string, inLibrary: (documentId: string) => boolean, limit = SEARCH_LIMIT): SearchHit[] {
    const ranking = new SearchRanking(query, limit);
    if (!ranking.open) return [];
    const words = ranking.words;
    for (const [id, account] of this.#accounts) {
      if (!words.every((w) => account.all.includes(w)) || !inLibrary(id)) continue;
      for (const p of account.entries) ranking.offer(p);
    }
    return ranking.hits();
  }

  flush(): Promise<void> {
    return this.#writes.flush();
  }

  async #write(): Promise<void> {
    // Written before the file was read, the index would lose every account not put since.
    await this.ready();
    const accounts: Record<string, SearchEntry[]> = {};
    for (const [id, account] of this.#accounts) accounts[id] = account.entries.map((p) => p.entry);
    // Compact: it is a cache for the node, not a file for people.
    await writeFileAtomic(this.#file, JSON.stringify({ version: 1, accounts }));
  }
}
