/**
 * Why this exists: Automerge (3.5) does not check a change's checksum when it applies it.
 * A change with a flipped bit that still decodes is taken as a NEW change — same actor and
 * sequence number as the real one, a different hash (docs/RELIABILITY.md: about 1 in 2,000
 * bit-flipped copies of a real change). A peer could thus add a change nobody made just by
 * sending a damaged frame.
 *
 * Every Automerge chunk (document or change) starts with a magic number and a checksum: the
 * first 4 bytes of the SHA-256 of the chunk's type, length and content — that hash is also
 * the change's hash. So a chunk whose checksum does not match its content was damaged (or
 * forged carelessly) on the way, and is refused before Automerge sees it. Whoever means to
 * write a well-formed change can still do so; that is what write access is (SECURITY.md).
 */
import { createHash } from "node:crypto";
import { decodeChange, decodeSyncMessage } from "@automerge/automerge";

const MAGIC = [0x85, 0x6f, 0x4a, 0x83] as const;
const CHUNK_DOCUMENT = 0;
const CHUNK_CHANGE = 1;
const CHUNK_COMPRESSED_CHANGE = 2;

function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** Read an unsigned LEB128 of at most 5 bytes at `at`; null when it does not fit. */
function readLength(bytes: Uint8Array, at: number): { value: number; next: number } | null {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const b = bytes[at + i];
    if (b === undefined) return null;
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return null;
}

/**
 * True when `bytes` is one or more whole Automerge chunks, each carrying the checksum of its
 * own content. A compressed change is checked against the hash Automerge computes for it.
 */
export function chunksAreIntact(bytes: Uint8Array): boolean {
  let at = 0;
  if (bytes.byteLength === 0) return false;
  while (at < bytes.byteLength) {
    if (bytes.byteLength - at < 10) return false;
    for (let i = 0; i < MAGIC.length; i++) if (bytes[at + i] !== MAGIC[i]) return false;
    const checksum = bytes.subarray(at + 4, at + 8);
    const type = bytes[at + 8];
    const length = readLength(bytes, at + 9);
    if (!length) return false;
    const end = length.next + length.value;
    if (end > bytes.byteLength) return false;
    if (type === CHUNK_DOCUMENT || type === CHUNK_CHANGE) {
      const digest = createHash("sha256").update(bytes.subarray(at + 8, end)).digest();
      if (!digest.subarray(0, 4).equals(checksum)) return false;
    } else if (type === CHUNK_COMPRESSED_CHANGE) {
      try {
        if (decodeChange(bytes.subarray(at, end)).hash.slice(0, 8) !== hex(checksum)) return false;
      } catch {
        return false;
      }
    } else {
      return false;
    }
    at = end;
  }
  return true;
}

/**
 * Why a sync message must not be let in, or null when it may: it does not decode, or one of
 * the changes it carries is damaged.
 */
export function syncMessageProblem(data: Uint8Array): string | null {
  let changes: Uint8Array[];
  try {
    changes = decodeSyncMessage(data).changes;
  } catch {
    return "data is not an automerge sync message";
  }
  for (const change of changes) {
    if (!chunksAreIntact(change)) return "a change in the sync message is damaged (its checksum does not match)";
  }
  return null;
}
