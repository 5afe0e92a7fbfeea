/**
 * Where a damaged part of an account came from: the change that made it so — who, from
 * which device, when — and the last sound value before it, which "Restore" writes back.
 *
 * Read from the document's own history, so every replica finds the same origin. The
 * history is walked from the newest change back, decoding one change at a time
 * (`inspectChange`), until a change that touched the part is found before which the part
 * was sound (or absent). A part of a map is found by its key; an item of a list by what
 * it is made of (the op that wrote its value, the objects inside it), since indexes shift
 * as items come and go. Only damaged parts are traced, and only when shown: decoded
 * changes and past states are kept per document state, so many items damaged by one
 * change cost one decoding; the walk is bounded (`ORIGIN_LIMITS`) and a part whose origin
 * lies further back says so. A change too large to decode in time (a pasted 100 KB text) or
 * that Automerge cannot decode at all is read through shallow diffs instead.
 */
import { diffPath, getBackend, getChangesMetaSince, getObjectId, inspectChange, topoHistoryTraversal, view, type ChangeMetadata, type Doc, type Prop } from "@automerge/automerge/slim";
import type { AccountDoc, Person } from "./schema";
import { soundAt, type Damage } from "./check";
import { specAt, type PathStep } from "./part-at";
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
 * cannot be decoded at all). A pasted 100 KB text is 100,000 operations and took a second
 * to decode, so one such change anywhere in the history used up the time limit of every
 * trace past it: the origin was reported as unknown and "Restore" removed the item instead.
 */
const DECODE_MAX_OPS = 1_000;

type Decoded = NonNullable<ReturnType<typeof inspectChange>>;
type Op = Decoded["ops"][number] & { elemId?: string; insert?: boolean };

/** What one state of a document has learnt about its history, for every damaged part traced on it. */
interface History {
  order: string[];
  metas: Map<string, ChangeMetadata>;
  decoded: Map<string, Decoded | null>;
  views: Map<string, Doc<unknown>>;
  signers: Map<string, Person | null> | null;
}
const histories = new WeakMap<object, History>();

function historyOf(doc: Doc<unknown>): History {
  let h = histories.get(doc);
  if (!h) histories.set(doc, (h = { order: topoHistoryTraversal(doc), metas: new Map(getChangesMetaSince(doc, []).map((m) => [m.hash, m])), decoded: new Map(), views: new Map(), signers: null }));
  return h;
}

/**
 * A change with its operations, or null when it is too large to decode in time or when
 * Automerge cannot hand them to JavaScript: a whole number beyond 2^53 (which a peer can
 * write, and 1e300 is stored as) makes `inspectChange` throw, and the history past it must
 * still be readable.
 */
function decodedChange(doc: Doc<unknown>, h: History, meta: ChangeMetadata): Decoded | null {
  if (!h.decoded.has(meta.hash)) {
    let change: Decoded | null = null;
    if (meta.maxOp - meta.startOp + 1 <= DECODE_MAX_OPS) {
      try {
        change = inspectChange(doc, meta.hash) ?? null;
      } catch {
        change = null;
      }
    }
    h.decoded.set(meta.hash, change);
  }
  return h.decoded.get(meta.hash) ?? null;
}

function stateAt(doc: Doc<unknown>, h: History, heads: string[]): Doc<unknown> {
  const key = [...heads].sort().join(",");
  let v = h.views.get(key);
  if (!v) h.views.set(key, (v = view(doc, heads)));
  return v;
}

/** The person behind an actor, from that actor's signed changes (read once per document state). */
function signerOf(doc: Doc<unknown>, h: History, actor: string): Person | null {
  if (!h.signers) {
    h.signers = new Map();
    for (const meta of h.metas.values()) {
      if (h.signers.get(meta.actor)) continue;
      const author = parseChangeMessage(meta.message);
      h.signers.set(meta.actor, author && author.by !== "baton" ? { id: author.by, name: author.name } : (h.signers.get(meta.actor) ?? null));
    }
  }
  return h.signers.get(actor) ?? null;
}

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

