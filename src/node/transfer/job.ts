/**
 * One long piece of work at a time (an import or an export of every account), as the
 * window follows it: how far it got, and a cancel that is heard between steps. Work that
 * can be cancelled only prepares; what it keeps is written in one last step that is not.
 */
import type { JobKind, JobProgress } from "../../../shared/jobs";
import { ApiFailure } from "../api/api-failure";

/** Thrown inside a job's work when the person cancelled it. */
export class Cancelled extends Error {}

export interface JobControl {
  /**
   * Count one more item done (and give others a turn now and then); throws `Cancelled` once
   * the person cancelled, until `finishing`. While finishing, items are counted again from 0.
   */
  step(): Promise<void>;
  /** From here on the work is being written: it can no longer be cancelled. */
  finishing(): void;
}

export class Job {
  #progress: JobProgress;
  #cancel = false;
  readonly #busy: string;
  readonly #kind: JobKind;

  /** `busy`: what the person is told when they start another while this one runs. */
  constructor(kind: JobKind, busy: string) {
    this.#kind = kind;
    this.#busy = busy;
    this.#progress = { job: kind, state: "idle", done: 0, total: 0, message: null };
  }

  progress(): JobProgress {
    return { ...this.#progress };
  }

  get running(): boolean {
    return this.#progress.state === "running" || this.#progress.state === "finishing";
  }

  /** Start `work` over `total` items; answers at once with the progress (the work goes on). */
  start(total: number, work: (control: JobControl) => Promise<string>): JobProgress {
    if (this.running) throw new ApiFailure(409, this.#busy);
    this.#cancel = false;
    this.#progress = { job: this.#kind, state: "running", done: 0, total, message: null };
    let sinceYield = 0;
    let lastYield = Date.now();
    const control: JobControl = {
      step: async () => {
        this.#progress.done++;
        // Yield every ~20 ms so status and cancel requests are answered while the work runs.
        if (++sinceYield >= 8 && Date.now() - lastYield > 20) {
          sinceYield = 0;
          await new Promise((r) => setImmediate(r));
          lastYield = Date.now();
        }
        if (this.#cancel && this.#progress.state === "running") throw new Cancelled();
      },
      finishing: () => {
        this.#progress.state = "finishing";
        this.#progress.done = 0;
      },
    };
    void work(control).then(
      (message) => {
        this.#progress = { ...this.#progress, state: "done", message };
      },
      (e: unknown) => {
        if (e instanceof Cancelled) this.#progress = { ...this.#progress, state: "cancelled", message: "Cancelled: nothing was changed." };
        else this.#progress = { ...this.#progress, state: "failed", message: e instanceof Error ? e.message : "It failed." };
      },
    );
    return this.progress();
  }

  /** Ask the work to stop; it stops at its next step unless it is already writing. */
  cancel(): void {
    if (this.#progress.state === "running") this.#cancel = true;
  }

  /** Forget a finished job (a new file was chosen). */
  reset(): void {
    if (!this.running) this.#progress = { job: this.#kind, state: "idle", done: 0, total: 0, message: null };
  }
}
