/**
 * A way back: restore one item, or the whole account, to how it was at a point of the
 * timeline, and undo one change — each as a new change on top of the history, attributed
 * like any other edit, so it syncs to everyone and nothing is rewritten behind anyone's
 * back.
 *
 * The past comes in as plain data (`plainCopy` of the account as checked at that point,
 * shared/queries/history.ts): history can hold damage, and only what `checkAccount` lets
 * through is ever written back. The current document is changed in place, part by part
 * and field by field, never by replacing a container: a list or map the other laptop is
 * adding to at the same moment keeps its additions (Automerge keeps one of two objects
 * written at the same key, so a replaced container would drop the other side's items).
 *
 * Undo is a three-way merge: a part is put back to how it was before the change only
 * where it still reads as the change left it; a part someone edited since is left alone
 * and counted, so an undo never throws away a later edit.
 */
import type { AccountDoc } from "../account/schema";
import { plainCopy } from "../account/plain-copy";
import type { PathStep } from "../account/part-at";
import { assertWritable } from "./account";
import { isStoredMap as isMap, RESTORABLE_PARTS, sameValue, stringOf, type PastValue } from "../queries/history";

export type { PastValue } from "../queries/history";

type Container = Record<string, unknown> | unknown[];

/** The id of a list element that has one (activities, stage moves). */
function idOf(v: unknown): string | null {
  return isMap(v) ? stringOf(v.id) : null;
}

const allHaveIds = (list: readonly unknown[]) => list.every((x) => idOf(x) !== null);

function get(parent: Container, key: PathStep): unknown {
  return (parent as Record<PathStep, unknown>)[key];
}

function set(parent: Container, key: PathStep, value: unknown): void {
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[String(key)];
    return;
  }
  (parent as Record<PathStep, unknown>)[key] = plainCopy(value);
}

/**
 * Make `parent[key]` read as `to`, changing only what differs: maps key by key, lists of
 * items by id (removed, changed in place, added at their place), other lists in place.
 */
function makeEqual(parent: Container, key: PathStep, to: unknown): void {
  const cur = get(parent, key);
  if (sameValue(cur, to)) return;
  if (isMap(cur) && isMap(to)) {
    for (const k of Object.keys(cur)) if (!(k in to) || to[k] === undefined) delete cur[k];
    for (const [k, v] of Object.entries(to)) if (v !== undefined) makeEqual(cur, k, v);
    return;
  }
  if (Array.isArray(cur) && Array.isArray(to)) {
    if (allHaveIds(cur) && allHaveIds(to)) {
      const wanted = new Set(to.map(idOf));
      for (let i = cur.length - 1; i >= 0; i--) if (!wanted.has(idOf(cur[i]))) cur.splice(i, 1);
      to.forEach((item, i) => {
        const at = cur.findIndex((x) => idOf(x) === idOf(item));
        if (at >= 0) makeEqual(cur, at, item);
        else cur.splice(Math.min(i, cur.length), 0, plainCopy(item));
      });
      return;
    }
    cur.splice(0, cur.length, ...to.map((v) => plainCopy(v)));
    return;
  }
  set(parent, key, to);
}

/**
 * Take `parent[key]` from `from` to `to` where it still reads as `from`. What reads as
 * neither (edited since) is left as it is and its path is added to `skipped`.
 */
function revert(parent: Container, key: PathStep, from: unknown, to: unknown, path: PathStep[], skipped: PathStep[][]): void {
  if (sameValue(from, to)) return;
  const cur = get(parent, key);
  if (sameValue(cur, to)) return;
  if (sameValue(cur, from)) {
    makeEqual(parent, key, to);
    return;
  }
  if (isMap(cur) && isMap(from) && isMap(to)) {
    for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) revert(cur, k, from[k], to[k], [...path, k], skipped);
    return;
  }
  if (Array.isArray(cur) && Array.isArray(from) && Array.isArray(to) && allHaveIds(from) && allHaveIds(to) && allHaveIds(cur)) {
    const byId = (list: unknown[]) => new Map(list.map((x) => [idOf(x)!, x]));
    const f = byId(from);
    const t = byId(to);
    for (const id of new Set([...f.keys(), ...t.keys()])) {
      const at = cur.findIndex((x) => idOf(x) === id);
      const before = f.get(id);
      const after = t.get(id);
      if (at >= 0) revert(cur, at, before, after, [...path, id], skipped);
      else if (before === undefined && after !== undefined) cur.splice(Math.min(to.indexOf(after), cur.length), 0, plainCopy(after));
      else if (after !== undefined) skipped.push([...path, id]); // removed since by someone else
    }
    return;
  }
  skipped.push(path);
}

