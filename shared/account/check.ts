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
import { versionBroken, versionOf } from "./migrations";
import { specAt, type PathStep } from "./part-at";
import { ACCOUNT_PARTS, emptyContainer, type AccountDoc, type ItemKind, type PartSpec } from "./records/account";
import { isListValue, isRecordValue, storedTypeOf, type Check, type Expected, type StoredType } from "./stored";
import { cleanAccountText, needsCleaning } from "../validation/untrusted-text";
import { ACCOUNT_NAME_MAX } from "../validation/fields";

export type { PathStep } from "./part-at";

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
export const FIXED_SHOWN_MAX = 320;
/** Keys whose values link items together: never cleaned, a changed id would break the link. */
const STRUCTURAL = new Set(["id", "rank", "requirementId", "followUpId", "previousId", "heads", "commitmentIds", "dependsOn", "skipped"]);

interface PartResult {
  view: unknown;
  damage: Damage[];
}

type Problem = Pick<Damage, "field" | "expected" | "got" | "found">;

const problemCache = new WeakMap<Check<unknown>, WeakMap<object, Problem | null>>();
/** By part, by the document's schema version (a part's `since` makes the same object damage at one version and not at another), by object. */
const partCache = new WeakMap<PartSpec, Map<number, WeakMap<object, PartResult>>>();
const cleanCache = new WeakMap<object, object>();
const docCache = new WeakMap<object, AccountCheck>();

const isObject = isRecordValue;

/**
 * True for an object Automerge handed out as a state of the document: it never changes, so
 * what was found about it can be kept. The live objects a change callback works on carry no
 * object id of their own and may change under the check: their results are not kept.
 */
function settled(value: object): boolean {
  return Object.getOwnPropertySymbols(value).some((s) => s.description === "_am_objectId");
}

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
  const cacheable = typeof value === "object" && value !== null && settled(value);
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
  const keep = settled(value);
  const hit = keep ? cleanCache.get(value) : undefined;
  if (hit) return hit as T;
  let copy: Record<string, unknown> | null = null;
  for (const [key, v] of Object.entries(value)) {
    if (STRUCTURAL.has(key)) continue;
    const c = cleaned(v, TEXT_SHOWN_MAX, true, depth + 1);
    if (c !== v) (copy ??= { ...value })[key] = c;
  }
  const result = copy ?? value;
  if (keep) cleanCache.set(value, result);
  return result as T;
}

function checkPart(spec: PartSpec, raw: unknown, path: PathStep[], version: number): PartResult {
  // A value left unwritten until someone sets it stays missing (its readers take that as none), so the account is still the document itself.
  if (raw === undefined && spec.kind === "value" && spec.unwritten) return { view: undefined, damage: [] };
  // A part the document's schema version did not have yet is missing, not damaged: migration adds it.
  if (raw === undefined && version < (spec.since ?? 1)) return { view: spec.kind === "value" ? spec.fallback() : emptyContainer(spec), damage: [] };
  if (spec.kind === "value") {
    const problem = problemOf(spec.check, raw);
    if (problem) return { view: spec.fallback(), damage: [{ path, scope: "value", itemKind: null, ...problem }] };
    return { view: path.length === 1 && path[0] === "name" ? cleaned(raw, ACCOUNT_NAME_MAX, false) : cleaned(raw, TEXT_SHOWN_MAX, true), damage: [] };
  }
  const expected: Expected = spec.kind === "list" ? "list" : spec.kind === "map" ? "map" : "record";
  const shapeOk = spec.kind === "list" ? isListValue(raw) : isObject(raw);
  if (!shapeOk) {
    const view = spec.kind === "list" ? [] : spec.kind === "map" ? {} : spec.fallback();
    return { view, damage: [{ path, scope: "container", itemKind: null, field: [], expected, got: storedTypeOf(raw), found: glimpse(raw) }] };
  }
  const container = raw as object;
  const keep = settled(container);
  let byVersion = partCache.get(spec);
  const hit = keep ? byVersion?.get(version)?.get(container) : undefined;
  if (hit) return hit;

  let result: PartResult;
  if (spec.kind === "group") result = checkGroup(spec.parts, container as Record<string, unknown>, path, version);
  else result = checkItems(spec, container, path);
  if (keep) {
    if (!byVersion) partCache.set(spec, (byVersion = new Map()));
    let cache = byVersion.get(version);
    if (!cache) byVersion.set(version, (cache = new WeakMap()));
    cache.set(container, result);
  }
  return result;
}

function checkItems(spec: Extract<PartSpec, { kind: "map" | "list" }>, container: object, path: PathStep[]): PartResult {
  const damage: Damage[] = [];
  const entries: [PathStep, unknown][] = Array.isArray(container) ? container.map((v, i) => [i, v]) : Object.entries(container);
  let changed = false;
  const kept: [PathStep, unknown][] = [];
  // Two laptops that each moved the same hidden list items back (merge-containers.ts) leave
  // them twice: an item whose id was already shown is the same item, shown once.
  const seenIds = spec.kind === "list" ? new Set<string>() : null;
  for (const [key, item] of entries) {
    let problem = problemOf(spec.item, item);
    if (!problem && seenIds) {
      const itemId = String((item as { id?: unknown }).id ?? "");
      if (itemId && seenIds.has(itemId)) {
        changed = true;
        continue;
      }
      seenIds.add(itemId);
    }
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
  if (!changed) return { view: container, damage };
  const view = Array.isArray(container) ? kept.map(([, v]) => v) : Object.fromEntries(kept);
  return { view, damage };
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
  return { view: copy ?? group, damage };
}

/** `copy` given the Automerge state (symbol properties) of `original`. */
function withSymbolsOf(original: object, copy: object): object {
  for (const symbol of Object.getOwnPropertySymbols(original)) {
    Object.defineProperty(copy, symbol, { value: (original as Record<symbol, unknown>)[symbol], enumerable: false });
  }
  return copy;
}

/**
 * Check an account: what views may read, and every damaged part. Never throws, whatever
 * the document holds. A document whose root is not a record at all reads as an empty account.
 */
export function checkAccount(doc: AccountDoc): AccountCheck {
  const given = doc as unknown;
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    const empty = checkGroup(ACCOUNT_PARTS, {}, [], 0);
    return { account: empty.view as AccountDoc, damage: [] };
  }
  // A root whose prototype a peer replaced (a key named "__proto__"): read its own parts only.
  const root = (isObject(given) ? given : withSymbolsOf(given, Object.fromEntries(Object.entries(given)))) as Record<string, unknown>;
  const keep = settled(root);
  const cached = keep ? docCache.get(root) : undefined;
  if (cached) return cached;
  const result = checkGroup(ACCOUNT_PARTS, root, [], versionOf(root));
  // A version deleted outright reads as "before versioning", where nothing is missing.
  const damage = root.schemaVersion === undefined && versionBroken(root) ? [{ path: ["schemaVersion"], scope: "value" as const, itemKind: null, field: [], expected: "whole-number" as const, got: "nothing" as const, found: null }, ...result.damage] : result.damage;
  let account = root as unknown as AccountDoc;
  if (result.view !== root) {
    // A plain copy keeps Automerge's own (symbol) state, so heads and history still read from it.
    account = withSymbolsOf(doc, result.view as object) as AccountDoc;
    Object.freeze(account);
  }
  const check: AccountCheck = { account, damage };
  if (keep) docCache.set(root, check);
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
  return part.kind === "list" ? isListValue(value) : isObject(value);
}
