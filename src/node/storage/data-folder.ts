/** The data folder must be writable before anything is read from it; if not, the person is told which folder and why. */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-file";

/** The data folder cannot be used; the message says which and why. */
export class DataFolderError extends Error {}

/** Create the folder (owner-only) if needed and prove a write to it works; throws DataFolderError. */
export async function ensureWritable(dir: string): Promise<void> {
  try {
    // Owner-only: the folder holds the sync server token and every account in clear.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(dir, ".baton-write-check"), new Date().toISOString());
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "EACCES" || err.code === "EPERM" ? "permission denied" : err.code === "EROFS" ? "the disk is read-only" : err.code === "ENOSPC" ? "the disk is full" : err.message;
    throw new DataFolderError(`Baton cannot write to its data folder ${dir}: ${why}.`);
  }
}
