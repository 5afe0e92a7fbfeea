/**
 * Bounded memory per relay: an account no peer has synced for a while is unloaded from the
 * relay's Repo (after its pending save), least recently used first, and loaded again from
 * storage when a peer next asks for it. Without this a relay holds every account it ever
 * opened until it restarts.
 *
 * Two limits: accounts idle longer than `idleMs` go at the next sweep, and when more than
 * `maxOpen` are open the least recently used go until `maxOpen` remain (however recent).
 * Going past `maxOpen` brings the next sweep forward to within a second: a burst of uploads
 * (a team's first sync) would otherwise hold every account until the regular sweep.
 */
import type { DocumentId, Repo } from "@automerge/automerge-repo";
import { unloadDocument } from "../../node/storage/unload-document";

export interface IdleAccountOptions {
  idleMs: number;
  maxOpen: number;
  sweepMs: number;
  /** How soon a sweep follows going past `maxOpen`. */
  overBoundSweepMs: number;
  log: (line: string) => void;
}

export class IdleAccounts {
  readonly #repo: Repo;
  readonly #o: IdleAccountOptions;
  /** documentId → last use; a Map iterates in insertion order, so re-inserting keeps it LRU-ordered. */
  readonly #lastUsed = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;
  #soon: NodeJS.Timeout | undefined;
  #stopped = false;
  /** The sweep running or last run: sweeps take turns, so one asked for always happens. */
  #sweeping: Promise<unknown> = Promise.resolve();
  evicted = 0;

  constructor(repo: Repo, options: IdleAccountOptions) {
    this.#repo = repo;
    this.#o = options;
    repo.on("doc-metrics", (event) => this.touch(event.documentId));
    this.#timer = setInterval(() => void this.#sweepLogged(), options.sweepMs);
    this.#timer.unref();
  }

  touch(documentId: string): void {
    this.#lastUsed.delete(documentId);
    this.#lastUsed.set(documentId, performance.now());
    if (this.#lastUsed.size > this.#o.maxOpen) this.#sweepSoon();
  }

  #sweepSoon(): void {
    if (this.#soon || this.#stopped) return;
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      void this.#sweepLogged();
    }, Math.min(this.#o.overBoundSweepMs, this.#o.sweepMs));
    this.#soon.unref();
  }

  /** Accounts open in the Repo now. */
  openCount(): number {
    return Object.keys(this.#repo.handles).length;
  }

  /**
   * Unload these accounts now (a shard this relay no longer owns); their edits are saved
   * first. `stillWanted` is asked again after the save, which may have waited for the
   * database: an account wanted again by then (its shard came back) stays.
   */
  async unload(ids: string[], stillWanted: (id: string) => boolean = () => false): Promise<void> {
    const ready = ids.filter((id) => this.#repo.handles[id as DocumentId]?.isReady());
    // Saved first, all at once (it may wait for the database); one wanted again by then stays.
    await this.#repo.flush(ready as DocumentId[]).catch((e: Error) => this.#o.log(`save before unloading failed: ${e.message}`));
    for (const id of ids) {
      if (this.#repo.handles[id as DocumentId] === undefined || stillWanted(id)) continue;
      this.#lastUsed.delete(id);
      const gone = await unloadDocument(this.#repo, id).catch((e: Error) => {
        this.#o.log(`could not unload ${id}: ${e.message}`);
        return false;
      });
      if (gone) this.evicted += 1;
    }
  }

  /**
   * Unload what is idle or past the bound, after any sweep already running. Idle time is on
   * the monotonic clock, from when this sweep starts: a relay whose wall clock jumps unloads
   * nothing early.
   */
  sweep(): Promise<number> {
    const run = this.#sweeping.then(() => this.#sweepOnce(performance.now()));
    this.#sweeping = run.catch(() => undefined);
    return run;
  }

  #sweepLogged(): Promise<unknown> {
    return this.sweep().catch((e: Error) => this.#o.log(`sweep of idle accounts failed: ${e.message}`));
  }

  async #sweepOnce(now: number): Promise<number> {
    const open = new Set(Object.keys(this.#repo.handles));
    for (const id of [...this.#lastUsed.keys()]) if (!open.has(id)) this.#lastUsed.delete(id);
    // Handles never seen in a metrics event (e.g. still loading) count as used now.
    for (const id of open) if (!this.#lastUsed.has(id)) this.#lastUsed.set(id, now);
    const victims: string[] = [];
    let remaining = open.size;
    for (const [id, at] of this.#lastUsed) {
      if (now - at < this.#o.idleMs && remaining <= this.#o.maxOpen) break;
      const handle = this.#repo.handles[id as DocumentId];
      // Only settled handles: one still loading or asking peers is in use.
      if (handle && !handle.inState(["ready", "unavailable"])) continue;
      victims.push(id);
      remaining--;
    }
    await this.unload(victims);
    // Some were still loading or asking peers: try again soon rather than at the next sweep.
    if (this.openCount() > this.#o.maxOpen) this.#sweepSoon();
    return victims.length;
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#soon);
  }
}
