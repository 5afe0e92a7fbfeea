/**
 * Moves a damaged or doubtful chunk file out of the live store, keeping its bytes.
 *
 * Each quarantined file gets a sidecar `<name>.json` saying where it came from and why,
 * so a recovery tool (or a person) can inspect or restore it. Nothing is ever deleted.
 */
import { randomBytes } from "node:crypto";
import { basename, join } from "node:path";
import type { StorageKey } from "@automerge/automerge-repo/slim";
import { ensureFolderDurable, errorCode, moveFileDurable, writeFileAtomic } from "./atomic-file";

export interface QuarantineRecord {
  readonly key: StorageKey;
  readonly originalPath: string;
  readonly reason: string;
  readonly quarantinedAt: string;
}

export type QuarantineResult =
  | { readonly moved: true; readonly path: string }
  | { readonly moved: false; readonly error: string };

/** Moves `path` into `quarantineFolder`. Never throws; says whether the move happened. */
export async function quarantineFile(
  quarantineFolder: string,
  path: string,
  key: StorageKey,
  reason: string,
): Promise<QuarantineResult> {
  const now = new Date();
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const target = join(quarantineFolder, `${stamp}-${randomBytes(3).toString("hex")}-${basename(path)}`);
  const record: QuarantineRecord = { key, originalPath: path, reason, quarantinedAt: now.toISOString() };
  try {
    await ensureFolderDurable(quarantineFolder);
    await moveFileDurable(path, target);
  } catch (error) {
    return { moved: false, error: errorCode(error) ?? String(error) };
  }
  // The bytes are safe now; the sidecar is a courtesy and its failure is not fatal.
  await writeFileAtomic(`${target}.json`, `${JSON.stringify(record, null, 2)}\n`).catch(() => undefined);
  return { moved: true, path: target };
}
