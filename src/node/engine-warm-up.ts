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
  /** Resolves once the warm-up has finished, failed or been stopped. */
  readonly done: Promise<void>;
  stop(): void;
}

/** Start warming after `delayMs` (the window's first requests come first); `onProblem` hears why it could not run. */
export function warmEngineInWorker(delayMs: number, onProblem: (message: string) => void): EngineWarmUp {
  let state: EngineWarmUpState = "waiting";
  let worker: Worker | null = null;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const end = (final: EngineWarmUpState) => {
    if (state === "waiting" || state === "running") state = final;
    finish();
  };
  const timer = setTimeout(() => {
    try {
      const automerge = createRequire(import.meta.url).resolve("@automerge/automerge");
      const source = `const A = require(${JSON.stringify(automerge)});\n(${exerciseEngine.toString()})(A, ${String(WARM_UP_ROUNDS)});`;
      worker = new Worker(source, { eval: true });
      state = "running";
      // A node stopping must not wait for it.
      worker.unref();
      worker.once("error", (e) => {
        onProblem(`engine warm-up failed: ${e.message}`);
        end("failed");
      });
      worker.once("exit", () => end("finished"));
    } catch (e) {
      onProblem(`engine warm-up not started: ${e instanceof Error ? e.message : String(e)}`);
      end("failed");
    }
  }, delayMs);
  timer.unref();
  return {
    get state() {
      return state;
    },
    done,
    stop() {
      clearTimeout(timer);
      end("stopped");
      void worker?.terminate();
    },
  };
}
