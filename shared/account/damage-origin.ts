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
import { diffPath, getChangesMetaSince, getObjectId, inspectChange, topoHistoryTraversal, view, type ChangeMetadata, type Doc, type Prop } from "@automerge/automerge/slim";
import type { AccountDoc, Person } from "./schema";
import { soundAt, type Damage, type PathStep } from "./check";
import { specAt } from "./part-at";
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

/**
 * Changes with more operations than this are not decoded: whether they touched the part is
 * read from diffs of the part and of each record above it instead (as for a change that
 * cannot be decoded at all). A pasted 100 KB text is 100,000 operations and took a second to decode,
 * so one such change anywhere in the history used up the time limit of every trace past
 * it: the origin was reported as unknown and "Restore" removed the item instead.
 */
const DECODE_MAX_OPS = 1_000;

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

  // A part the account declares (not an item of a map or list) must be there: one a peer
  // deleted and then wrote nonsense into was damaged while it was missing, too.
  const spec = specAt(path);
  const mustExist = spec !== null && "part" in spec;
  let oldest: ChangeMetadata | null = null;

  const metas = new Map<string, ChangeMetadata>(getChangesMetaSince(doc, []).map((m) => [m.hash, m]));
  const order = topoHistoryTraversal(doc);
  const started = Date.now();
  let i = order.length - 1;
  for (let seen = 0; i >= 0 && seen < limits.changes && Date.now() - started < limits.ms; i--, seen++) {
    const hash = order[i]!;
    const meta = metas.get(hash);
    if (!meta) continue;
    const change = meta.maxOp - meta.startOp + 1 > DECODE_MAX_OPS ? null : decoded(doc, hash);
    const touches = change
      ? // A list's items are addressed by element ids the JS view does not show: any edit of the list counts.
        change.ops.some((op) => (op.obj === parentId && (inList || op.key === String(key))) || inside.has(op.obj))
      : touchedByDiff(doc, meta, path, inList);
    if (!touches) continue;
    const earlier = at(view(doc, meta.deps), path);
    if (earlier === undefined ? mustExist : !soundAt(path, earlier)) {
      // Damaged (or missing) before this change too: look further back, following the objects it had then.
      objectIdsIn(earlier, inside);
      oldest = meta;
      continue;
    }
    return { change: changeOf(doc, meta), before: earlier === undefined ? { absent: true } : { value: earlier } };
  }
  // Never sound as far as the history goes (the account was made without it): nothing to restore.
  if (oldest && i < 0) return { change: changeOf(doc, oldest), before: { absent: true } };
  return { change: null, before: null };
}

function changeOf(doc: Doc<unknown>, meta: ChangeMetadata): DamagingChange {
  const author = parseChangeMessage(meta.message);
  const by = author && author.by !== "baton" ? { id: author.by, name: author.name } : null;
  return {
    hash: meta.hash,
    at: meta.time > 0 && meta.time < 253_402_300_800 ? new Date(meta.time * 1000).toISOString() : null,
    by,
    device: meta.actor.slice(0, 8),
    deviceOf: by ? null : signerOf(doc, meta.actor),
  };
}

/**
 * A change with its operations, or null when Automerge cannot hand them to JavaScript: a
 * whole number beyond 2^53 (which a peer can write, and 1e300 is stored as) makes
 * `inspectChange` throw, and the history past it must still be readable.
 */
function decoded(doc: Doc<unknown>, hash: string): ReturnType<typeof inspectChange> {
  try {
    return inspectChange(doc, hash);
  } catch {
    return null;
  }
}

/**
 * True when the change `meta` may have changed what is at `path`: a key on the way to it
 * was set or deleted (any edit of a list, whose items the view does not name), or
 * something inside it changed. Each record on the way is diffed without what lies below
 * it, so a long text elsewhere in the change is never read.
 */
function touchedByDiff(doc: Doc<unknown>, meta: ChangeMetadata, path: readonly PathStep[], inList: boolean): boolean {
  try {
    for (let i = 0; i < path.length; i++) {
      const patches = diffPath(doc, path.slice(0, i) as Prop[], meta.deps, [meta.hash], { recursive: false });
      if (patches.some((patch) => related(patch.path, path, inList))) return true;
    }
    return diffPath(doc, path as Prop[], meta.deps, [meta.hash]).length > 0;
  } catch {
    // A part that did not exist on one side: the change may well be the one.
    return true;
  }
}

/** True when a patch at `patchPath` may have changed what is at `path`. */
function related(patchPath: readonly PathStep[], path: readonly PathStep[], inList: boolean): boolean {
  const same = (a: PathStep | undefined, b: PathStep | undefined) => String(a) === String(b);
  const n = Math.min(patchPath.length, path.length);
  for (let i = 0; i < n; i++) {
    if (same(patchPath[i], path[i])) continue;
    return inList && i === path.length - 1;
  }
  return true;
}
