/**
 * CrashSafeStorage: Baton's file storage adapter for automerge-repo.
 *
 * Why this exists: the stock NodeFS adapter (@automerge/automerge-repo-storage-nodefs)
 * saves each chunk with a plain fs.writeFile: no fsync and no rename. `save` resolving
 * therefore only means "handed to the OS cache", so a power cut can lose an edit the UI
 * showed as saved, and a crash mid-write can leave an empty or half-written chunk that
 * breaks loading of that document. DESIGN.md ("Durability") asks for better:
 *
 * - Every chunk is written atomically and durably (temp file, fsync, rename, fsync the
 *   folder: see atomic-file.ts). When `save` resolves the chunk survives a power cut.
 * - Every chunk is framed with a magic, its key, its length and a CRC-32 (chunk-frame.ts)
 *   and verified on load. A damaged chunk is never handed to Automerge: it is moved to
 *   `<dir>/quarantine/` (bytes kept), reported through `onDamaged`, and its document is
 *   remembered in `damagedDocuments()`. Loading never throws because of one bad file, so
 *   every other document still opens.
 * - Each document's chunks live in their own folder (key-path.ts):
 *   `<dir>/chunks/<shard>/<documentId>/<snapshot|incremental|sync-state>/<name>.chunk`.
 *
 * One store folder must be used by one process at a time (Electron: single-instance lock).
 */
import { readdir, readFile, stat, unlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Chunk, StorageAdapterInterface, StorageKey } from "@automerge/automerge-repo/slim";
import {
  ensureFolderDurable,
  errorCode,
  isTempFileName,
  removeStaleTempFiles,
  removeTempFileIfStale,
  syncFolder,
  writeFileAtomic,
} from "./atomic-file";
import { decodeFrame, encodeFrame } from "./chunk-frame";
import { mapWithLimit, PathQueue } from "./concurrency";
import { CHUNK_SUFFIX, keyFilePath, keyFolderPath, keyFromFilePath } from "./key-path";
import { quarantineFile } from "./quarantine";

export interface DamagedChunk {
  /**
   * The document the chunk belongs to, when the key is a document key. Also set for
   * sync-state chunks, whose loss only costs a re-sync: `damagedDocuments()` lists only
   * documents whose content chunks were damaged.
   */
  readonly documentId?: string;
  readonly key: StorageKey;
  /** Where the chunk was found. */
  readonly path: string;
  /** Where its bytes are now; absent if it could not be moved (then it stays in place). */
  readonly quarantinedPath?: string;
  readonly reason: string;
}

export interface CrashSafeStorageOptions {
  /** Called once per damaged chunk found; must not throw (errors are logged and ignored). */
  readonly onDamaged?: (report: DamagedChunk) => void;
}

/** Chunk kinds of document keys: [documentId, kind, name]. */
const DOCUMENT_KINDS = new Set(["snapshot", "incremental", "sync-state"]);
/** Kinds that hold document content; a lost sync-state only costs a longer re-sync. */
const CONTENT_KINDS = new Set(["snapshot", "incremental"]);
const READ_CONCURRENCY = 16;

export class CrashSafeStorage implements StorageAdapterInterface {
  readonly #chunksFolder: string;
  readonly #quarantineFolder: string;
  readonly #onDamaged: ((report: DamagedChunk) => void) | undefined;
  readonly #damaged = new Map<string, string>();
  readonly #readyFolders = new Set<string>();
  readonly #queue = new PathQueue();
  #closed = false;

  constructor(dir: string, options: CrashSafeStorageOptions = {}) {
    const root = resolve(dir);
    this.#chunksFolder = join(root, "chunks");
    this.#quarantineFolder = join(root, "quarantine");
    this.#onDamaged = options.onDamaged;
  }

