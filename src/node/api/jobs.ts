/**
 * The node's long work (getting a person's accounts from the server, a restore, a backup,
 * an import, an export): one job of each kind at a time, its progress sent to every window
 * as "job" events (at most every 100 ms while it runs, so a thousand steps are not a
 * thousand events) and answered to a window that asks, and a cancel that the work sees
 * through its AbortSignal between two whole steps, so what was finished stays whole, the
 * rest is untouched, and the work's last words say which is which.
 */
import type { JobAccount, JobKind, JobProgress } from "../../../shared/jobs";
import { ApiFailure } from "./api-failure";
import type { EventStream } from "./event-stream";

export interface JobControl {
  readonly signal: AbortSignal;
  /** Set the number of steps (when it is known). */
  total(n: number): void;
  /** One more step finished. */
  step(): void;
  /**
   * Give the node's other requests (status, progress, a cancel) a turn when the work has
   * held the thread for a while; cheap to call after every step.
   */
  breathe(): Promise<void>;
  /** From here on the work is being written and can no longer be cancelled; steps count again from 0. */
  finishing(): void;
  /** Start writing what was prepared, `total` items, still cancellable between two (steps count again from 0). */
  writing(total: number): void;
}

/** What a job answers when it ends: the words shown, and the accounts it touched. */
export type JobEnd = string | { message: string; accounts: JobAccount[] };
export type JobWork = (job: JobControl) => Promise<JobEnd>;

const SEND_EVERY_MS = 100;
/** How long work may hold the thread before it lets requests in. */
const BREATHE_EVERY_MS = 20;

/** "1 account", "1,000 accounts": how the end of a job counts what it did. */
export function accountsCount(n: number): string {
  return n === 1 ? "1 account" : `${n.toLocaleString("en")} accounts`;
}

interface Running {
  progress: JobProgress;
  abort: AbortController;
  finished: Promise<void>;
}

export class Jobs {
  readonly #events: EventStream;
  readonly #jobs = new Map<JobKind, Running>();

  constructor(events: EventStream) {
    this.#events = events;
  }

  /** Running and recently ended jobs, for the status. */
  list(): JobProgress[] {
    return [...this.#jobs.values()].map((j) => ({ ...j.progress }));
  }

  /** One kind's progress ("idle" before the first). */
  progress(kind: JobKind): JobProgress {
    const job = this.#jobs.get(kind);
    return job ? { ...job.progress } : { job: kind, state: "idle", done: 0, total: 0, message: null };
  }

  running(kind: JobKind): boolean {
    const state = this.#jobs.get(kind)?.progress.state;
    return state === "running" || state === "finishing";
  }

  /** Refuse with `busy` (409) while a job of this kind runs. */
  refuseWhileRunning(kind: JobKind, busy: string): void {
    if (this.running(kind)) throw new ApiFailure(409, busy);
  }

  /** Forget how the last job of this kind ended (the person moved on to new work). */
  forget(kind: JobKind): void {
    if (!this.running(kind)) this.#jobs.delete(kind);
  }

  /**
   * Start `work` unless a job of this kind runs (then that one's progress is the answer);
   * answers the progress at once, the rest arrives as events.
   */
  start(kind: JobKind, work: JobWork): { progress: JobProgress; finished: Promise<void> } {
    const current = this.#jobs.get(kind);
    if (current && this.running(kind)) return { progress: { ...current.progress }, finished: current.finished };
    const progress: JobProgress = { job: kind, state: "running", done: 0, total: 0, message: null };
    const abort = new AbortController();
    let lastSent = 0;
    let lastBreath = Date.now();
    const send = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastSent < SEND_EVERY_MS) return;
      lastSent = now;
      this.#events.send({ type: "job", job: { ...progress } });
    };
    const control: JobControl = {
      signal: abort.signal,
      total: (n) => {
        progress.total = n;
        send(true);
      },
      step: () => {
        progress.done += 1;
        send(progress.done === progress.total);
      },
      breathe: async () => {
        if (Date.now() - lastBreath < BREATHE_EVERY_MS) return;
        await new Promise((r) => setImmediate(r));
        lastBreath = Date.now();
      },
      writing: (n) => {
        progress.done = 0;
        progress.total = n;
        progress.writing = true;
        send(true);
      },
      finishing: () => {
        progress.state = "finishing";
        progress.done = 0;
        send(true);
      },
    };
    const finished = (async () => {
      send(true);
      try {
        const end = await work(control);
        progress.state = abort.signal.aborted ? "cancelled" : "done";
        if (typeof end === "string") progress.message = end;
        else {
          progress.message = end.message;
          progress.accounts = end.accounts;
        }
      } catch (e) {
        progress.state = abort.signal.aborted ? "cancelled" : "failed";
        progress.message = e instanceof Error ? e.message : "It failed.";
      }
      send(true);
    })();
    this.#jobs.set(kind, { progress, abort, finished });
    return { progress: { ...progress }, finished };
  }

  /** Ask a running job to stop after the step it is in; resolves when it has. Work being written ("finishing") goes on. */
  async cancel(kind: JobKind): Promise<void> {
    const job = this.#jobs.get(kind);
    if (!job || job.progress.state !== "running") return;
    job.abort.abort();
    await job.finished;
  }

  /** Stop every job (the node is quitting) and wait for each to end its step. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#jobs.keys()].map((k) => this.cancel(k)));
    await Promise.all([...this.#jobs.values()].map((j) => j.finished));
  }
}
