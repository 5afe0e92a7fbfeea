/**
 * A small JSON file owned by the sync node (profile, settings, library index), read
 * defensively and written crash-safely. A file that cannot be parsed is kept aside,
 * never silently overwritten.
 */
import { readFile, rename } from "node:fs/promises";
import { writeFileAtomic } from "../storage/atomic-file";

export type ReadResult<T> = { state: "missing" } | { state: "ok"; value: T } | { state: "damaged"; reason: string; keptAt: string };

/** Read and validate a JSON file; a damaged one is renamed aside with a timestamp. */
export async function readJsonFile<T>(path: string, parse: (raw: unknown) => T): Promise<ReadResult<T>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    throw e;
  }
  try {
    return { state: "ok", value: parse(JSON.parse(text)) };
  } catch (e) {
    const keptAt = `${path}.damaged-${Date.now()}`;
    await rename(path, keptAt).catch(() => undefined);
    return { state: "damaged", reason: (e as Error).message, keptAt };
  }
}

export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/**
 * The writes of one file the node keeps in memory and saves whole: one after another (two
 * renames of the same file never race), each with the state as it is when it starts, so a
 * write that failed (a full disk) is made good by the next one instead of stopping them all.
 * `later` gathers a burst of changes into one write `delayMs` after the first.
 */
export class FileWrites {
  readonly #write: () => Promise<void>;
  readonly #delayMs: number;
  #writing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;

  constructor(write: () => Promise<void>, delayMs = 0) {
    this.#write = write;
    this.#delayMs = delayMs;
  }

  /** Write now, after any write in flight; rejects when this write fails. */
  now(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#writing = this.#writing.catch(() => undefined).then(() => this.#write());
    return this.#writing;
  }

  /** Write soon; a failure is left to the next write (or to `flush`, which writes again). */
  later(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.now().catch(() => undefined);
    }, this.#delayMs);
    this.#timer.unref();
  }

  /** Write what waits to be written, and wait for every write in flight; rejects when the last write failed. */
  flush(): Promise<void> {
    return this.#timer ? this.now() : this.#writing;
  }
}
