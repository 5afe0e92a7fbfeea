/**
 * Automatic backups of this device's accounts, and restoring from them.
 *
 * - Every `everyMinutes` (and when the node stops) the node backs up if any account's
 *   stored chunks changed since the newest backup (compared by their names, which are
 *   content hashes: no account is loaded to find out). The last `keep` are kept, and never
 *   the last intact copy of an account that is damaged here.
 * - A backup copies what the crash-safe store holds, each account as one consistent set of
 *   whole, checksummed chunks (those listed at one moment, every one read: a compaction in
 *   between means read again). An account damaged here is left out rather than backed up incomplete.
 * - Restoring merges the backup's history into the account here (Automerge merge: nothing
 *   current is lost), one account at a time, each written to disk before the next; a
 *   journal (`restore.json`) says so if quitting interrupted it.
 * - A damaged account is offered from the newest backup whose copy of it is intact.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";
import type { Chunk, StorageKey } from "@automerge/automerge-repo/slim";
import { z } from "zod";
import type { BackupInfo, BackupPreview, BackupStatus, CheckedInput, JobProgress } from "../../../shared/api";
import type { AccountDoc } from "../../../shared/account/schema";
import { summarize } from "../../../shared/queries/summary";
import { ApiFailure } from "../api/api-failure";
import { accountsCount, type JobControl, type Jobs } from "../api/jobs";
import { readJsonFile, writeJsonFile } from "../device/json-file";
import type { Library } from "../library/library";
import type { CrashSafeStorage } from "../storage/crash-safe-storage";
import { removeFileDurable } from "../storage/atomic-file";
import { ensureFolderDurable } from "../storage/atomic-file";
import { BackupError, fingerprintOf, listBackups, pruneBackups, readAccount, why, writeBackup, type BackupRead } from "./backup-file";

const CONTENT_KINDS = new Set(["snapshot", "incremental"]);

const settingsSchema = z.object({ folder: z.string().min(1), keep: z.number().int().min(1), everyMinutes: z.number().int().min(1) });
type Settings = z.infer<typeof settingsSchema>;
const journalSchema = z.object({ id: z.string(), total: z.number(), done: z.number(), at: z.string() });

export interface BackupsOptions {
  dataDir: string;
  repo: Repo;
  storage: CrashSafeStorage;
  library: Library;
  jobs: Jobs;
  /** Accounts damaged here and not yet restored. */
  damaged: () => string[];
  /** An account came back from a backup. */
  restored: (documentId: string) => Promise<void>;
  statusChanged: () => void;
  /** The node is quitting: an interrupted restore keeps its journal, to be reported at the next start. */
  stopped: () => boolean;
  log: (line: string) => void;
}

export class Backups {
  readonly #o: BackupsOptions;
  readonly #file: string;
  readonly #journal: string;
  #settings: Settings;
  #backups: BackupRead[] = [];
  #problem: string | null = null;
  /** A restore that quitting interrupted, until a restore ends. */
  #interrupted: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  /** The newest backup holding each damaged account intact (found in the background). */
  #offers = new Map<string, { id: string; at: string }>();
  #running: Promise<unknown> = Promise.resolve();

  constructor(options: BackupsOptions) {
    this.#o = options;
    this.#file = join(options.dataDir, "backups.json");
    this.#journal = join(options.dataDir, "restore.json");
    this.#settings = { folder: join(options.dataDir, "backups"), keep: 10, everyMinutes: 15 };
  }