/** Restore one item (or the fields of one record) to how it was at a point. */
export interface RestoreItemArgs {
  /** What to put back: one item, or each changed field of a record. */
  values: PastValue[];
  /** What it is called, for the change message ("the commitment “Install”"). */
  name: string;
  /** The point, in words ("before Dana's edit", "at the order"). */
  point: string;
  /** The item's id, when it is one item (for the timeline). */
  id?: string;
}

/** Thrown when a restore names a place that is not a part of the account. */
export class NotRestorableError extends Error {
  constructor(path: readonly PathStep[]) {
    super(`“${path.join(" › ")}” is not a part of the account that can be restored.`);
    this.name = "NotRestorableError";
  }
}

function restoreValue(doc: AccountDoc, { path, value }: PastValue): void {
  const [part, ...rest] = path;
  if (typeof part !== "string" || !RESTORABLE_PARTS.includes(part) || path.length > 3) throw new NotRestorableError(path);
  let parent: Container = doc as unknown as Container;
  let key: PathStep = part;
  for (const step of rest) {
    const next = get(parent, key);
    if (Array.isArray(next)) {
      // A list item is named by its id: its position may have moved since.
      const at = next.findIndex((x) => idOf(x) === String(step));
      if (at < 0) {
        if (value !== undefined) next.push(plainCopy(value));
        return;
      }
      parent = next;
      key = at;
    } else if (isMap(next)) {
      parent = next;
      key = step;
    } else {
      throw new NotRestorableError(path);
    }
  }
  makeEqual(parent, key, value);
}

/** Put one item (or a record's fields, or a value) back as it was at a point: a removed commitment returns with its id and place. */
export function restoreItem(doc: AccountDoc, { values }: RestoreItemArgs): void {
  assertWritable(doc);
  for (const v of values) restoreValue(doc, v);
}

/** Restore the whole account to a point. */
export interface RestoreAccountArgs {
  /** The account as it was (plain data, as checked). */
  account: AccountDoc;
  /** The point, in words. */
  point: string;
}

/** Make every part of the account read as it did at a point (its format version and creation record stay). */
export function restoreAccount(doc: AccountDoc, { account }: RestoreAccountArgs): void {
  assertWritable(doc);
  const past = account as unknown as Record<string, unknown>;
  for (const part of RESTORABLE_PARTS) if (past[part] !== undefined) makeEqual(doc as unknown as Container, part, past[part]);
}

/** Undo one change. */
export interface UndoChangeArgs {
  /** The account just before the change (plain data, as checked). */
  before: AccountDoc;
  /** The account just after it (plain data, as stored: what the change wrote, damage included). */
  after: AccountDoc;
  /** Who made it and what it did, for the change message ("Dana Lead's change “Removed 3 commitments”"). */
  change: string;
}

/** Undo one change where what it changed still reads as it left it (see `undoLeftAlone` for the rest). */
export function undoChange(doc: AccountDoc, args: UndoChangeArgs): void {
  assertWritable(doc);
  undo(doc, args);
}

/**
 * What an undo of the change would leave alone because it was edited since (paths into
 * the account), worked out on a plain copy of the account: nothing is changed.
 */
export function undoLeftAlone(account: AccountDoc, args: Omit<UndoChangeArgs, "change">): PathStep[][] {
  return undo(plainCopy(account) as AccountDoc, args);
}

function undo(doc: AccountDoc, args: Omit<UndoChangeArgs, "change">): PathStep[][] {
  const skipped: PathStep[][] = [];
  const from = args.after as unknown as Record<string, unknown>;
  const to = args.before as unknown as Record<string, unknown>;
  for (const part of RESTORABLE_PARTS) revert(doc as unknown as Container, part, from[part], to[part], [part], skipped);
  return skipped;
}
