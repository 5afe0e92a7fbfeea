/**
 * Long work of the node (getting a person's accounts from the server, a restore, a
 * backup): one of each kind at a time, its progress sent to every window as "job" events
 * (at most every 100 ms while it runs, so a thousand steps are not a thousand events), and
 * a cancel that the work sees through its AbortSignal between two whole steps, so what
 * was finished stays and nothing is left half-done.
 */
import type { JobKind, JobProgress } from "../../../shared/api";
import type { EventStream } from "./event-stream";

export interface JobControl {
  readonly signal: AbortSignal;
  /** Set the number of steps (when it is known). */
  total(n: number): void;
  /** One more step finished. */
  step(): void;
}

/** Work answers with the words shown when it ends. */
export type JobWork = (job: JobControl) => Promise<string>;

const SEND_EVERY_MS = 100;

/** "1 account", "1,000 accounts": how the end of a job counts what it did. */
export function accountsCount(n: number): string {
  return n === 1 ? "1 account" : `${n.toLocaleString()} accounts`;
}

export class Jobs {
  readonly #events: EventStream;
  readonly #jobs = new Map<JobKind, { progress: JobProgress; abort: AbortController; finished: Promise<void> }>();

  constructor(events: EventStream) {
    this.#events = events;
  }

  /** Running and recently ended jobs, for the status. */
  list(): JobProgress[] {
    return [...this.#jobs.values()].map((j) => ({ ...j.progress }));
  }

  running(kind: JobKind): boolean {
    return this.#jobs.get(kind)?.progress.state === "running";
  }

  /** Start `work` unless a job of this kind runs; answers the progress at once (the rest arrives as events). */
  start(kind: JobKind, work: JobWork): { progress: JobProgress; finished: Promise<void> } {
    const current = this.#jobs.get(kind);
    if (current?.progress.state === "running") return { progress: { ...current.progress }, finished: current.finished };
    const progress: JobProgress = { job: kind, state: "running", done: 0, total: 0, message: null };
    const abort = new AbortController();
    let lastSent = 0;
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
    };
    const finished = (async () => {
      send(true);
      try {
        const message = await work(control);
        progress.state = abort.signal.aborted ? "cancelled" : "done";
        progress.message = message;
      } catch (e) {
        progress.state = abort.signal.aborted ? "cancelled" : "failed";
        progress.message = (e as Error).message;
      }
      send(true);
    })();
    this.#jobs.set(kind, { progress, abort, finished });
    return { progress: { ...progress }, finished };
  }

  /** Ask a running job to stop after the step it is in; resolves when it has. */
  async cancel(kind: JobKind): Promise<void> {
    const job = this.#jobs.get(kind);
    if (!job || job.progress.state !== "running") return;
    job.abort.abort();
    await job.finished;
  }

  /** Stop every job (the node is quitting) and wait for each to end its step. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#jobs.keys()].map((k) => this.cancel(k)));
  }
}
