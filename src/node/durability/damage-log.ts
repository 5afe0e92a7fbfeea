/**
 * The accounts found damaged on this device (`<data>/damaged.json`), remembered across
 * restarts: the damaged chunk is moved to quarantine, so after a restart the store alone
 * no longer shows that anything was lost. An entry stays until the account is restored
 * from a peer or the team server (then it is marked restored, so the person can see that
 * it happened).
 */
import { join } from "node:path";
import { z } from "zod";
import { FileWrites, readJsonFile, writeJsonFile } from "../device/json-file";

const entrySchema = z.object({ reason: z.string().max(2000), at: z.string(), restoredAt: z.string().nullable() });
const fileSchema = z.object({ version: z.literal(1), accounts: z.record(z.string(), entrySchema) });
export type DamageEntry = z.infer<typeof entrySchema>;

export class DamageLog {
  #file: string;
  #accounts: Record<string, DamageEntry> = {};
  #writes = new FileWrites(() => writeJsonFile(this.#file, { version: 1 as const, accounts: this.#accounts }));

  constructor(dataDir: string) {
    this.#file = join(dataDir, "damaged.json");
  }

  async load(): Promise<void> {
    const r = await readJsonFile(this.#file, (raw) => fileSchema.parse(raw));
    if (r.state === "ok") this.#accounts = r.value.accounts;
  }

  entries(): Array<[documentId: string, entry: DamageEntry]> {
    return Object.entries(this.#accounts);
  }

  /** Accounts still waiting to be restored. */
  unrestored(): string[] {
    return this.entries()
      .filter(([, e]) => e.restoredAt === null)
      .map(([id]) => id);
  }

  isWaiting(documentId: string): boolean {
    return this.#accounts[documentId]?.restoredAt === null;
  }

  /** Record new damage (again, if it was restored before). */
  async damaged(documentId: string, reason: string, now: Date = new Date()): Promise<void> {
    const known = this.#accounts[documentId];
    if (known && known.restoredAt === null) return;
    this.#accounts[documentId] = { reason, at: now.toISOString(), restoredAt: null };
    await this.#writes.now();
  }

  async restored(documentId: string, now: Date = new Date()): Promise<void> {
    const entry = this.#accounts[documentId];
    if (!entry || entry.restoredAt !== null) return;
    entry.restoredAt = now.toISOString();
    await this.#writes.now();
  }

  flush(): Promise<void> {
    return this.#writes.flush();
  }

}
