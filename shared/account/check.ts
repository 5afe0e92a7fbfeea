/**
 * An account document is untrusted input: a peer allowed to edit can write any
 * well-formed change — a null where a commitment was, a number where a list belongs, a
 * map replaced by text. `checkAccount` reads a document against its declaration
 * (records/account.ts) and returns the account as views may read it — damaged items left
 * out, damaged values and containers read as their defaults, text cleaned of what would
 * rewrite the screen — plus a report of every damaged part. The node summarises, the
 * window draws and the recap writes only what this returns.
 *
 * Cheap enough to run after every change: Automerge keeps every unchanged part of a
 * document the same object from one version to the next, so results are kept per object
 * and only what a change touched is checked again. An undamaged account comes back as
 * the document itself, so nothing downstream redraws because of the check.
 */
import { isImmutableString, ImmutableString } from "@automerge/automerge/slim";
import { versionOf } from "./migrations";
import { specAt } from "./part-at";
import { ACCOUNT_PARTS, emptyContainer, type AccountDoc, type ItemKind, type PartSpec } from "./records/account";
import { isRecordValue, storedTypeOf, type Check, type Expected, type StoredType } from "./stored";
import { cleanAccountText, needsCleaning } from "../validation/untrusted-text";
import { ACCOUNT_NAME_MAX } from "../validation/fields";

/** A step of a path into the document: a key of a map or record, or an index of a list. */
export type PathStep = string | number;

/** One damaged part of an account. */
export interface Damage {
  /**
   * What is left out or read as its default: `["commitments", "c1"]` for an item,
   * `["order", "value"]` for a value, `["commitments"]` for a whole container.
   */
  path: PathStep[];
  /** "item": a list or map item left out; "value": read as its default; "container": a whole list, map or record replaced. */
  scope: "item" | "value" | "container";
  /** The kind of item, for "item". */
  itemKind: ItemKind | null;
  /** Where inside it the problem is (empty when the thing itself is of the wrong kind): `["dueDate"]`. */
  field: PathStep[];
  /** What should be there. */
  expected: Expected;
  /** What is there. */
  got: StoredType;
  /** A short, cleaned glimpse of what is there, for text and numbers (null otherwise). */
  found: string | null;
}

/** An account as views may read it, and what was wrong with it. */
export interface AccountCheck {
  /** The document itself when nothing is damaged; otherwise a read-only account without the damaged parts. */
  account: AccountDoc;
  /** Every damaged part, in document order; empty when there is none. */
  damage: readonly Damage[];
}

/** Longest text of an account shown as it is; longer text (only a peer can write it) is cut. */
export const TEXT_SHOWN_MAX = 20_000;
/** Longest fixed string (a name, an email, a reference) shown as it is. */
export const FIXED_SHOWN_MAX = 200;
/** Keys whose values link items together: never cleaned, a changed id would break the link. */
const STRUCTURAL = new Set(["id", "rank", "requirementId", "followUpId", "previousId", "heads", "commitmentIds", "dependsOn", "skipped"]);

interface PartResult {
  view: unknown;
  damage: Damage[];
  /** The schema version it was checked under: what a record may lack depends on it. */
  version: number;
}

type Problem = Pick<Damage, "field" | "expected" | "got" | "found">;

const problemCache = new WeakMap<Check<unknown>, WeakMap<object, Problem | null>>();
const partCache = new WeakMap<PartSpec, WeakMap<object, PartResult>>();
const cleanCache = new WeakMap<object, object>();
const docCache = new WeakMap<object, AccountCheck>();

const isObject = isRecordValue;

function glimpse(value: unknown): string | null {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string" || isImmutableString(value)) return cleanAccountText(String(value), 40, false);
  return null;
}

function at(root: unknown, path: readonly PathStep[]): unknown {
  let v: unknown = root;
  for (const step of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PathStep, unknown>)[step];
  }
  return v;
}

/** What is wrong with `value` under `check`, or null when nothing is. */
function problemOf(check: Check<unknown>, value: unknown): Problem | null {
  const cacheable = typeof value === "object" && value !== null;
  let cache = problemCache.get(check);
  if (cacheable) {
    const hit = cache?.get(value);
    if (hit !== undefined) return hit;
  }
  const failure = check(value);
  let problem: Problem | null = null;
  if (failure) {
    const found = at(value, failure.field);
    problem = { field: failure.field, expected: failure.expected, got: storedTypeOf(found), found: glimpse(found) };
  }
  if (cacheable) {
    if (!cache) problemCache.set(check, (cache = new WeakMap()));
    cache.set(value, problem);
  }
  return problem;
}

/**
 * The value as it may be shown: the same object when nothing in it needs cleaning,
 * otherwise a copy with its text cleaned (ids and links are left alone).
 */
function cleaned<T>(value: T, textMax: number, lines: boolean, depth = 0): T {
  if (typeof value === "string") return (needsCleaning(value, textMax) ? cleanAccountText(value, textMax, lines) : value) as T;
  if (isImmutableString(value)) {
    const s = value.val;
    return (needsCleaning(s, FIXED_SHOWN_MAX) ? new ImmutableString(cleanAccountText(s, FIXED_SHOWN_MAX, false)) : value) as T;
  }
  if (!isObject(value) || depth > 3) return value;
  const hit = cleanCache.get(value);
  if (hit) return hit as T;
  let copy: Record<string, unknown> | null = null;
  for (const [key, v] of Object.entries(value)) {
    if (STRUCTURAL.has(key)) continue;
    const c = cleaned(v, TEXT_SHOWN_MAX, true, depth + 1);
    if (c !== v) (copy ??= { ...value })[key] = c;
  }
  const result = copy ?? value;
  cleanCache.set(value, result);
  return result as T;
}