/** Adds `${object id}\u0000${key}` for each map step of `path` in `root` (the key the next record sits under). */
function recordsOnTheWay(root: unknown, path: readonly PathStep[], into: Set<string>): void {
  let v: unknown = root;
  let id = "_root";
  for (const step of path) {
    into.add(`${id}\u0000${String(step)}`);
    if (v === null || typeof v !== "object") return;
    v = (v as Record<PathStep, unknown>)[step];
    const next = v !== null && typeof v === "object" ? getObjectId(v) : null;
    if (!next) return;
    id = next;
  }
}

/** Find where the damaged part `damage` came from. Never throws. */
export function damageOrigin(doc: Doc<AccountDoc>, damage: Pick<Damage, "path">, limits = ORIGIN_LIMITS): DamageOrigin {
  try {
    return trace(doc as Doc<unknown>, damage.path, limits);
  } catch {
    return { change: null, before: null };
  }
}

function found(doc: Doc<unknown>, h: History, change: ChangeMetadata, before: DamageOrigin["before"]): DamageOrigin {
  const author = parseChangeMessage(change.message);
  const by = author && author.by !== "baton" ? { id: author.by, name: author.name } : null;
  return {
    change: {
      hash: change.hash,
      at: change.time > 0 && change.time < 253_402_300_800 ? new Date(change.time * 1000).toISOString() : null,
      by,
      device: change.actor.slice(0, 8),
      deviceOf: by ? null : signerOf(doc, h, change.actor),
    },
    before,
  };
}

const opIdOf = (change: Decoded, index: number) => `${String(change.startOp + index)}@${change.actor}`;

function trace(doc: Doc<unknown>, path: readonly PathStep[], limits: typeof ORIGIN_LIMITS): DamageOrigin {
  const parentPath = path.slice(0, -1);
  const parent = at(doc, parentPath);
  const h = historyOf(doc);
  if (Array.isArray(parent) && typeof path[path.length - 1] === "number") return traceListItem(doc, h, path, limits);
  const key = String(path[path.length - 1]);
  const parentId = parentPath.length === 0 ? "_root" : getObjectId(parent);
  const inside = new Set<string>();
  objectIdsIn(at(doc, path), inside);
  // The records on the way to the part, as (object, key): a change that replaced one of them
  // (set a declared part to {}) changed the part without an op on the part's own key.
  const onTheWay = new Set<string>();
  recordsOnTheWay(doc, parentPath, onTheWay);
  // A part the account declares (not an item of a map or list) must be there: one a peer
  // deleted and then wrote nonsense into was damaged while it was missing, too.
  const spec = specAt(path);
  const mustExist = spec !== null && "part" in spec;
  let oldest: ChangeMetadata | null = null;

  const started = Date.now();
  let i = h.order.length - 1;
  for (let seen = 0; i >= 0 && seen < limits.changes && Date.now() - started < limits.ms; i--, seen++) {
    const meta = h.metas.get(h.order[i]!);
    if (!meta) continue;
    const change = decodedChange(doc, h, meta);
    const touches = change
      ? change.ops.some((op) => (op.obj === parentId && op.key === key) || inside.has(op.obj) || onTheWay.has(`${op.obj}\u0000${String(op.key)}`))
      : touchedByDiff(doc, meta, path);
    if (!touches) continue;
    const then = stateAt(doc, h, meta.deps);
    const earlier = at(then, path);
    if (earlier === undefined ? mustExist : !soundAt(path, earlier)) {
      // Damaged (or missing) before this change too: look further back, following the objects it had then.
      objectIdsIn(earlier, inside);
      recordsOnTheWay(then, parentPath, onTheWay);
      oldest = meta;
      continue;
    }
    return found(doc, h, meta, earlier === undefined ? { absent: true } : { value: earlier });
  }
  // Never sound as far back as the history goes (the account was made without it): nothing to restore.
  if (oldest && i < 0) return found(doc, h, oldest, { absent: true });
  return { change: null, before: null };
}

/**
 * True when the change `meta` may have changed what is at `path`: a key on the way to it
 * was set or deleted, or something inside it changed. Each record on the way is diffed
 * without what lies below it, so a long text elsewhere in the change is never read.
 */
