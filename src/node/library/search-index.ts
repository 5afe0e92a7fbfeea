/**
 * The search index: what Ctrl/Cmd+K can find in each account on this device (the account,
 * its contacts, commitments and milestones; shared/queries/search.ts), kept current with
 * the summaries so that a keystroke never opens an account. Like the library it is a cache
 * of the documents: what cannot be read is set aside and indexed again from storage.
 *
 * Sized for 10,000 accounts of ~80 entries. In memory the node keeps, per account, only
 * what a keystroke scans: its entries' titles' and details' words folded into two strings
 * with their offsets (`PreparedAccount`, ~5 KB). The entries as people see them (wording, item ids) stay in
 * `<data>/search-index.tsv` and are read for the few hits a search answers. That file
 * is a log: a changed account is appended as one line (its id and prepared words, then
 * its entries as JSON, tab-separated), the last line of an account wins, and the file is rewritten with live lines
 * only when the dead ones outweigh them. Holding the entries whole in memory, as the index
 * once did, took ~1.2 GB of heap at 10,000 accounts and rewrote a 155 MB file per save.
 */
import { createHash, randomBytes } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { z } from "zod";
import {
  kindOfLetter,
  letterOfKind,
  prepareAccount,
  preparedText,
  SEARCH_LIMIT,
  SearchRanking,
  type PreparedAccount,
  type SearchEntry,
  type SearchHit,
} from "../../../shared/queries/search";
import { FileWrites, readJsonFile } from "../device/json-file";
import { errorCode, moveFileDurable, removeFileDurable, TEMP_PREFIX } from "../storage/atomic-file";

/** The file's first line; any other first line is a file this build cannot read. */
const HEADER = `${JSON.stringify({ format: "baton-search-index", version: 2 })}\n`;

/** Gather a burst of edits (someone typing) into one append. */
const SAVE_DELAY_MS = 1_000;
/** Read this much of the file at a time, and let the node answer others between reads. */
const READ_CHUNK = 4 << 20;
/** Dead lines are dropped once they outweigh the live ones and this many bytes. */
const COMPACT_AT_LEAST = 4 << 20;

const TAB = 0x09;
const NEWLINE = 0x0a;
const CLOSING_BRACKET = 0x5d;

/** What an earlier build kept: every entry of every account in one JSON file. */
const legacySchema = z.object({
  version: z.literal(1),
  accounts: z.record(
    z.string(),
    z.array(z.object({ documentId: z.string(), kind: z.enum(["account", "contact", "commitment", "milestone"]), itemId: z.string(), title: z.string(), accountName: z.string(), detail: z.string() })),
  ),
});

/** One account as the node holds it: what a search scans, and where its entries are. */
interface Held extends PreparedAccount {
  /** Of its stored entries: an unchanged account is not written again. */
  hash: string;
  /** Where its line starts in the file; -1 while it waits to be written (`#pending`). */
  at: number;
  /** Bytes of the line before its entries (the folded words and the tab). */
  head: number;
  /** Bytes of the whole line, newline included. */
  size: number;
}

/** An account a search answers with: the version ranked, and its stored entries once read. */
interface Source {
  id: string;
  held: Held;
  stored: string | undefined;
}

/** An account's entries as stored: its name, then [kind letter, item id, title, detail] each. */
type Stored = [accountName: string, entries: [kind: string, itemId: string, title: string, detail: string][]];

const storedOf = (entries: readonly SearchEntry[]): Stored => [entries[0]?.accountName ?? "", entries.map((e) => [letterOfKind(e.kind), e.itemId, e.title, e.detail])];

/** The `index`th entry of a stored line, or null when the line does not hold it as it should. */
function entryOf(documentId: string, stored: string, index: number): SearchEntry | null {
  try {
    const [accountName, entries] = JSON.parse(stored) as Stored;
    const [letter, itemId, title, detail] = entries[index] ?? [];
    const kind = typeof letter === "string" ? kindOfLetter(letter) : undefined;
    if (!kind || typeof accountName !== "string" || typeof itemId !== "string" || typeof title !== "string" || typeof detail !== "string") return null;
    return { documentId, kind, itemId, title, accountName, detail };
  } catch {
    return null;
  }
}

/** Fields of a line before its stored entries: document id, hash, name, titles, details, kinds. */
const HEAD_FIELDS = 6;

/**
 * A line's head, read straight from the file's bytes (no JSON: reading 10,000 accounts
 * through a string of each head left ~90 MB of garbage behind); null when it is not one.
 */
