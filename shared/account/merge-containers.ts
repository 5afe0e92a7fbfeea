/**
 * When two laptops create the same container apart — an older Baton ticking the first
 * agenda item while another laptop upgrades the account, or two upgrades from different
 * heads — Automerge keeps one of the two maps under the key and the other's items drop
 * out of view (they are still in the history, as a conflict). This finds such conflicts
 * on every declared container and copies the hidden items into the one that is shown, as
 * the same change on every replica (same-change.ts), so nobody's item is lost.
 */
import { getConflicts, getObjectId, type Doc } from "@automerge/automerge/slim";
import type { AccountDoc } from "./schema";
import { ACCOUNT_PARTS, type PartSpec } from "./records/account";
import { plainCopy } from "./plain-copy";
import { sameChangeEverywhere } from "./same-change";
import type { PathStep } from "./check";

/** The message of a merge's change: made by Baton, not by a person. */
export const MERGE_MESSAGE = JSON.stringify({ by: "baton", name: "Baton", what: "Kept the items two laptops added to a part both created" });

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function containersOf(parts: Readonly<Record<string, PartSpec>>, path: PathStep[], into: { path: PathStep[]; spec: PartSpec }[]): void {
  for (const [key, spec] of Object.entries(parts)) {
    if (spec.kind === "value") continue;
    into.push({ path: [...path, key], spec });
    if (spec.kind === "group") containersOf(spec.parts, [...path, key], into);
  }
}
const CONTAINERS: { path: PathStep[]; spec: PartSpec }[] = [];
containersOf(ACCOUNT_PARTS, [], CONTAINERS);

function at(root: unknown, path: readonly PathStep[]): unknown {
  let v = root;
  for (const step of path) v = isObj(v) || Array.isArray(v) ? (v as Obj)[step as string] : undefined;
  return v;
}

const sizeOf = (v: unknown): number => (Array.isArray(v) ? v.length : isObj(v) ? Object.keys(v).length : 0);

/**
 * The containers hidden behind the one shown at `path`, when two were created apart, that
 * still hold something. Inside a change, conflicting values carry their object ids and the
 * shown one is told apart by id; a plain document's conflicting values do not, so there a
 * container counts as hiding items when more than one of the values holds something, or
 * the shown one is empty while another is not.
 */
function hiddenAt(doc: unknown, path: readonly PathStep[]): (Obj | unknown[])[] {
  const parent = at(doc, path.slice(0, -1));
  if (!isObj(parent)) return [];
  const key = path[path.length - 1] as string;
  const conflicts = getConflicts(parent as Doc<unknown>, key);
  if (!conflicts || Object.keys(conflicts).length < 2) return [];
  const shown = parent[key];
  const values = (Object.values(conflicts) as unknown[]).filter((v): v is Obj | unknown[] => (isObj(v) || Array.isArray(v)) && sizeOf(v) > 0);
  const shownId = getObjectId(shown);
  if (shownId && values.every((v) => getObjectId(v))) return values.filter((v) => getObjectId(v) !== shownId);
  return values.length >= 2 || (values.length === 1 && sizeOf(shown) === 0) ? values : [];
}

/** The paths of the declared containers of `doc` that hide items of another created apart. */
export function hiddenContainers(doc: Doc<AccountDoc>): PathStep[][] {
  return CONTAINERS.filter(({ path }) => hiddenAt(doc, path).length > 0).map(({ path }) => path);
}

/** True when some declared container of `doc` hides items of another created apart. */
export function hasHiddenContainers(doc: Doc<AccountDoc>): boolean {
  try {
    return CONTAINERS.some(({ path }) => hiddenAt(doc, path).length > 0);
  } catch {
    return false;
  }
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "";

/**
 * Move what `hidden` holds into `shown` (items by key, list items by id, a field where the
 * shown one is empty), then empty `hidden`, so an item deleted later is not brought back.
 * False when something could not be moved and stays hidden.
 */
function moveInto(shown: unknown, hidden: Obj | unknown[], spec: PartSpec): boolean {
  if (spec.kind === "list") {
    if (!Array.isArray(shown) || !Array.isArray(hidden)) return false;
    const ids = new Set(shown.map((item) => (isObj(item) ? String(item.id) : "")));
    for (const item of hidden) if (isObj(item) && !ids.has(String(item.id))) shown.push(plainCopy(item));
    hidden.splice(0, hidden.length);
    return true;
  }
  if (!isObj(shown) || !isObj(hidden)) return false;
  let all = true;
  for (const [key, value] of Object.entries(hidden)) {
    const sub = spec.kind === "group" ? spec.parts[key] : undefined;
    let moved = true;
    if (sub && sub.kind !== "value" && (isObj(value) || Array.isArray(value)) && shown[key] !== undefined) moved = moveInto(shown[key], value, sub);
    else if (isEmpty(shown[key]) && !isEmpty(value)) shown[key] = plainCopy(value);
    // What could not be moved (the shown side is itself damaged) stays hidden, to be merged once that is repaired.
    if (moved) delete hidden[key];
    else all = false;
  }
  return all;
}

/** Inside a change: bring every hidden item back into the container that is shown. */
export function mergeHiddenContainers(d: AccountDoc): void {
  for (const { path, spec } of CONTAINERS) {
    for (const hidden of hiddenAt(d, path)) moveInto(at(d, path), hidden, spec);
  }
}

/** `doc` with every hidden item merged back, made alike on every replica; `doc` itself when nothing is hidden. */
export function withHiddenContainersMerged(doc: Doc<AccountDoc>): Doc<AccountDoc> {
  if (!hasHiddenContainers(doc)) return doc;
  return sameChangeEverywhere(doc, "merge hidden containers", MERGE_MESSAGE, mergeHiddenContainers);
}
