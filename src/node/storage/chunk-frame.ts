/**
 * The on-disk frame around every stored chunk, so that damage is detected on load.
 *
 *   offset  size  field
 *   0       4     magic "BTN1"
 *   4       4     key length K (u32, big-endian)
 *   8       4     payload length P (u32, big-endian)
 *   12      4     CRC-32 of bytes 0..12, the key and the payload
 *   16      K     the storage key, UTF-8 JSON array of strings
 *   16+K    P     the payload
 *
 * The file must be exactly 16 + K + P bytes: shorter is a truncation, longer is garbage.
 * The key is stored so that a chunk proves which key it belongs to (a misplaced file is
 * caught) and so that keys never have to be decoded from file names.
 */
import { crc32 } from "node:zlib";
import type { StorageKey } from "@automerge/automerge-repo/slim";

const MAGIC = Uint8Array.from([0x42, 0x54, 0x4e, 0x31]); // "BTN1"
const HEADER_SIZE = 16;
const MAX_KEY_BYTES = 64 * 1024;
const MAX_PAYLOAD_BYTES = 0xffff_ffff;

export type DecodedFrame =
  | { readonly ok: true; readonly key: StorageKey; readonly payload: Uint8Array }
  | { readonly ok: false; readonly reason: string };

export function encodeFrame(key: StorageKey, payload: Uint8Array): Uint8Array {
  const keyBytes = new TextEncoder().encode(JSON.stringify(key));
  if (keyBytes.length > MAX_KEY_BYTES) throw new Error(`storage key too long (${keyBytes.length} bytes)`);
  if (payload.length > MAX_PAYLOAD_BYTES) throw new Error(`chunk too large (${payload.length} bytes)`);

  const frame = new Uint8Array(HEADER_SIZE + keyBytes.length + payload.length);
  const view = new DataView(frame.buffer);
  frame.set(MAGIC, 0);
  view.setUint32(4, keyBytes.length);
  view.setUint32(8, payload.length);
  frame.set(keyBytes, HEADER_SIZE);
  frame.set(payload, HEADER_SIZE + keyBytes.length);
  view.setUint32(12, checksum(frame.subarray(0, 12), keyBytes, payload));
  return frame;
}

export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  if (bytes.length < HEADER_SIZE) return fail(`truncated: ${bytes.length} bytes, header needs ${HEADER_SIZE}`);
  if (!MAGIC.every((byte, i) => bytes[i] === byte)) return fail("not a Baton chunk (bad magic bytes)");

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const keyLength = view.getUint32(4);
  const payloadLength = view.getUint32(8);
  const expectedSize = HEADER_SIZE + keyLength + payloadLength;
  if (bytes.length < expectedSize) return fail(`truncated: ${bytes.length} of ${expectedSize} bytes`);
  if (bytes.length > expectedSize) return fail(`${bytes.length - expectedSize} unexpected bytes after the chunk`);

  const keyBytes = bytes.subarray(HEADER_SIZE, HEADER_SIZE + keyLength);
  const payload = bytes.subarray(HEADER_SIZE + keyLength);
  if (checksum(bytes.subarray(0, 12), keyBytes, payload) !== view.getUint32(12)) return fail("checksum mismatch");

  const key = parseKey(keyBytes);
  if (key === undefined) return fail("stored key is not a list of strings");
  return { ok: true, key, payload };
}

function checksum(header: Uint8Array, keyBytes: Uint8Array, payload: Uint8Array): number {
  return crc32(payload, crc32(keyBytes, crc32(header)));
}

function parseKey(bytes: Uint8Array): StorageKey | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (Array.isArray(value) && value.every((part) => typeof part === "string")) return value as StorageKey;
  } catch {
    // fall through: not valid UTF-8 or JSON
  }
  return undefined;
}

function fail(reason: string): DecodedFrame {
  return { ok: false, reason };
}