function headOf(data: Buffer, start: number, end: number): { id: string; hash: string; prepared: PreparedAccount; bytes: number } | null {
  const fields: string[] = [];
  let at = start;
  for (let i = 0; i < HEAD_FIELDS; i++) {
    const tab = data.indexOf(TAB, at);
    if (tab < 0 || tab >= end) return null;
    fields.push(data.toString("utf8", at, tab));
    at = tab + 1;
  }
  const [id, hash, name, titles, details, kinds] = fields as [string, string, string, string, string, string];
  const prepared = preparedText(titles, details, kinds);
  return prepared && id ? { id, hash, prepared: { ...prepared, name }, bytes: at - start } : null;
}

export class SearchIndex {
  readonly #dir: string;
  readonly #file: string;
  readonly #legacyFile: string;
  readonly #accounts = new Map<string, Held>();
  /** The stored entries of accounts not written yet. */
  readonly #pending = new Map<string, string>();
  /** The read of the file, once started; `#asked` once the node wants it read at all. */
  #loaded: Promise<void> | null = null;
  #asked = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Every use of the file, one after another: an append never meets a rewrite or a read. */
  #io: Promise<unknown> = Promise.resolve();
  #writes = new FileWrites(async () => {
    // Appended before the file was read, a line would be followed by older ones that win.
    if (this.#asked) await this.#start().catch(() => undefined);
    return this.#queue(() => this.#save());
  }, SAVE_DELAY_MS);
  #fileBytes = 0;
  #liveBytes = 0;
  /** Bumped whenever what an account holds changes: a narrowed search (`#narrowed`) is then stale. */
  #generation = 0;
  /**
   * The accounts that held every word of the last query. Someone typing makes each query
   * longer than the last — every earlier word is part of a word typed now — and only
   * those accounts can hold the longer one: the next keystroke looks at them alone.
   */
  #narrowed: { words: readonly string[]; generation: number; ids: string[] } | null = null;
  /** Set when the index could not be read whole at start (what is missing is indexed again). */
  problem: string | null = null;

  constructor(dataDir: string) {
    this.#dir = dataDir;
    this.#file = join(dataDir, "search-index.tsv");
    this.#legacyFile = join(dataDir, "search-index.json");
  }

  /** Read the index from disk now. */
  load(): Promise<void> {
    this.#asked = true;
    return this.#start();
  }

  /**
   * Read the index from disk after `ms`, or as soon as a search or a write needs it. The
   * node does not wait for it to start: the list and Today do not need it. What is put
   * meanwhile is newer than the file and wins.
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
    return (this.#loaded ??= this.#queue(() => this.#read()));
  }

  #queue<T>(work: () => Promise<T>): Promise<T> {
    const done = this.#io.catch(() => undefined).then(work);
    this.#io = done;
    return done;
  }

  has(documentId: string): boolean {
    return this.#accounts.has(documentId);
  }

  /** Replace what an account holds; saved shortly after. */
  put(documentId: string, entries: readonly SearchEntry[]): void {
    const stored = JSON.stringify(storedOf(entries));
    const hash = createHash("sha1").update(stored).digest("base64");
    const old = this.#accounts.get(documentId);
    if (old?.hash === hash) return;
    if (old && old.at >= 0) this.#liveBytes -= old.size;
    this.#accounts.set(documentId, { ...prepareAccount(entries[0]?.accountName ?? "", entries), hash, at: -1, head: 0, size: 0 });
    this.#generation++;
    this.#pending.set(documentId, stored);
    this.#writes.later();
  }

  /** The best hits among the accounts `inLibrary` keeps (an account that left the library is not found). */
  async search(query: string, inLibrary: (documentId: string) => boolean, limit = SEARCH_LIMIT): Promise<SearchHit[]> {
    const ranking = new SearchRanking(query, limit);
    if (!ranking.open) return [];
    const words = ranking.words;
    const prior = this.#narrowed;
    const narrowed = prior && prior.generation === this.#generation && prior.words.every((old) => words.some((w) => w.includes(old)));
    const holding: string[] = [];
    const offer = (id: string, held: Held) => {
      if (!ranking.holdsEveryWord(held)) return;
      holding.push(id);
      if (inLibrary(id)) ranking.offerAccount(id, held, true);
    };
    if (narrowed) for (const id of prior.ids) offer(id, this.#accounts.get(id)!);
    else for (const [id, held] of this.#accounts) offer(id, held);
    this.#narrowed = { words, generation: this.#generation, ids: holding };
    const ranked = ranking.ranked();
    // Which version of each account was ranked: the one read must be that one.
    const sources = new Map<string, Source>();
    for (const { key } of ranked) if (!sources.has(key)) sources.set(key, { id: key, held: this.#accounts.get(key)!, stored: this.#pending.get(key) });
    const unread = [...sources.values()].filter((s) => s.stored === undefined);
    if (unread.length) await this.#queue(() => this.#readStored(unread));
    const hits: SearchHit[] = [];
    for (const { key, index, rank } of ranked) {
      const entry = entryOf(key, sources.get(key)!.stored ?? "", index);
      // A line rewritten since the ranking (rare) is left out rather than shown wrong.
      if (entry) hits.push({ ...entry, rank });
    }
    return hits;
  }

  flush(): Promise<void> {
    return this.#writes.flush();
  }

  /**
   * Reads the stored entries of accounts whose line is in the file. The line read must be
   * the one ranked — its id and hash first, whole: an account put again and a rewrite of
   * the file since the ranking leave another account's line at that place.
   */
  async #readStored(sources: Source[]): Promise<void> {
    const file = await open(this.#file, "r");
    try {
      for (const s of sources) {
        const { at, head, size, hash } = s.held;
        if (at < 0) continue;
        const line = Buffer.alloc(size);
        const { bytesRead } = await file.read(line, 0, size, at);
        const start = `${s.id}\t${hash}\t`;
        if (bytesRead !== size || line[size - 1] !== NEWLINE || line.toString("utf8", 0, Buffer.byteLength(start)) !== start) continue;
        s.stored = line.toString("utf8", head, size - 1);
      }
    } finally {
      await file.close();
    }
  }

  async #read(): Promise<void> {
    let file: FileHandle;
    try {
      file = await open(this.#file, "r+");
    } catch (e) {
      if (errorCode(e) === "ENOENT") return this.#readLegacy();
      throw e;
    }
    let unreadable = 0;
    try {
      const first = Buffer.alloc(HEADER.length);
      const { bytesRead } = await file.read(first, 0, first.length, 0);
      if (bytesRead === 0) return;
      if (first.toString("utf8", 0, bytesRead) !== HEADER) {
        await file.close();
        const keptAt = `${this.#file}.unreadable-${String(Date.now())}`;
        await moveFileDurable(this.#file, keptAt);
        this.problem = `The search index was unreadable (kept at ${keptAt}); it is being rebuilt.`;
        return;
      }
      // One buffer for the whole read (a line cut by its end is moved to its start): reading
      // 100 MB in fresh chunks left the node's memory that much larger after they were freed.
      let buffer = Buffer.allocUnsafe(READ_CHUNK);
      let position = HEADER.length;
      let carry = 0;
      for (;;) {
        if (carry === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
        const { bytesRead: got } = await file.read(buffer, carry, buffer.length - carry, position + carry);
        if (got === 0) break;
        const filled = carry + got;
        let start = 0;
        for (let end = buffer.indexOf(NEWLINE, start); end >= 0 && end < filled; start = end + 1, end = buffer.indexOf(NEWLINE, start)) {
          if (!this.#readLine(buffer, start, end, position + start)) unreadable++;
        }
        position += start;
        carry = filled - start;
        buffer.copy(buffer, 0, start, filled);
        await nextTurn();
      }
      this.#fileBytes = position;
      // An earlier build's file left behind by a crash during its conversion.
      await removeFileDurable(this.#legacyFile).catch(() => false);
      // A line cut short by a crash: dropped, so the next append starts a line of its own.
      if (carry) await file.truncate(position);
    } finally {
      await file.close().catch(() => undefined);
    }
    if (unreadable) this.problem = `${String(unreadable)} lines of the search index were unreadable; those accounts are being indexed again.`;
    if (this.#tooMuchDead()) this.#writes.later();
  }

  /** Takes one line of the file in; false when it cannot be read. */
  #readLine(data: Buffer, start: number, end: number, at: number): boolean {
    // Entries cut short (a crash, then a line appended after them) end without their "]".
    if (data[end - 1] !== CLOSING_BRACKET) return false;
    const head = headOf(data, start, end);
    if (!head) return false;
    const old = this.#accounts.get(head.id);
    // Put since the node started: newer than anything in the file.
    if (old?.at === -1) return true;
    if (old) this.#liveBytes -= old.size;
    const size = end - start + 1;
    this.#accounts.set(head.id, { ...head.prepared, hash: head.hash, at, head: head.bytes, size });
    this.#generation++;
    this.#liveBytes += size;
    return true;
  }

  /** An index an earlier build wrote (one JSON file): taken in, written anew, then removed. */
  async #readLegacy(): Promise<void> {
    const r = await readJsonFile(this.#legacyFile, (raw) => legacySchema.parse(raw));
    if (r.state === "damaged") this.problem = `The search index was unreadable (kept at ${r.keptAt}); it is being rebuilt.`;
    if (r.state !== "ok") return;
    for (const [id, entries] of Object.entries(r.value.accounts)) if (!this.#accounts.has(id)) this.put(id, entries);
    await this.#append();
    await removeFileDurable(this.#legacyFile);
  }

  #tooMuchDead(): boolean {
    const dead = this.#fileBytes - this.#liveBytes - HEADER.length;
    return dead > Math.max(this.#liveBytes, COMPACT_AT_LEAST);
  }

  /** Appends the accounts put since the last save; then drops dead lines if they outweigh the live. */
  async #save(): Promise<void> {
    if (this.#pending.size) await this.#append();
    if (this.#tooMuchDead()) await this.#compact();
  }

  async #append(): Promise<void> {
    const batch = [...this.#pending].map(([id, stored]) => ({ id, stored, held: this.#accounts.get(id)! }));
    const file = await open(this.#file, "a+", 0o600);
    try {
      let at = (await file.stat()).size;
      const parts: string[] = [];
      if (at === 0) parts.push(HEADER);
      else {
        // A line left cut short (the file was appended to without being read): end it.
        const last = Buffer.alloc(1);
        await file.read(last, 0, 1, at - 1);
        if (last[0] !== NEWLINE) parts.push("\n");
      }
      at += parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
      const placed: { held: Held; id: string; stored: string; at: number; head: number; size: number }[] = [];
      for (const { id, stored, held } of batch) {
        const head = `${[id, held.hash, held.name, held.titles, held.details, held.kinds].join("\t")}\t`;
        const headBytes = Buffer.byteLength(head);
        const size = headBytes + Buffer.byteLength(stored) + 1;
        parts.push(head, stored, "\n");
        placed.push({ held, id, stored, at, head: headBytes, size });
        at += size;
      }
      // writeFile, unlike write, goes on until every byte is written (a nearly full disk).
      await file.writeFile(parts.join(""));
      await file.datasync();
      this.#fileBytes = at;
      for (const p of placed) {
        // Put again while this was written: the newer one waits for the next save.
        if (this.#accounts.get(p.id) !== p.held) continue;
        if (this.#pending.get(p.id) === p.stored) this.#pending.delete(p.id);
        Object.assign(p.held, { at: p.at, head: p.head, size: p.size });
        this.#liveBytes += p.size;
      }
    } finally {
      await file.close();
    }
  }

  /** Rewrites the file with the live lines only (copied from it, never held whole), then replaces it. */
  async #compact(): Promise<void> {
    const temp = join(this.#dir, `${TEMP_PREFIX}${randomBytes(8).toString("hex")}`);
    const from = await open(this.#file, "r");
    const moved: { id: string; held: Held; at: number }[] = [];
    let size = HEADER.length;
    try {
      const to = await open(temp, "wx", 0o600);
      try {
        await to.writeFile(HEADER);
        let batch: Buffer[] = [];
        let batchBytes = 0;
        for (const [id, held] of this.#accounts) {
          if (held.at < 0) continue;
          const line = Buffer.alloc(held.size);
          await from.read(line, 0, held.size, held.at);
          batch.push(line);
          batchBytes += held.size;
          moved.push({ id, held, at: size });
          size += held.size;
          if (batchBytes >= READ_CHUNK) {
            await to.writeFile(Buffer.concat(batch));
            batch = [];
            batchBytes = 0;
          }
        }
        if (batch.length) await to.writeFile(Buffer.concat(batch));
        await to.sync();
      } finally {
        await to.close();
      }
    } catch (e) {
      await removeFileDurable(temp).catch(() => undefined);
      throw e;
    } finally {
      await from.close();
    }
    await moveFileDurable(temp, this.#file);
    this.#fileBytes = size;
    this.#liveBytes = 0;
    for (const m of moved) {
      m.held.at = m.at;
      // Put again while the file was rewritten: its copied line is dead already.
      if (this.#accounts.get(m.id) === m.held) this.#liveBytes += m.held.size;
    }
  }
}

