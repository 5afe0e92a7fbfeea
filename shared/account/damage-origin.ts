/**
 * Where a damaged part of an account came from: the change that made it so — who, from
 * which device, when — and the last sound value before it, which "Restore" writes back.
 *
 * Read from the document's own history, so every replica finds the same origin. The
 * history is walked from the newest change back, decoding one change at a time
 * (`inspectChange`), until a change that touched the part is found before which the part
 * was sound (or absent). Only damaged parts are traced, and only when shown: the walk is
 * bounded (`ORIGIN_LIMITS`) and a part whose origin lies further back says so.
 */
import { getChangesMetaSince, getObjectId, inspectChange, topoHistoryTraversal, view, type Doc } from "@automerge/automerge/slim";
import type { AccountDoc, Person } from "./schema";
import { soundAt, type Damage, type PathStep } from "./check";
import { parseChangeMessage } from "../attribution";

/** The change that damaged a part. */
export interface DamagingChange {
  hash: string;
  /** ISO instant the change says it was made at; null when it carries no time. */
  at: string | null;
  /** The person named in its Baton change message; null for a change made without one. */
  by: Person | null;
  /** The device (Automerge actor) that made it, shortened. */
  device: string;
  /** The person whose other, signed changes come from that same device, when `by` is null. */
  deviceOf: Person | null;
}

/** Where a damaged part came from. */
export interface DamageOrigin {
  /** Null when no change within the limits explains it. */
  change: DamagingChange | null;
  /**
   * What was there before that change: a sound value, or nothing at all (the damaged
   * part was new). Null when not found: restoring then means the part's default.
   */
  before: { value: unknown } | { absent: true } | null;
}

/** How far back an origin is looked for. */
export const ORIGIN_LIMITS = { changes: 5_000, ms: 300 };

function at(root: unknown, path: readonly PathStep[]): unknown {
  let v: unknown = root;
  for (const step of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PathStep, unknown>)[step];
  }
  return v;
}

/** Object ids of `value` and everything inside it (bounded). */
function objectIdsIn(value: unknown, into: Set<string>, budget = { left: 2_000 }): void {
  if (value === null || typeof value !== "object" || budget.left-- <= 0) return;
  const id = getObjectId(value);
  if (id) into.add(id);
  for (const v of Object.values(value as Record<string, unknown>)) if (typeof v === "object") objectIdsIn(v, into, budget);
}

/** The person behind an actor, from that actor's signed changes. */
function signerOf(doc: Doc<unknown>, actor: string): Person | null {
  for (const meta of getChangesMetaSince(doc, [])) {
    if (meta.actor !== actor) continue;
    const author = parseChangeMessage(meta.message);
    if (author && author.by !== "baton") return { id: author.by, name: author.name };
  }
  return null;
}

/** Find where the damaged part `damage` came from. Never throws. */
export function damageOrigin(doc: Doc<AccountDoc>, damage: Pick<Damage, "path">, limits = ORIGIN_LIMITS): DamageOrigin {
  try {
    return trace(doc as Doc<unknown>, damage.path, limits);
  } catch {
    return { change: null, before: null };
  }
}

function trace(doc: Doc<unknown>, path: readonly PathStep[], limits: typeof ORIGIN_LIMITS): DamageOrigin {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1]!;
  const parent = at(doc, parentPath);
  const parentId = parentPath.length === 0 ? "_root" : getObjectId(parent);
  const inList = Array.isArray(parent);
  const inside = new Set<string>();
  objectIdsIn(at(doc, path), inside);

  const order = topoHistoryTraversal(doc);
  const started = Date.now();
  for (let i = order.length - 1, seen = 0; i >= 0 && seen < limits.changes && Date.now() - started < limits.ms; i--, seen++) {
    const change = inspectChange(doc, order[i]!);
    if (!change) continue;
    // A list's items are addressed by element ids the JS view does not show: any edit of the list counts.
    const touches = change.ops.some((op) => (op.obj === parentId && (inList || op.key === String(key))) || inside.has(op.obj));
    if (!touches) continue;
    const earlier = at(view(doc, change.deps), path);
    if (earlier !== undefined && !soundAt(path, earlier)) {
      // Damaged before this change too: look further back, following the objects it had then.
      objectIdsIn(earlier, inside);
      continue;
    }
    const author = parseChangeMessage(change.message);
    const by = author && author.by !== "baton" ? { id: author.by, name: author.name } : null;
    return {
      change: {
        hash: change.hash,
        at: change.time > 0 && change.time < 253_402_300_800 ? new Date(change.time * 1000).toISOString() : null,
        by,
        device: change.actor.slice(0, 8),
        deviceOf: by ? null : signerOf(doc, change.actor),
      },
      before: earlier === undefined ? { absent: true } : { value: earlier },
    };
  }
  return { change: null, before: null };
}
