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
 * lies further back says so.
 */
import { getBackend, getChangesMetaSince, getObjectId, inspectChange, topoHistoryTraversal, view, type Doc } from "@automerge/automerge/slim";
import type { AccountDoc, Person } from "./schema";
import { soundAt, type Damage } from "./check";
import type { PathStep } from "./part-at";
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

type Decoded = NonNullable<ReturnType<typeof inspectChange>>;
type Op = Decoded["ops"][number] & { elemId?: string; insert?: boolean };

/** What one state of a document has learnt about its history, for every damaged part traced on it. */
interface History {
  order: string[];
  decoded: Map<string, Decoded | null>;
  views: Map<string, Doc<unknown>>;
  signers: Map<string, Person | null> | null;
}
const histories = new WeakMap<object, History>();

function historyOf(doc: Doc<unknown>): History {
  let h = histories.get(doc);
  if (!h) histories.set(doc, (h = { order: topoHistoryTraversal(doc), decoded: new Map(), views: new Map(), signers: null }));
  return h;
}

function decodedChange(doc: Doc<unknown>, h: History, hash: string): Decoded | null {
  if (!h.decoded.has(hash)) h.decoded.set(hash, inspectChange(doc, hash));
  return h.decoded.get(hash) ?? null;
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
    for (const meta of getChangesMetaSince(doc, [])) {
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

/** Find where the damaged part `damage` came from. Never throws. */
export function damageOrigin(doc: Doc<AccountDoc>, damage: Pick<Damage, "path">, limits = ORIGIN_LIMITS): DamageOrigin {
  try {
    return trace(doc as Doc<unknown>, damage.path, limits);
  } catch {
    return { change: null, before: null };
  }
}

function found(doc: Doc<unknown>, h: History, change: Decoded, before: DamageOrigin["before"]): DamageOrigin {
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

  const started = Date.now();
  for (let i = h.order.length - 1, seen = 0; i >= 0 && seen < limits.changes && Date.now() - started < limits.ms; i--, seen++) {
    const change = decodedChange(doc, h, h.order[i]!);
    if (!change) continue;
    const touches = change.ops.some((op) => (op.obj === parentId && op.key === key) || inside.has(op.obj));
    if (!touches) continue;
    const earlier = at(stateAt(doc, h, change.deps), path);
    if (earlier !== undefined && !soundAt(path, earlier)) {
      // Damaged before this change too: look further back, following the objects it had then.
      objectIdsIn(earlier, inside);
      continue;
    }
    return found(doc, h, change, earlier === undefined ? { absent: true } : { value: earlier });
  }
  return { change: null, before: null };
}

interface Backend {
  getAll(obj: string, prop: number, heads?: string[]): unknown[][];
  length(obj: string, heads?: string[]): number;
}

/** The op ids of the value(s) at `index` of list `listId` (its object id when the value is an object). */
function valueOpsAt(backend: Backend, listId: string, index: number, heads?: string[]): Set<string> {
  return new Set(backend.getAll(listId, index, heads).map((v) => String(v[v.length - 1])));
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
    const change = decodedChange(doc, h, h.order[i]!);
    if (!change) continue;
    let locator: Set<string> | null = null;
    let inserted = false;
    (change.ops as Op[]).forEach((op, index) => {
      if (valueOps.has(opIdOf(change, index))) {
        if (op.insert && op.pred.length === 0) inserted = true;
        else locator = new Set(op.pred);
      } else if (inside.has(op.obj)) locator ??= valueOps;
    });
    if (inserted) return found(doc, h, change, { absent: true });
    if (!locator) continue;
    const wanted: Set<string> = locator;
    // The same item in the state before this change.
    let index = -1;
    let length: number;
    try {
      length = backend.length(listId, change.deps);
    } catch {
      return found(doc, h, change, { absent: true });
    }
    for (let j = 0; j < length && index < 0; j++) if ([...valueOpsAt(backend, listId, j, change.deps)].some((id) => wanted.has(id))) index = j;
    if (index < 0) return found(doc, h, change, { absent: true });
    const earlier = at(stateAt(doc, h, change.deps), [...listPath, index]);
    if (earlier !== undefined && soundAt([...listPath, index], earlier)) return found(doc, h, change, { value: earlier });
    // Damaged before this change too: follow what it was made of then.
    valueOps = valueOpsAt(backend, listId, index, change.deps);
    objectIdsIn(earlier, inside);
  }
  return { change: null, before: null };
}
