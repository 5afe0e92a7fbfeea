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