  /**
   * Documents with damaged content chunks found since this adapter was created, with the
   * first reason seen. Damaged sync-state chunks are reported through `onDamaged` only.
   */
  damagedDocuments(): Map<string, string> {
    return new Map(this.#damaged);
  }

  /** Resolves once no read or write is in flight. */
  async idle(): Promise<void> {
    await this.#queue.idle();
  }

  /**
   * Stop writing: wait for writes in flight, then ignore later ones. automerge-repo saves
   * sync state on a timer without awaiting it; after shutdown such a write could land in a
   * folder the app no longer owns. Losing it only costs a slightly longer next sync.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue.idle();
  }

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    const path = keyFilePath(this.#chunksFolder, key);
    const chunk = await this.#queue.run(path, () => this.#readChunk(path, key));
    return chunk?.data;
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    if (this.#closed) return;
    const path = keyFilePath(this.#chunksFolder, key);
    const frame = encodeFrame(key, data);
    await this.#queue.run(path, () => this.#writeChunk(path, frame));
  }

  async remove(key: StorageKey): Promise<void> {
    if (this.#closed) return;
    const path = keyFilePath(this.#chunksFolder, key);
    const unlinked = await this.#queue.run(path, () => this.#removeChunk(path, key));
    if (unlinked) await syncFolder(dirname(path));
  }

  async loadRange(keyPrefix: StorageKey): Promise<Chunk[]> {
    const files = await this.#listChunkFiles(keyPrefix);
    const chunks = await mapWithLimit(files, READ_CONCURRENCY, (path) =>
      this.#queue.run(path, () => this.#readChunk(path, keyFromFilePath(this.#chunksFolder, path))),
    );
    return chunks.filter((chunk): chunk is Chunk => chunk !== undefined);
  }

  async removeRange(keyPrefix: StorageKey): Promise<void> {
    if (this.#closed) return;
    const files = await this.#listChunkFiles(keyPrefix);
    const unlinked = await mapWithLimit(files, READ_CONCURRENCY, (path) =>
      this.#queue.run(path, () => this.#removeChunk(path, keyFromFilePath(this.#chunksFolder, path))),
    );
    // One folder sync per folder instead of one per file.
    const folders = new Set(files.filter((_, i) => unlinked[i]).map((path) => dirname(path)));
    await Promise.all([...folders].map((folder) => syncFolder(folder)));
  }

  /**
   * The keys stored under `prefix` now, without reading them: a backup reads a document's
   * chunks, then checks that the same set is still there (a compaction in between may have
   * replaced some), so it never keeps an incomplete copy.
   */
  async keys(prefix: StorageKey): Promise<StorageKey[]> {
    return (await this.#listChunkFiles(prefix)).map((path) => keyFromFilePath(this.#chunksFolder, path));
  }

  /** Deletes temp files left by crashes anywhere in the store; returns how many. */
  async sweepTempFiles(): Promise<number> {
    const counter = { tempFilesRemoved: 0 };
    await this.#walk(this.#chunksFolder, [], counter);
    return counter.tempFilesRemoved + (await removeStaleTempFiles(this.#quarantineFolder));
  }

  async #writeChunk(path: string, frame: Uint8Array): Promise<void> {
    const folder = dirname(path);
    if (!this.#readyFolders.has(folder)) {
      await ensureFolderDurable(folder);
      this.#readyFolders.add(folder);
    }
    try {
      await writeFileAtomic(path, frame);
    } catch (error) {
      this.#readyFolders.delete(folder); // in case it vanished: the next save recreates it
      throw error;
    }
  }

  /** Reads and verifies one chunk; anything wrong with it is quarantined and reported. */
  async #readChunk(path: string, claimedKey: StorageKey): Promise<Chunk | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const code = errorCode(error);
      if (code === "ENOENT") return undefined;
      // Possibly a passing condition: report it, but leave the file where it is.
      this.#report({ key: claimedKey, path, reason: `unreadable (${code ?? String(error)})` });
      return undefined;
    }
    const frame = decodeFrame(bytes);
    if (frame.ok && keyFilePath(this.#chunksFolder, frame.key) === path) {
      const { payload } = frame;
      return { key: frame.key, data: new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength) };
    }
    const reason = frame.ok ? `holds the chunk for another key ${JSON.stringify(frame.key)}` : frame.reason;
    const moved = await quarantineFile(this.#quarantineFolder, path, claimedKey, reason);
    this.#report({
      key: claimedKey,
      path,
      reason: moved.moved ? reason : `${reason}; could not be moved to quarantine (${moved.error})`,
      ...(moved.moved ? { quarantinedPath: moved.path } : {}),
    });
    return undefined;
  }

  /**
   * Unlinks a chunk without syncing its folder (the caller does); returns whether it did.
   * A chunk of a damaged document is moved to quarantine instead: keep every byte.
   */
  async #removeChunk(path: string, key: StorageKey): Promise<boolean> {
    const documentId = documentIdOf(key);
    if (documentId !== undefined && this.#damaged.has(documentId)) {
      await quarantineFile(this.#quarantineFolder, path, key, "removed by the repo while the document was damaged");
      return false;
    }
    try {
      await unlink(path);
      return true;
    } catch (error) {
      if (errorCode(error) === "ENOENT") return false;
      throw error;
    }
  }

  #report(fields: Omit<DamagedChunk, "documentId">): void {
    const documentId = documentIdOf(fields.key);
    const report: DamagedChunk = documentId === undefined ? fields : { documentId, ...fields };
    if (documentId !== undefined && CONTENT_KINDS.has(fields.key[1] ?? "") && !this.#damaged.has(documentId)) {
      this.#damaged.set(documentId, fields.reason);
    }
    try {
      this.#onDamaged?.(report);
    } catch (error) {
      console.error("CrashSafeStorage: onDamaged handler threw", error);
    }
  }

  /** Chunk files for keys starting with `prefix` (the key equal to it included). */
  async #listChunkFiles(prefix: StorageKey): Promise<string[]> {
    const files: string[] = [];
    if (prefix.length > 0) {
      const exact = keyFilePath(this.#chunksFolder, prefix);
      if (await isFile(exact)) files.push(exact);
    }
    await this.#walk(keyFolderPath(this.#chunksFolder, prefix), files, { tempFilesRemoved: 0 });
    return files;
  }

  /** Collects chunk files under `folder`, deleting stale temp files on the way. */
  async #walk(folder: string, files: string[], counter: { tempFilesRemoved: number }): Promise<void> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      const code = errorCode(error);
      if (code === "ENOENT" || code === "ENOTDIR") return;
      const reason = `unreadable folder (${code ?? String(error)})`;
      this.#report({ key: keyFromFilePath(this.#chunksFolder, folder), path: folder, reason });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (isTempFileName(entry.name)) {
        if (await removeTempFileIfStale(path)) counter.tempFilesRemoved += 1;
      } else if (entry.isDirectory()) {
        await this.#walk(path, files, counter);
      } else if (entry.isFile() && entry.name.endsWith(CHUNK_SUFFIX)) {
        files.push(path);
      }
    }
  }
}

/** The document of [documentId, kind, name] keys, and of [documentId, kind] folders. */
function documentIdOf(key: StorageKey): string | undefined {
  return (key.length === 2 || key.length === 3) && DOCUMENT_KINDS.has(key[1] ?? "") ? key[0] : undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
