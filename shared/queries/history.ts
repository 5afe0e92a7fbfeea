/**
 * The account at any moment: the whole account as it was at a point of its history, the
 * named points people ask for ("at the most important call", "at the order", "at
 * handoff"), and what differs between two points across every part of the account.
 *
 * A past state is read like any account that arrives: through `checkAccount`. History
 * can hold damage (a peer once wrote a number where a list belongs), and a past state is
 * shown, compared and restored only as checked. `view(doc, heads)` reads the document at
 * those heads without copying its history (≈ a few ms for a 2,000-change account, see
 * `npm run bench`).
 */
import { getChangesMetaSince, hasHeads, isImmutableString, view, type Doc } from "@automerge/automerge/slim";
import type { AccountDoc } from "../account/schema";
import { checkAccount, type Damage, type PathStep } from "../account/check";
import { ACCOUNT_PARTS, type PartSpec } from "../account/records/account";
import { plainCopy } from "../account/plain-copy";
import { read } from "../account/fixed";
import { kindOfChange, parseChangeMessage } from "../attribution";
import { mostImportantCallOf } from "./call-guide";

/** Parts never written back: the format version belongs to this build, the creation record to the account's first change. */
const KEPT: ReadonlySet<string> = new Set(["schemaVersion", "created"]);

/** The parts of an account a restore or an undo may write. */
export const RESTORABLE_PARTS: readonly string[] = Object.keys(ACCOUNT_PARTS).filter((p) => !KEPT.has(p));

export const isStoredMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !isImmutableString(v) && !(v instanceof Date) && !(v instanceof Uint8Array);

/** A stored string, fixed or text, read as its characters. */
export const stringOf = (v: unknown): string | null => (typeof v === "string" ? v : isImmutableString(v) ? v.val : null);

/** Equal as stored: same shape, same characters, and a fixed string is never equal to text (a restore puts the kind back too). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const sa = stringOf(a);
  const sb = stringOf(b);
  if (sa !== null || sb !== null) return sa === sb && isImmutableString(a) === isImmutableString(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (isStoredMap(a) && isStoredMap(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return false;
}

/** One item, record field or value as it was at a point. */
export interface PastValue {
  /** Where: `["commitments", id]`, `["activities", id]` (a list item by its id), `["order", "value"]`, `["name"]`. */
  path: PathStep[];
  /** What it was (plain data, as checked); undefined when it did not exist then (restoring removes it). */
  value: unknown;
}

/** The account at one point of its history. */
export interface PastAccount {
  /** The heads of that point. */
  heads: string[];
  /** The document as it was (read-only, with its history up to that point). */
  stored: Doc<AccountDoc>;
  /** The account as views may read it (checked): what was damaged then is left out. */
  account: AccountDoc;
  /** What was damaged at that point. */
  damage: readonly Damage[];
}

/** True when `heads` is a well-formed, non-empty list of change hashes. */
function wellFormed(heads: unknown): heads is string[] {
  return Array.isArray(heads) && heads.length > 0 && heads.every((h) => typeof h === "string" && /^[0-9a-f]{64}$/.test(h));
}

/**
 * The account as it was at `heads`, checked; null when those heads are not in this
 * document's history (yet) — e.g. a baseline taken on a laptop whose changes have not
 * arrived here.
 */
export function accountAt(doc: Doc<AccountDoc>, heads: readonly string[]): PastAccount | null {
  if (!wellFormed(heads)) return null;
  try {
    if (!hasHeads(doc, heads as string[])) return null;
    const stored = view(doc, heads as string[]);
    const { account, damage } = checkAccount(stored);
    return { heads: [...heads], stored, account, damage };
  } catch {
    return null;
  }
}

/** The account as plain data to hand a restore (detached from the document it came from). */
export function plainAccount(account: AccountDoc): AccountDoc {
  return plainCopy(account) as AccountDoc;
}

/** A point people name rather than pick from the timeline. */
export type NamedPointId = "most-important-call" | "order" | "handoff";

export interface NamedPoint {
  id: NamedPointId;
  heads: string[];
  /** ISO instant of the point. */
  at: string;
}

/**
 * The named points of this account that exist: right after the most important call's
 * outcome was logged (as the customer heard it), right after the account moved to
 * ordered, and the baseline frozen at handoff.
 */
