/**
 * A stored value copied out of a document (or one of its past states) as plain data that
 * can be written back into a document: Automerge refuses to put an object that already
 * belongs to a document somewhere else, and fixed strings must stay fixed.
 */
import { ImmutableString, isImmutableString } from "@automerge/automerge/slim";

/** A deep, detached copy of a stored value (at most `depth` levels; deeper parts are dropped). */
export function plainCopy(value: unknown, depth = 32): unknown {
  if (value === null || typeof value !== "object") return typeof value === "function" || typeof value === "symbol" || typeof value === "bigint" ? null : value;
  if (isImmutableString(value)) return new ImmutableString(value.val);
  if (depth <= 0) return null;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map((v) => plainCopy(v, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plainCopy(v, depth - 1);
  return out;
}