function checkPart(spec: PartSpec, raw: unknown, path: PathStep[], version: number): PartResult {
  // A part the document's schema version did not have yet is missing, not damaged: migration adds it.
  if (raw === undefined && version < (spec.since ?? 1)) return { view: spec.kind === "value" ? spec.fallback() : emptyContainer(spec), damage: [], version };
  if (spec.kind === "value") {
    const problem = problemOf(spec.check, raw);
    if (problem) return { view: spec.fallback(), damage: [{ path, scope: "value", itemKind: null, ...problem }], version };
    return { view: path.length === 1 && path[0] === "name" ? cleaned(raw, ACCOUNT_NAME_MAX, false) : cleaned(raw, TEXT_SHOWN_MAX, true), damage: [], version };
  }
  const expected: Expected = spec.kind === "list" ? "list" : spec.kind === "map" ? "map" : "record";
  const shapeOk = spec.kind === "list" ? Array.isArray(raw) : isObject(raw);
  if (!shapeOk) {
    const view = spec.kind === "list" ? [] : spec.kind === "map" ? {} : spec.fallback();
    return { view, damage: [{ path, scope: "container", itemKind: null, field: [], expected, got: storedTypeOf(raw), found: glimpse(raw) }], version };
  }
  const container = raw as object;
  let cache = partCache.get(spec);
  const hit = cache?.get(container);
  // A record checked under another schema version may lack other fields without damage (a repaired version, say).
  if (hit && (spec.kind !== "group" || hit.version === version)) return hit;

  let result: PartResult;
  if (spec.kind === "group") result = checkGroup(spec.parts, container as Record<string, unknown>, path, version);
  else result = checkItems(spec, container, path);
  if (!cache) partCache.set(spec, (cache = new WeakMap()));
  cache.set(container, result);
  return result;
}

function checkItems(spec: Extract<PartSpec, { kind: "map" | "list" }>, container: object, path: PathStep[]): PartResult {
  const damage: Damage[] = [];
  const entries: [PathStep, unknown][] = Array.isArray(container) ? container.map((v, i) => [i, v]) : Object.entries(container);
  let changed = false;
  const kept: [PathStep, unknown][] = [];
  for (const [key, item] of entries) {
    let problem = problemOf(spec.item, item);
    if (!problem && spec.kind === "map" && spec.keyedById && String((item as { id: unknown }).id) !== key) {
      problem = { field: ["id"], expected: "same-id", got: "text", found: glimpse((item as { id: unknown }).id) };
    }
    if (problem) {
      damage.push({ path: [...path, key], scope: "item", itemKind: spec.itemKind, ...problem });
      changed = true;
      continue;
    }
    const shown = cleaned(item, TEXT_SHOWN_MAX, true);
    if (shown !== item) changed = true;
    kept.push([key, shown]);
  }
  if (!changed) return { view: container, damage, version: 0 };
  const view = Array.isArray(container) ? kept.map(([, v]) => v) : Object.fromEntries(kept);
  return { view, damage, version: 0 };
}

function checkGroup(parts: Readonly<Record<string, PartSpec>>, group: Record<string, unknown>, path: PathStep[], version: number): PartResult {
  const damage: Damage[] = [];
  let copy: Record<string, unknown> | null = null;
  for (const [key, spec] of Object.entries(parts)) {
    const raw = group[key];
    const part = checkPart(spec, raw, [...path, key], version);
    damage.push(...part.damage);
    if (part.view !== raw) (copy ??= { ...group })[key] = part.view;
  }
  return { view: copy ?? group, damage, version };
}

/**
 * Check an account: what views may read, and every damaged part. Never throws, whatever
 * the document holds. A document whose root is not a record at all reads as an empty account.
 */
export function checkAccount(doc: AccountDoc): AccountCheck {
  const root = doc as unknown;
  if (!isObject(root)) {
    const empty = checkGroup(ACCOUNT_PARTS, {}, [], 0);
    return { account: empty.view as AccountDoc, damage: [] };
  }
  const cached = docCache.get(root);
  if (cached) return cached;
  const result = checkGroup(ACCOUNT_PARTS, root, [], versionOf(root));
  let account = doc;
  if (result.view !== root) {
    // A plain copy keeps Automerge's own (symbol) state, so heads and history still read from it.
    account = result.view as AccountDoc;
    for (const symbol of Object.getOwnPropertySymbols(root)) {
      Object.defineProperty(account, symbol, { value: (root as Record<symbol, unknown>)[symbol], enumerable: false });
    }
    Object.freeze(account);
  }
  const check: AccountCheck = { account, damage: result.damage };
  docCache.set(root, check);
  return check;
}

/** The damage of one part of the account (e.g. "commitments"), for the section that shows that part. */
export function damageIn(check: AccountCheck, part: keyof AccountDoc, ...rest: PathStep[]): Damage[] {
  return check.damage.filter((d) => d.path[0] === part && rest.every((step, i) => d.path[i + 1] === step));
}

/**
 * True when `value` is sound where `path` puts it: an item or value passes its check; a
 * container has the right shape (its items are judged one by one). Used to find the last
 * sound value of a damaged part in the document's history.
 */
export function soundAt(path: readonly PathStep[], value: unknown): boolean {
  const spec = specAt(path);
  if (!spec) return false;
  if ("itemOf" in spec) {
    if (problemOf(spec.itemOf.item, value)) return false;
    const key = path[path.length - 1];
    return !(spec.itemOf.kind === "map" && spec.itemOf.keyedById && String((value as { id: unknown }).id) !== String(key));
  }
  const part = spec.part;
  if (part.kind === "value") return problemOf(part.check, value) === null;
  return part.kind === "list" ? Array.isArray(value) : isObject(value);
}