export function namedPoints(doc: Doc<AccountDoc>): NamedPoint[] {
  const points: NamedPoint[] = [];
  const metas = getChangesMetaSince(doc, []);
  const instant = (seconds: number) => new Date((Number.isFinite(seconds) ? seconds : 0) * 1000).toISOString();
  const call = mostImportantCallOf(checkAccount(doc).account);
  if (call?.outcome) {
    const logged = metas.filter((m) => {
      const a = parseChangeMessage(m.message);
      return a && kindOfChange(a) === "activity" && a.item === call.id;
    });
    const last = logged.at(-1);
    if (last) points.push({ id: "most-important-call", heads: [last.hash], at: instant(last.time) });
  }
  const stageOf = (heads: string[]): string | null => {
    try {
      return heads.length ? read(view(doc, heads).stage) : null;
    } catch {
      return null;
    }
  };
  for (const m of metas) {
    const a = parseChangeMessage(m.message);
    if (!a || kindOfChange(a) !== "stage") continue;
    if (stageOf([m.hash]) === "ordered" && stageOf(m.deps) !== "ordered") {
      points.push({ id: "order", heads: [m.hash], at: instant(m.time) });
      break;
    }
  }
  const baseline = checkAccount(doc).account.handoff.baseline;
  if (baseline && wellFormed(baseline.heads.map(read)) && accountAt(doc, baseline.heads.map(read))) {
    points.push({ id: "handoff", heads: baseline.heads.map(read), at: read(baseline.at) });
  }
  return points.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

// ---------------------------------------------------------------------------------------
// Comparing two points

/** One field that differs, both sides as short text (null: empty or not there). */
export interface FieldDifference {
  field: string;
  before: string | null;
  after: string | null;
}

/** One item (or a record's fields, or one value) that differs between two points. */
export interface ItemDifference {
  /** The top-level part of the account (`commitments`, `order`, `name`, …). */
  part: string;
  /** Where it lives: `["commitments", id]`, `["relationship", "referrals", id]`, `["order"]`. */
  path: PathStep[];
  /** The item's id; null for a record or a value. */
  id: string | null;
  /** The item's words (its text, title or name), at the newer point or, when removed, the older one. */
  name: string;
  change: "added" | "removed" | "changed";
  /** The fields that differ (for "changed"; for a value, the value itself under its own name). */
  fields: FieldDifference[];
  /** What restoring it to the older point writes back. */
  restore: PastValue[];
}

/** Everything that differs between two points. */
export interface AccountDifference {
  /** In the order the account lists its parts. */
  items: ItemDifference[];
}

const SHOWN_MAX = 160;

/** A stored value as short text for a comparison. */
export function shownValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || isImmutableString(v)) {
    const s = String(v);
    return s === "" ? null : s.length > SHOWN_MAX ? `${s.slice(0, SHOWN_MAX - 1)}…` : s;
  }
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : null;
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v)) {
    if (v.length === 0) return null;
    const parts = v.map(shownValue).filter((x): x is string => x !== null);
    return v.length <= 5 ? parts.join(", ") : `${v.length} items`;
  }
  if (isStoredMap(v)) {
    const by = isStoredMap(v.by) ? shownValue(v.by.name) : null;
    if ("name" in v && "id" in v && Object.keys(v).length === 2) return shownValue(v.name);
    const at = shownValue(v.at);
    if (by || at) return [by, at].filter(Boolean).join(", ");
    return `${Object.keys(v).length} details`;
  }
  return null;
}

/** The words an item is known by. */
function nameOf(item: unknown): string {
  if (!isStoredMap(item)) return "";
  for (const k of ["text", "title", "name", "summary", "description", "reason", "to"]) {
    const s = shownValue(item[k]);
    if (s) return s;
  }
  return "";
}

const idOfListItem = (x: unknown, i: number): string => (isStoredMap(x) && (typeof x.id === "string" || isImmutableString(x.id)) ? String(x.id) : String(i));

function fieldsOf(before: unknown, after: unknown): FieldDifference[] {
  const b = isStoredMap(before) ? before : {};
  const a = isStoredMap(after) ? after : {};
  const out: FieldDifference[] = [];
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (k === "id" || sameValue(b[k], a[k])) continue;
    out.push({ field: k, before: shownValue(b[k]), after: shownValue(a[k]) });
  }
  return out;
}

function itemsOf(spec: Extract<PartSpec, { kind: "map" | "list" }>, value: unknown): Map<string, unknown> {
  if (spec.kind === "map") return new Map(isStoredMap(value) ? Object.entries(value) : []);
  return new Map(Array.isArray(value) ? value.map((x, i) => [idOfListItem(x, i), x] as const) : []);
}

function compare(spec: PartSpec, path: PathStep[], before: unknown, after: unknown, out: ItemDifference[]): void {
  const part = String(path[0]);
  if (sameValue(before, after)) return;
  if (spec.kind === "value") {
    out.push({ part, path, id: null, name: "", change: "changed", fields: [{ field: String(path.at(-1)), before: shownValue(before), after: shownValue(after) }], restore: [{ path, value: before }] });
    return;
  }
  if (spec.kind === "map" || spec.kind === "list") {
    const b = itemsOf(spec, before);
    const a = itemsOf(spec, after);
    const ids = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
    for (const id of ids) {
      const was = b.get(id);
      const is = a.get(id);
      if (sameValue(was, is)) continue;
      const change = was === undefined ? "added" : is === undefined ? "removed" : "changed";
      out.push({
        part,
        path: [...path, id],
        id,
        name: nameOf(is ?? was) || nameOf(was),
        change,
        fields: change === "changed" ? fieldsOf(was, is) : [],
        restore: [{ path: [...path, id], value: was }],
      });
    }
    return;
  }
  // A group: its single values together as one record; its containers item by item.
  const b = isStoredMap(before) ? before : {};
  const a = isStoredMap(after) ? after : {};
  const record: FieldDifference[] = [];
  const restore: PastValue[] = [];
  for (const [key, sub] of Object.entries(spec.parts)) {
    if (sub.kind === "value") {
      if (sameValue(b[key], a[key])) continue;
      record.push({ field: key, before: shownValue(b[key]), after: shownValue(a[key]) });
      restore.push({ path: [...path, key], value: b[key] });
    } else {
      compare(sub, [...path, key], b[key], a[key], out);
    }
  }
  if (record.length) out.push({ part, path, id: null, name: "", change: "changed", fields: record, restore });
}

/**
 * What differs between two states of an account (both as checked), across every part:
 * each item added, removed or changed (with the fields that differ), each record's
 * changed fields and each changed value — and, for each, what restoring the older state
 * writes back.
 */
export function compareAccounts(before: AccountDoc, after: AccountDoc): AccountDifference {
  const items: ItemDifference[] = [];
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const part of RESTORABLE_PARTS) compare(ACCOUNT_PARTS[part as keyof AccountDoc], [part], b[part], a[part], items);
  return { items };
}