function touchedByDiff(doc: Doc<unknown>, meta: ChangeMetadata, path: readonly PathStep[]): boolean {
  try {
    for (let i = 0; i < path.length; i++) {
      const patches = diffPath(doc, path.slice(0, i) as Prop[], meta.deps, [meta.hash], { recursive: false });
      if (patches.some((patch) => startsAlike(patch.path, path))) return true;
    }
    return diffPath(doc, path as Prop[], meta.deps, [meta.hash]).length > 0;
  } catch {
    // A part that did not exist on one side: the change may well be the one.
    return true;
  }
}

/** True when one path leads into the other. */
function startsAlike(a: readonly PathStep[], b: readonly PathStep[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}

interface Backend {
  getAll(obj: string, prop: number, heads?: string[]): unknown[][];
  length(obj: string, heads?: string[]): number;
}

/** The op ids of the value(s) at `index` of list `listId` (its object id when the value is an object). */
function valueOpsAt(backend: Backend, listId: string, index: number, heads?: string[]): Set<string> {
  return new Set(backend.getAll(listId, index, heads).map((v) => String(v[v.length - 1])));
}

/** Where in list `listId`, at `heads`, a value written by one of `ops` sits; -1 when none (or no list then). */
function indexOfValue(backend: Backend, listId: string, ops: Set<string>, heads: string[]): number {
  let length: number;
  try {
    length = backend.length(listId, heads);
  } catch {
    return -1;
  }
  for (let j = 0; j < length; j++) if ([...valueOpsAt(backend, listId, j, heads)].some((id) => ops.has(id))) return j;
  return -1;
}

/**
 * An item of a list, followed back through the history by what it is made of: the op
 * that wrote its current value (whose `pred` names the value it replaced, or nothing when
 * it was inserted) and the objects inside it (changed in place, the item stays the same).
 */
function traceListItem(doc: Doc<unknown>, h: History, path: readonly PathStep[], limits: typeof ORIGIN_LIMITS): DamageOrigin {
  const listPath = path.slice(0, -1);
  const listId = getObjectId(at(doc, listPath));
  if (!listId) return { change: null, before: null };
  const backend = getBackend(doc) as unknown as Backend;
  let valueOps = valueOpsAt(backend, listId, path[path.length - 1] as number);
  const inside = new Set<string>();
  objectIdsIn(at(doc, path), inside);

  const started = Date.now();
  for (let i = h.order.length - 1, seen = 0; i >= 0 && seen < limits.changes && Date.now() - started < limits.ms; i--, seen++) {
    const meta = h.metas.get(h.order[i]!);
    if (!meta) continue;
    const change = decodedChange(doc, h, meta);
    if (!change) {
      // Not decodable: the item is the same value before it, or this change wrote it.
      const before = indexOfValue(backend, listId, valueOps, meta.deps);
      if (before < 0) return found(doc, h, meta, { absent: true });
      const itemPath = [...listPath, before];
      if (!touchedByDiff(doc, meta, itemPath)) continue;
      const earlier = at(stateAt(doc, h, meta.deps), itemPath);
      if (earlier !== undefined && soundAt(itemPath, earlier)) return found(doc, h, meta, { value: earlier });
      objectIdsIn(earlier, inside);
      continue;
    }
    let locator: Set<string> | null = null;
    let inserted = false;
    (change.ops as Op[]).forEach((op, index) => {
      if (valueOps.has(opIdOf(change, index))) {
        if (op.insert && op.pred.length === 0) inserted = true;
        else locator = new Set(op.pred);
      } else if (inside.has(op.obj)) locator ??= valueOps;
    });
    if (inserted) return found(doc, h, meta, { absent: true });
    if (!locator) continue;
    const wanted: Set<string> = locator;
    // The same item in the state before this change.
    const index = indexOfValue(backend, listId, wanted, change.deps);
    if (index < 0) return found(doc, h, meta, { absent: true });
    const earlier = at(stateAt(doc, h, change.deps), [...listPath, index]);
    if (earlier !== undefined && soundAt([...listPath, index], earlier)) return found(doc, h, meta, { value: earlier });
    // Damaged before this change too: follow what it was made of then.
    valueOps = valueOpsAt(backend, listId, index, change.deps);
    objectIdsIn(earlier, inside);
  }
  return { change: null, before: null };
}
