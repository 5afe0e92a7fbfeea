/**
 * The laptops of one e2e test: browser-mode instances (and any server) it started, each
 * on its own data folder, stopped and removed after the test.
 */
import { freePort, removeDataDir, startWeb, tempDataDir, type RunningProcess } from "./processes";

export interface Instance {
  proc: RunningProcess;
  data: string;
  port: number;
}

export class Instances {
  readonly #running: RunningProcess[] = [];
  readonly #dirs: string[] = [];

  /** A browser-mode instance on a new data folder, or on `dir` (kept by whoever made it) and `port`. */
  async start(name: string, dir?: string, port?: number): Promise<Instance> {
    const data = dir ?? (await tempDataDir(name));
    if (!dir) this.#dirs.push(data);
    const p = port ?? (await freePort());
    const proc = await startWeb(data, p);
    this.#running.push(proc);
    return { proc, data, port: p };
  }

  /** Stop this process and remove this folder after the test. */
  track(proc: RunningProcess | null, dir?: string): void {
    if (proc) this.#running.push(proc);
    if (dir) this.#dirs.push(dir);
  }

  /** A process the test stopped (or killed) itself. */
  forget(proc: RunningProcess): void {
    const i = this.#running.indexOf(proc);
    if (i >= 0) this.#running.splice(i, 1);
  }

  async stopAll(): Promise<void> {
    while (this.#running.length) await this.#running.pop()!.stop();
    while (this.#dirs.length) await removeDataDir(this.#dirs.pop()!);
  }
}
