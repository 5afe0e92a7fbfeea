/**
 * One backup on disk: a folder `baton-backup-<time>/` in the backup folder holding
 * `chunks.bin` (every stored chunk of every account, each in the same checksummed frame
 * as the live store: storage/chunk-frame.ts) and `manifest.json` (which account, its name
 * and stage, and where each of its chunks lies in `chunks.bin`).
 *
 * Why one file of chunks and not a copy of the folder: a copy is thousands of small files,
 * each needing its own fsync on a synced or network drive; one file is one fsync, and the
 * checksummed frames still make damage local to the account it hits (the manifest knows
 * each frame's place, so a bad frame does not hide the ones after it).
 *
 * Nothing half-written is ever taken for a backup: it is written under `.partial-<time>/`
 * and renamed to its final name only once both files are on disk (fsync, rename, fsync the
 * folder). A partial folder left by a crash or a full disk is removed, never listed.
 */
import { open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Chunk, StorageKey } from "@automerge/automerge-repo/slim";
import { ensureFolderDurable, errorCode, syncFolder, writeFileAtomic } from "../storage/atomic-file";
import { decodeFrame, encodeFrame } from "../storage/chunk-frame";

export const BACKUP_PREFIX = "baton-backup-";
const PARTIAL_PREFIX = ".partial-";
const MANIFEST = "manifest.json";
const CHUNKS = "chunks.bin";
export const BACKUP_FORMAT_VERSION = 1;

const manifestSchema = z.object({
  format: z.literal("baton-backup"),
  version: z.number().int(),
  createdAt: z.string(),
  /** Hash of every account's chunk names: equal means nothing changed since this backup. */
  fingerprint: z.string(),
  accounts: z.array(
    z.object({
      documentId: z.string(),
      name: z.string(),
      stage: z.string(),
      chunks: z.array(z.object({ offset: z.number().int().nonnegative(), length: z.number().int().positive() })),
    }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** A failure in words for the person (which folder, and why). */
export class BackupError extends Error {}

/** What went wrong with a file operation on `folder`, in words. */
export function why(e: unknown, folder: string): string {
  const code = errorCode(e);
  if (code === "ENOSPC" || code === "EDQUOT") return `the disk holding ${folder} is full`;
  if (code === "EACCES" || code === "EPERM") return `Baton may not write to ${folder}`;
  if (code === "EROFS") return `${folder} is on a read-only disk`;
  if (code === "ENOTDIR" || code === "EEXIST") return `${folder} is not a folder`;
  if (code === "ENOENT") return `${folder} is not there (is the drive connected?)`;
  return `${folder}: ${code ?? (e as Error).message}`;
}

export interface AccountToBackUp {
  documentId: string;
  name: string;
  stage: string;
  /** The account's stored chunks as one consistent set, or null to leave it out (damaged here, or it kept changing). */
  read: () => Promise<Chunk[] | null>;
}

/** The chunk names of each account, hashed: what changes whenever any account's content does. */
export function fingerprintOf(keys: Array<[documentId: string, keys: StorageKey[]]>): string {
  const hash = createHash("sha256");
  for (const [id, ks] of [...keys].sort((a, b) => (a[0] < b[0] ? -1 : 1))) hash.update(`${id}:${ks.map((k) => k.join("/")).sort().join(",")}\n`);
  return hash.digest("hex");
}

export function stampOf(at: Date): string {
  return at.toISOString().replace(/[:.]/g, "-");
}

/** When a backup was made, from its id (`baton-backup-2026-12-06T13-55-01-123Z`). */
export function timeOfId(id: string): string | null {
  const m = /^baton-backup-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(id);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : null;
}

/**
 * Write a backup of `accounts` into `folder`; answers its id and what it holds. Throws
 * BackupError (nothing left behind) when the folder cannot be written or the disk fills.
 */
export async function writeBackup(
  folder: string,
  accounts: AccountToBackUp[],
  fingerprint: string,
  options: { signal?: AbortSignal; step?: () => void; now?: Date } = {},
): Promise<{ id: string; manifest: Manifest; bytes: number }> {
  const at = options.now ?? new Date();
  const id = `${BACKUP_PREFIX}${stampOf(at)}`;
  const partial = join(folder, `${PARTIAL_PREFIX}${stampOf(at)}`);
  try {
    await ensureFolderDurable(folder);
    await ensureFolderDurable(partial);
  } catch (e) {
    throw new BackupError(`The backup could not be written: ${why(e, folder)}.`, { cause: e });
  }
  const manifest: Manifest = { format: "baton-backup", version: BACKUP_FORMAT_VERSION, createdAt: at.toISOString(), fingerprint, accounts: [] };
  let offset = 0;
  try {
    const file = await open(join(partial, CHUNKS), "wx", 0o600);
    try {
      for (const account of accounts) {
        if (options.signal?.aborted) throw new BackupError("The backup was cancelled; the earlier backups are kept.");
        const chunks = await account.read();
        if (chunks && chunks.length > 0) {
          const places: Manifest["accounts"][number]["chunks"] = [];
          for (const chunk of chunks) {
            if (!chunk.data) continue;
            const frame = encodeFrame(chunk.key, chunk.data);
            await file.write(frame);
            places.push({ offset, length: frame.length });
            offset += frame.length;
          }
          manifest.accounts.push({ documentId: account.documentId, name: account.name, stage: account.stage, chunks: places });
        }
        options.step?.();
      }
      await file.sync();
    } finally {
      await file.close();
    }
    await writeFileAtomic(join(partial, MANIFEST), JSON.stringify(manifest));
    await rename(partial, join(folder, id));
    await syncFolder(folder);
  } catch (e) {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    if (e instanceof BackupError) throw e;
    throw new BackupError(`The backup could not be written: ${why(e, folder)}. The earlier backups are kept.`, { cause: e });
  }
  return { id, manifest, bytes: offset };
}

export type BackupRead = { id: string; at: string; bytes: number } & ({ ok: true; manifest: Manifest } | { ok: false; problem: string });

/** Read one backup's manifest; a damaged or newer one says so instead of throwing. */
export async function readManifest(folder: string, id: string): Promise<BackupRead> {
  const dir = join(folder, id);
  const at = timeOfId(id) ?? "";
  const bytes = await stat(join(dir, CHUNKS)).then((s) => s.size, () => 0);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, MANIFEST), "utf8"));
  } catch (e) {
    return { id, at, bytes, ok: false, problem: errorCode(e) === "ENOENT" ? "This backup is incomplete (its list of accounts is missing)." : "This backup is damaged (its list of accounts cannot be read)." };
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) return { id, at, bytes, ok: false, problem: "This backup is damaged (its list of accounts cannot be read)." };
  if (parsed.data.version > BACKUP_FORMAT_VERSION) return { id, at, bytes, ok: false, problem: "This backup was made by a newer version of Baton; update Baton to restore it." };
  return { id, at: parsed.data.createdAt, bytes, ok: true, manifest: parsed.data };
}

