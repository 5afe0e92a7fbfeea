/**
 * The per-person library: which accounts this person has, with a summary of each, kept
 * current by the sync node so the account list (and later Today) never opens every
 * account. Stored in `<data>/library.json`; it is a cache of the documents plus the
 * list of ids, so a damaged file is rebuilt from storage rather than trusted.
 */
import { EventEmitter } from "node:events";
import { join } from "node:path";
import { z } from "zod";
import { SUMMARY_VERSION, type AccountSummary } from "../../../shared/queries/summary";
import { FileWrites, readJsonFile } from "../device/json-file";
import { writeFileAtomic } from "../storage/atomic-file";

const summarySchema = z.object({
  documentId: z.string(),
  name: z.string(),
  stage: z.string(),
  owner: z.string(),
  ownerName: z.string().nullable(),
  commitments: z.number(),
  milestones: z.number(),
  openRisks: z.number(),
  nextDue: z.object({ what: z.string(), kind: z.string(), when: z.string() }).nullable(),
  readOnly: z.boolean(),
  // Since Today (summary version 2); older files lack them and are re-summarised (`stale`).
  version: z.number().optional(),
  calls: z.array(z.object({ id: z.string(), purpose: z.string(), agreedTime: z.string(), timeZone: z.string(), reason: z.string() })).optional(),
  openCalls: z.number().optional(),
  milestonesDue: z.array(z.object({ id: z.string(), title: z.string(), endDate: z.string() })).optional(),
  paymentDue: z.string().nullable().optional(),
  risks: z.array(z.object({ id: z.string(), kind: z.string(), severity: z.string(), description: z.string() })).optional(),
  // Since summary version 3.
  damaged: z.number().optional(),
  // Since summary version 4.
  orderValue: z.object({ amount: z.string(), currency: z.string() }).nullable().optional(),
  lastContact: z.string().nullable().optional(),
});
const libraryFileSchema = z.object({ version: z.literal(1), accounts: z.array(summarySchema) });

export interface LibraryEvents {
  /** An account's summary was added or changed. */
  changed: [documentId: string];
  /** An account joined the library (created, opened from a link, or met in a meeting). */
  added: [documentId: string];
  /** An account left the library (deleted from this device, or replaced by its erased copy). */
  removed: [documentId: string];
}

export class Library extends EventEmitter<LibraryEvents> {
  #file: string;
  #accounts = new Map<string, AccountSummary>();
  // Compact, unlike the files people may read: indented, 10,000 summaries were 23 MB instead
  // of 6.5 MB, rewritten on every change and read at every start (parse 114 ms instead of ~35).
  #writes = new FileWrites(() => writeFileAtomic(this.#file, JSON.stringify({ version: 1, accounts: [...this.#accounts.values()] })), 100);
  /** Set when library.json could not be read at start. */
  problem: string | null = null;

  constructor(dataDir: string) {
    super();
    this.#file = join(dataDir, "library.json");
  }

  async load(): Promise<void> {
    const r = await readJsonFile(this.#file, (raw) => libraryFileSchema.parse(raw));
    if (r.state === "ok") for (const a of r.value.accounts) this.#accounts.set(a.documentId, a as AccountSummary);
    if (r.state === "damaged") this.problem = `The account list was unreadable (kept at ${r.keptAt}); it is being rebuilt.`;
  }

  has(documentId: string): boolean {
    return this.#accounts.has(documentId);
  }

  get(documentId: string): AccountSummary | undefined {
    return this.#accounts.get(documentId);
  }

  ids(): string[] {
    return [...this.#accounts.keys()];
  }

  /** Accounts whose summary was written by an older build (it lacks what Today needs). */
  stale(): string[] {
    return [...this.#accounts.values()].filter((a) => (a.version ?? 1) < SUMMARY_VERSION).map((a) => a.documentId);
  }

  /** Summaries sorted by account name. */
  list(): AccountSummary[] {
    return [...this.#accounts.values()].sort((a, b) => a.name.localeCompare(b.name) || a.documentId.localeCompare(b.documentId));
  }

  /** Add or refresh an account's summary; saved shortly after. */
  upsert(summary: AccountSummary): void {
    const old = this.#accounts.get(summary.documentId);
    if (old && JSON.stringify(old) === JSON.stringify(summary)) return;
    this.#accounts.set(summary.documentId, summary);
    this.#writes.later();
    if (!old) this.emit("added", summary.documentId);
    this.emit("changed", summary.documentId);
  }

  /** Take an account out of the library; saved shortly after. */
  remove(documentId: string): void {
    if (!this.#accounts.delete(documentId)) return;
    this.#writes.later();
    this.emit("removed", documentId);
  }

  /** Write now, and wait for any write in flight. */
  flush(): Promise<void> {
    return this.#writes.flush();
  }
}
