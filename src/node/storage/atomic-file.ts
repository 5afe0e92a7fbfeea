/**
 * Durable file primitives: replace a file atomically, remove or move it, create folders,
 * and make each of those survive a crash or a power cut once the promise resolves.
 *
 * The recipe for a replace is the classic one: write a uniquely named temp file in the
 * same folder, fsync it, rename it over the target (atomic on POSIX and NTFS), then fsync
 * the folder so the rename itself is on disk. A reader therefore sees either the old
 * file or the complete new one, never a torn mix.
 *
 * Platform notes: on macOS libuv's fsync uses F_FULLFSYNC, so it reaches the platter.
 * Windows cannot open a folder for fsync; there the folder sync is skipped (NTFS
 * journals its metadata) and renames are retried briefly because a file that another
 * process holds open cannot be replaced.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, stat, unlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

/** Temp files start with this; callers never create names with a leading dot. */
export const TEMP_PREFIX = ".tmp-";

/** A temp file older than this is a leftover from a crash, never a write in progress. */
const STALE_TEMP_AGE_MS = 60_000;

/** Temp files this process is writing right now (shared by all callers in the process). */
const tempFilesInFlight = new Set<string>();

export function isTempFileName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/** Replaces `path` with `data` so that a crash leaves either the old or the new content. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, TEMP_PREFIX + randomBytes(8).toString("hex"));
  tempFilesInFlight.add(temp);
  try {
    // Owner-only: account data and settings (device.json holds the server token) are nobody else's business.
    const file = await open(temp, "wx", 0o600);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await renameWithRetry(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  } finally {
    tempFilesInFlight.delete(temp);
  }
  await syncFolder(folder);
}

/** Unlinks `path` durably. Returns false when there was nothing to remove. */
export async function removeFileDurable(path: string): Promise<boolean> {
  try {
    await unlink(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw error;
  }
  await syncFolder(dirname(path));
  return true;
}

/** Renames `from` to `to` (same file system) and syncs both folders. */
export async function moveFileDurable(from: string, to: string): Promise<void> {
  await renameWithRetry(from, to);
  await syncFolder(dirname(to));
  if (dirname(from) !== dirname(to)) await syncFolder(dirname(from));
}

/**
 * Creates `folder` and any missing parents, syncing each parent so that the new folder
 * entries are durable too (a file is only as durable as the path leading to it).
 */
export async function ensureFolderDurable(folder: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(folder);
  while (!(await isFolder(current))) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const created of missing.reverse()) {
    try {
      await mkdir(created, { mode: 0o700 });
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
    // Sync even after EEXIST: a concurrent creator may not have synced the parent yet.
    await syncFolder(dirname(created));
  }
}

/** Makes the folder's entries (creations, renames, unlinks) durable. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === "win32") return;
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems (certain network and FUSE mounts) cannot fsync a folder.
    if (errorCode(error) !== "EINVAL" && errorCode(error) !== "ENOTSUP") throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Deletes temp files in `folder` left behind by a crash: not written by this process
 * right now and older than a minute (so another live writer's temp file survives).
 * Returns how many were removed. Never throws.
 */
export async function removeStaleTempFiles(folder: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names.filter(isTempFileName)) {
    if (await removeTempFileIfStale(join(folder, name))) removed += 1;
  }
  return removed;
}

/** Deletes one leftover temp file if it is stale (see removeStaleTempFiles). Never throws. */
export async function removeTempFileIfStale(path: string): Promise<boolean> {
  if (tempFilesInFlight.has(path)) return false;
  try {
    const info = await stat(path);
    if (Date.now() - info.mtimeMs < STALE_TEMP_AGE_MS) return false;
    await unlink(path);
    return true;
  } catch {
    return false;
  }
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw error;
  }
}

const WINDOWS_BUSY_CODES = new Set(["EPERM", "EACCES", "EBUSY"]);

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const retry = process.platform === "win32" && attempt < 10 && WINDOWS_BUSY_CODES.has(errorCode(error) ?? "");
      if (!retry) throw error;
      await new Promise((done) => setTimeout(done, 10 * (attempt + 1)));
    }
  }
}