/** The backups in `folder`, newest first; partial folders left by a crash are removed on the way. */
export async function listBackups(folder: string): Promise<BackupRead[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (e) {
    if (errorCode(e) === "ENOENT") return [];
    throw new BackupError(`The backups cannot be listed: ${why(e, folder)}.`, { cause: e });
  }
  for (const name of names.filter((n) => n.startsWith(PARTIAL_PREFIX))) await rm(join(folder, name), { recursive: true, force: true }).catch(() => undefined);
  const ids = names.filter((n) => n.startsWith(BACKUP_PREFIX)).sort().reverse();
  return Promise.all(ids.map((id) => readManifest(folder, id)));
}

/** One account's chunks from a backup, each frame checked; a damaged one says so. */
export async function readAccount(folder: string, manifest: Manifest, id: string, documentId: string): Promise<{ ok: true; chunks: Uint8Array[] } | { ok: false; problem: string }> {
  const entry = manifest.accounts.find((a) => a.documentId === documentId);
  if (!entry) return { ok: false, problem: "This backup does not hold that account." };
  let file;
  try {
    file = await open(join(folder, id, CHUNKS), "r");
  } catch (e) {
    return { ok: false, problem: `This backup cannot be read: ${why(e, join(folder, id))}.` };
  }
  try {
    const chunks: Uint8Array[] = [];
    for (const place of entry.chunks) {
      const bytes = new Uint8Array(place.length);
      const { bytesRead } = await file.read(bytes, 0, place.length, place.offset);
      const frame = decodeFrame(bytes.subarray(0, bytesRead));
      if (!frame.ok || frame.key[0] !== documentId) return { ok: false, problem: `This backup's copy of the account is damaged (${frame.ok ? "a chunk of another account" : frame.reason}).` };
      chunks.push(frame.payload);
    }
    return { ok: true, chunks };
  } finally {
    await file.close();
  }
}

/** Remove all but the newest `keep` complete backups, never one in `protect` (the last intact copy of a damaged account). */
export async function pruneBackups(folder: string, keep: number, protect: Set<string>): Promise<void> {
  const all = await listBackups(folder);
  for (const b of all.slice(keep)) {
    if (protect.has(b.id)) continue;
    // Renamed first: a quit halfway through the removal leaves a partial folder (removed later), never a backup with missing parts.
    const doomed = join(folder, `${PARTIAL_PREFIX}removing-${b.id}`);
    await rename(join(folder, b.id), doomed)
      .then(() => rm(doomed, { recursive: true, force: true }))
      .catch(() => undefined);
  }
}