  async load(): Promise<void> {
    const r = await readJsonFile(this.#file, (raw) => settingsSchema.parse(raw));
    if (r.state === "ok") this.#settings = r.value;
    const journal = await readJsonFile(this.#journal, (raw) => journalSchema.parse(raw));
    if (journal.state === "ok") {
      const j = journal.value;
      this.#interrupted = `Restoring from the backup of ${j.at} stopped when Baton quit, after ${j.done} of ${j.total} accounts. Each account restored is whole; restore again to finish the rest.`;
      await removeFileDurable(this.#journal).catch(() => undefined);
    }
    await this.#refresh().catch((e: Error) => (this.#problem ??= e.message));
  }

  /** Back up on the timer from now on. */
  start(): void {
    this.#schedule();
  }

  status(): BackupStatus {
    const last = this.#backups.find((b) => b.ok);
    return {
      ...this.#settings,
      last: last?.ok ? { id: last.id, at: last.at, accounts: last.manifest.accounts.length } : null,
      problem: this.#problem ?? this.#interrupted,
    };
  }

  /** The newest backup that holds this damaged account intact. */
  offerFor(documentId: string): { id: string; at: string } | null {
    return this.#offers.get(documentId) ?? null;
  }

  async saveSettings(input: CheckedInput<"saveBackupSettings">): Promise<BackupStatus> {
    const folder = input.folder;
    try {
      await ensureFolderDurable(folder);
      await writeJsonFile(join(folder, ".baton-write-check"), { at: new Date().toISOString() });
      await removeFileDurable(join(folder, ".baton-write-check"));
    } catch (e) {
      const message = `Baton cannot use this folder: ${why(e, folder)}.`;
      throw new ApiFailure(400, message, { folder: message });
    }
    this.#settings = { folder, keep: input.keep, everyMinutes: input.everyMinutes };
    await writeJsonFile(this.#file, this.#settings);
    this.#problem = null;
    await this.#refresh().catch((e: Error) => (this.#problem = e.message));
    this.#schedule();
    this.#o.statusChanged();
    return this.status();
  }

  async list(): Promise<BackupInfo[]> {
    await this.#refresh().catch((e: Error) => {
      throw new ApiFailure(503, e.message);
    });
    return this.#backups.map((b) => ({ id: b.id, at: b.at, bytes: b.bytes, accounts: b.ok ? b.manifest.accounts.length : 0, problem: b.ok ? null : b.problem }));
  }

  /** Back up now, even if nothing changed. */
  async backUpNow(): Promise<BackupInfo> {
    const r = await this.#backUp(true);
    if (!r) throw new ApiFailure(409, "A backup is being written now; try again in a moment.");
    if (!r.ok) throw new ApiFailure(507, r.problem);
    return r.info;
  }

  /** Back up if anything changed since the newest backup (the timer, and quitting). */
  async backUpIfChanged(): Promise<void> {
    await this.#backUp(false);
  }

  async preview({ id }: CheckedInput<"backupPreview">): Promise<BackupPreview> {
    const b = await this.#read(id);
    const damaged = new Set(this.#o.damaged());
    const accounts = await Promise.all(
      b.manifest.accounts.map(async (a) => {
        const read = await readAccount(this.#settings.folder, b.manifest, id, a.documentId);
        return { documentId: a.documentId, name: a.name, stage: a.stage, here: this.#o.library.has(a.documentId) && !damaged.has(a.documentId), problem: read.ok ? null : read.problem };
      }),
    );
    return { id, at: b.at, accounts: accounts.sort((x, y) => x.name.localeCompare(y.name)) };
  }

  /** Start restoring (a job): answers at once, progress follows as events. */
  restore(input: CheckedInput<"restoreBackup">): JobProgress {
    if (this.#o.jobs.running("restore")) throw new ApiFailure(409, "A restore is running; wait for it or cancel it.");
    return this.#o.jobs.start("restore", (job) => this.#restore(input, job)).progress;
  }

  /** Stop the timer and make a last backup if something changed. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running.catch(() => undefined);
    await this.backUpIfChanged().catch(() => undefined);
  }

  /** Look for intact copies of the damaged accounts in the backups (newest first). */
  async findOffers(): Promise<void> {
    const offers = new Map<string, { id: string; at: string }>();
    for (const documentId of this.#o.damaged()) {
      for (const b of this.#backups) {
        if (!b.ok || !b.manifest.accounts.some((a) => a.documentId === documentId)) continue;
        if ((await readAccount(this.#settings.folder, b.manifest, b.id, documentId)).ok) {
          offers.set(documentId, { id: b.id, at: b.at });
          break;
        }
      }
    }
    const changed = JSON.stringify([...offers]) !== JSON.stringify([...this.#offers]);
    this.#offers = offers;
    if (changed) this.#o.statusChanged();
  }

  #schedule(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = setInterval(() => void this.backUpIfChanged(), this.#settings.everyMinutes * 60_000);
    this.#timer.unref();
  }

  async #refresh(): Promise<void> {
    this.#backups = await listBackups(this.#settings.folder);
  }

  async #read(id: string): Promise<BackupRead & { ok: true }> {
    const b = (await listBackups(this.#settings.folder).catch(() => [])).find((x) => x.id === id);
    if (!b) throw new ApiFailure(404, "That backup is no longer in the backup folder.");
    if (!b.ok) throw new ApiFailure(422, b.problem);
    return b;
  }

  /** One backup at a time; answers null when one was already being written. */
  async #backUp(always: boolean): Promise<{ ok: true; info: BackupInfo } | { ok: false; problem: string } | null> {
    if (this.#o.jobs.running("backup")) return null;
    let result: { ok: true; info: BackupInfo } | { ok: false; problem: string } | null = null;
    const { finished } = this.#o.jobs.start("backup", async (job) => {
      result = await this.#write(always, job);
      if (!result.ok) throw new Error(result.problem);
      return result.info.accounts === -1 ? "Nothing changed since the last backup." : `Backed up ${accountsCount(result.info.accounts)}.`;
    });
    this.#running = finished;
    await finished;
    return result;
  }

  async #write(always: boolean, job: JobControl): Promise<{ ok: true; info: BackupInfo } | { ok: false; problem: string }> {
    const { repo, storage, library } = this.#o;
    await repo.flush().catch(() => undefined);
    const damaged = new Set([...this.#o.damaged(), ...storage.damagedDocuments().keys()]);
    const ids = library.ids().filter((id) => !damaged.has(id));
    const keys = await Promise.all(ids.map(async (id): Promise<[string, StorageKey[]]> => [id, contentKeys(await storage.keys([id]))]));
    const fingerprint = fingerprintOf(keys);
    await this.#refresh().catch(() => undefined);
    const newest = this.#backups.find((b) => b.ok);
    if (!always && newest?.ok && newest.manifest.fingerprint === fingerprint) return { ok: true, info: { id: newest.id, at: newest.at, accounts: -1, bytes: newest.bytes, problem: null } };
    job.total(ids.length);
    try {
      const written = await writeBackup(
        this.#settings.folder,
        ids.map((id) => {
          const summary = library.get(id);
          return { documentId: id, name: summary?.name ?? "", stage: summary?.stage ?? "", read: async () => (await readConsistent(storage, id)) ?? savedNow(repo, id) };
        }),
        fingerprint,
        { signal: job.signal, step: () => job.step() },
      );
      this.#problem = null;
      await this.#refresh();
      await this.findOffers();
      await pruneBackups(this.#settings.folder, this.#settings.keep, new Set([...this.#offers.values()].map((o) => o.id)));
      await this.#refresh();
      this.#o.log(`backed up ${written.manifest.accounts.length} accounts to ${written.id} (${written.bytes} bytes)`);
      this.#o.statusChanged();
      return { ok: true, info: { id: written.id, at: written.manifest.createdAt, accounts: written.manifest.accounts.length, bytes: written.bytes, problem: null } };
    } catch (e) {
      const problem = e instanceof BackupError ? e.message : `The backup could not be written: ${(e as Error).message}`;
      if (!job.signal.aborted) this.#problem = problem;
      this.#o.log(problem);
      this.#o.statusChanged();
      return { ok: false, problem };
    }
  }

  async #restore({ id, documentIds, mode }: CheckedInput<"restoreBackup">, job: JobControl): Promise<string> {
    const b = await this.#read(id);
    const damaged = new Set(this.#o.damaged());
    const wanted = documentIds.filter((d) => mode === "merge" || !this.#o.library.has(d) || damaged.has(d));
    job.total(wanted.length);
    const journal = { id, total: wanted.length, done: 0, at: b.at };
    await writeJsonFile(this.#journal, journal);
    const problems: string[] = [];
    let restored = 0;
    try {
      for (const documentId of wanted) {
        if (job.signal.aborted) break;
        const read = await readAccount(this.#settings.folder, b.manifest, id, documentId);
        const name = b.manifest.accounts.find((a) => a.documentId === documentId)?.name || documentId;
        if (!read.ok) problems.push(`“${name}”: ${read.problem}`);
        else {
          try {
            await this.#mergeInto(documentId, read.chunks, damaged.has(documentId));
            restored++;
          } catch (e) {
            problems.push(`“${name}”: ${(e as Error).message}`);
          }
        }
        journal.done++;
        await writeJsonFile(this.#journal, journal);
        job.step();
      }
      await this.#o.library.flush();
    } finally {
      if (!this.#o.stopped()) await removeFileDurable(this.#journal).catch(() => undefined);
    }
    if (!this.#o.stopped()) this.#interrupted = null;
    await this.findOffers();
    this.#o.statusChanged();
    const done = job.signal.aborted ? `Stopped: ${restored.toLocaleString()} of ${wanted.length.toLocaleString()} accounts were restored before you cancelled (each of them whole).` : `Restored ${restored.toLocaleString()} of ${wanted.length.toLocaleString()} accounts.`;
    if (problems.length > 0) throw new Error(`${done} Not restored: ${problems.join(" ")}`);
    return done;
  }

  /** Join the backup's history into the account here (or bring it back), then write it to disk. */
  async #mergeInto(documentId: string, chunks: Uint8Array[], wasDamaged: boolean): Promise<void> {
    let backup = A.init<AccountDoc>();
    for (const c of chunks) backup = A.loadIncremental(backup, c);
    const raw = backup as unknown as Record<string, unknown>;
    if (A.getHeads(backup).length === 0 || raw.name === undefined || raw.schemaVersion === undefined) throw new Error("this backup's copy is not a Baton account.");
    const { repo, library } = this.#o;
    const id = documentId as DocumentId;
    const handle: DocHandle<AccountDoc> = repo.handles[id]?.isReady()
      ? (repo.handles[id] as DocHandle<AccountDoc>)
      : await repo.find<AccountDoc>(id, { allowableStates: ["ready", "unavailable"], signal: AbortSignal.timeout(15_000) }).catch(() => repo.handles[id] as DocHandle<AccountDoc>);
    repo.import(A.save(backup), { docId: id });
    await handle.whenReady(["ready"], { signal: AbortSignal.timeout(5_000) });
    await repo.flush([id]);
    library.upsert(summarize(documentId, handle.doc()));
    if (wasDamaged) await this.#o.restored(documentId);
  }
}

function contentKeys(keys: StorageKey[]): StorageKey[] {
  return keys.filter((k) => CONTENT_KINDS.has(k[1] ?? ""));
}

/**
 * One account's content chunks as a consistent set: the chunks stored at one moment, every
 * one of them read. Chunks are immutable once written (by rename), and a compaction writes
 * its snapshot before removing what it replaces, so what was listed, when all of it could
 * still be read, is a whole account; chunks written after the listing are left to the next
 * backup. Null when the account is damaged here or would not hold still (see `savedNow`).
 */
async function readConsistent(storage: CrashSafeStorage, documentId: string): Promise<Chunk[] | null> {
  const name = (k: StorageKey) => k.join("/");
  for (let attempt = 0; attempt < 5; attempt++) {
    const listed = new Set(contentKeys(await storage.keys([documentId])).map(name));
    const chunks = (await storage.loadRange([documentId])).filter((c) => listed.has(name(c.key)));
    if (storage.damagedDocuments().has(documentId)) return null;
    if (chunks.length === listed.size) return chunks;
  }
  return null;
}

/**
 * An account being edited and compacted without pause may never hold still on disk long
 * enough to be listed and read whole; then the Repo's own copy, saved as one snapshot, is a
 * whole account as it is now (nothing it holds is older than what is on disk). Null when it
 * is not loaded here.
 */
function savedNow(repo: Repo, documentId: string): Chunk[] | null {
  const handle = repo.handles[documentId as DocumentId];
  if (!handle?.isReady()) return null;
  const doc = handle.doc() as A.Doc<unknown>;
  const heads = createHash("sha256").update(A.getHeads(doc).sort().join(",")).digest("hex");
  return [{ key: [documentId, "snapshot", heads], data: A.save(doc) }];
}
