/**
 * Log files of the desktop app: main's lines and the sync node's (damaged chunks, failed
 * flushes, migrations) in one rotating file under userData/logs, with time and level.
 * electron-log writes it and keeps one older file when it passes `MAX_LOG_BYTES`. A folder
 * that cannot be written leaves the app running without a file, and says so.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Size at which the log file is rotated (electron-log keeps one previous file: main.old.log). */
export const MAX_LOG_BYTES = 2 * 1024 * 1024;

/** Why `dir` cannot hold log files, in words; null when it can. */
export async function logFolderProblem(dir: string): Promise<string | null> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, ".baton-write-check");
    await writeFile(probe, "");
    await rm(probe, { force: true });
    return null;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EACCES" || err.code === "EPERM") return "permission denied";
    if (err.code === "EROFS") return "the disk is read-only";
    if (err.code === "ENOSPC") return "the disk is full";
    if (err.code === "ENOTDIR" || err.code === "EEXIST") return "a file is in the way of the folder";
    return err.message;
  }
}
