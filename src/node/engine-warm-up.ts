/**
 * Warms Automerge's engine in a worker thread once the node has started
 * (shared/engine-warm-up.ts says why). The worker loads the same wasm bytes, so V8 hands it
 * the module this thread already compiled, and the fast code its work gets compiled serves
 * this thread too: a meeting's first live edits and the first accounts opened no longer
 * run on the slow first code. The node's own thread never waits for it, and a failure
 * costs only the warm-up.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { exerciseEngine, WARM_UP_ROUNDS } from "../../shared/engine-warm-up";

export type EngineWarmUpState = "waiting" | "running" | "finished" | "failed" | "stopped";

export interface EngineWarmUp {
  readonly state: EngineWarmUpState;
  /** Resolves once the warm-up has finished, failed or been stopped (its worker gone). */
  readonly done: Promise<void>;
  /** Stop it; resolves once its worker has ended. */
  stop(): Promise<void>;
}

/** Start warming after `delayMs` (the window's first requests come first); `log` hears how long it took, or why it could not run. */
export function warmEngineInWorker(delayMs: number, log: (line: string) => void, rounds = WARM_UP_ROUNDS): EngineWarmUp {
  let state: EngineWarmUpState = "waiting";
  let worker: Worker | null = null;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const settle = (final: EngineWarmUpState) => {
    if (state === "waiting" || state === "running") state = final;
  };
  const timer = setTimeout(() => {
    try {
      const automerge = createRequire(import.meta.url).resolve("@automerge/automerge");
      // `__name`: what a keepNames transform (tsx) wraps named inner functions in.
      const source = `var __name = (f) => f;\nconst A = require(${JSON.stringify(automerge)});\n(${exerciseEngine.toString()})(A, ${String(rounds)});`;
      const startedAt = performance.now();
      const started = new Worker(source, { eval: true });
      worker = started;
      state = "running";
      // A node stopping must not wait for it.
      started.unref();
      started.on("error", (e: unknown) => {
        log(`engine warm-up failed: ${e instanceof Error ? e.message : String(e)}`);
        settle("failed");
      });
      started.once("exit", (code) => {
        if (code !== 0 && state === "running") log(`engine warm-up ended with code ${String(code)}`);
        if (code === 0 && state === "running") log(`engine warmed in a worker (${String(Math.round(performance.now() - startedAt))} ms)`);
        settle(code === 0 ? "finished" : "failed");
        finish();
      });
    } catch (e) {
      log(`engine warm-up not started: ${e instanceof Error ? e.message : String(e)}`);
      settle("failed");
      finish();
    }
  }, delayMs);
  timer.unref();
  return {
    get state() {
      return state;
    },
    done,
    async stop() {
      clearTimeout(timer);
      settle("stopped");
      if (worker) await worker.terminate();
      else finish();
      await done;
    },
  };
}
