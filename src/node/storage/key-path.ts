/**
 * Maps storage keys to file paths under a root folder.
 *
 *   ["<docId>", "incremental", "<hash>"]  ->  <root>/<shard>/<docId>/incremental/<hash>.chunk
 *   ["storage-adapter-id"]                ->  <root>/<shard>/storage-adapter-id.chunk
 *
 * Every key part but the last is a folder, so one document's chunks share one folder and
 * a key prefix is a folder (plus, possibly, the one file named after the prefix itself).
 * The `.chunk` suffix keeps ["a"] and ["a", "b"] from colliding as file versus folder.
 * <shard> is two hex digits of a hash of the first part, to keep folders small.
 *
 * Names are lowercase only: [a-z0-9_-] stays, every other UTF-8 byte (uppercase letters
 * too, since macOS and Windows fold case) becomes %xx. Windows device names get their
 * first letter escaped, "" becomes "~", and very long parts are cut and suffixed with
 * "~<hash>". Escaping is reversible except for such cut parts.
 */
import { createHash } from "node:crypto";
import { join, relative, sep } from "node:path";
import type { StorageKey } from "@automerge/automerge-repo/slim";

export const CHUNK_SUFFIX = ".chunk";

const MAX_NAME_LENGTH = 120;
const CUT_NAME_LENGTH = 80;
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)$/;

export function encodeKeyPart(part: string): string {
  if (part === "") return "~";
  // UTF-8 would turn every lone surrogate into U+FFFD, so two keys could share a file.
  if (/\p{Cs}/u.test(part)) throw new Error("storage key part is not well-formed Unicode");
  let name = "";
  for (const byte of new TextEncoder().encode(part)) {
    const char = String.fromCharCode(byte);
    name += /[a-z0-9_-]/.test(char) ? char : `%${byte.toString(16).padStart(2, "0")}`;
  }
  if (WINDOWS_DEVICE_NAME.test(name)) name = `%${name.charCodeAt(0).toString(16)}${name.slice(1)}`;
  if (name.length > MAX_NAME_LENGTH) name = `${name.slice(0, CUT_NAME_LENGTH)}~${sha256Hex(part).slice(0, 32)}`;
  return name;
}

/** The key part a name stands for, or undefined if the name is cut or not one of ours. */
export function decodeKeyPart(name: string): string | undefined {
  if (name === "~") return "";
  if (!/^[a-z0-9_%-]+$/.test(name)) return undefined;
  try {
    const part = decodeURIComponent(name);
    return encodeKeyPart(part) === name ? part : undefined;
  } catch {
    return undefined;
  }
}

/** The file holding the chunk stored under `key` (which must not be empty). */
export function keyFilePath(root: string, key: StorageKey): string {
  const [first, ...rest] = key;
  if (first === undefined) throw new Error("a storage key needs at least one part");
  const names = [encodeKeyPart(first), ...rest.map(encodeKeyPart)];
  const file = `${names.pop() ?? ""}${CHUNK_SUFFIX}`;
  return join(root, shardOf(first), ...names, file);
}

/** The folder holding every key that extends `prefix` by at least one part. */
export function keyFolderPath(root: string, prefix: StorageKey): string {
  const [first] = prefix;
  if (first === undefined) return root;
  return join(root, shardOf(first), ...prefix.map(encodeKeyPart));
}

/**
 * Best-effort key for a chunk file, read from its path alone (used to report a damaged
 * file whose stored key cannot be trusted). Parts that cannot be decoded stay as names.
 */
export function keyFromFilePath(root: string, path: string): StorageKey {
  const names = relative(root, path).split(sep).slice(1); // drop the shard folder
  const last = names.length - 1;
  return names.map((name, i) => {
    const bare = i === last && name.endsWith(CHUNK_SUFFIX) ? name.slice(0, -CHUNK_SUFFIX.length) : name;
    return decodeKeyPart(bare) ?? bare;
  });
}

function shardOf(firstPart: string): string {
  return sha256Hex(firstPart).slice(0, 2);
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
