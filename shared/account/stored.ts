/**
 * What a stored value of an account may be — the building blocks of every record's
 * declaration (shared/account/records/). An account document arrives from peers, who can
 * write anything well-formed, so the node and the window check what they read against
 * these before any view, summary or reminder is built from it.
 *
 * A small checker of its own rather than the schema library the forms use (zod): it runs
 * on every account when opened and after every change that arrives, and zod took 4–26 ms
 * for 350 commitments where this takes well under one (account/check.test.ts, `npm run
 * bench`). It only tests — it never copies — and says where the first problem is and what
 * was expected there. A declaration is typed by the record it checks (`Check<T>`), so a
 * record and its check cannot drift apart.
 *
 * Fixed fields accept a plain string as well as an ImmutableString: `read()` treats both
 * alike and commands overwrite fixed fields whole, so either is harmless. Text people
 * type together must be text.
 */
import { isImmutableString } from "@automerge/automerge/slim";
import { generateKeyBetween } from "fractional-indexing";
import type { Fixed } from "./values";
import { isCalendarDate } from "../validation/fields";

/** What a stored value was expected to be: the key a check fails with, worded by the window. */
export const EXPECTED = [
  "text",
  "fixed",
  "id",
  "rank",
  "date",
  "instant",
  "choice",
  "number",
  "whole-number",
  "list",
  "record",
  "map",
  "person",
  "same-id",
  "heads",
  "amount",
] as const;
export type Expected = (typeof EXPECTED)[number];

/** What a stored value turned out to be, for the message next to a damaged item. */
export type StoredType = "nothing" | "null" | "text" | "number" | "true-false" | "list" | "record" | "other";

/** The type of any stored value, in the terms of `StoredType`. */
export function storedTypeOf(value: unknown): StoredType {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string" || isImmutableString(value)) return "text";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "true-false";
  if (Array.isArray(value)) return "list";
  if (isRecordValue(value)) return "record";
  return "other";
}

/** Where a check failed (inside the value checked) and what it expected there. */
export interface Failure {
  field: (string | number)[];
  expected: Expected;
}

/** A check of a stored value of type `T`: null when sound, else the first failure. */
export interface Check<T> {
  (value: unknown): Failure | null;
  /** Only carries the type `T` for the compiler. */
  readonly checks?: T;
}

const fail = (expected: Expected): Failure => ({ field: [], expected });

/** A check of a single value. */
export function leaf<T>(expected: Expected, ok: (value: unknown) => boolean): Check<T> {
  return (value) => (ok(value) ? null : fail(expected));
}

/** The value, or null. */
export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value) => (value === null ? null : check(value));
}

/**
 * A field that an older Baton may still leave out (a laptop not yet upgraded adds an
 * item after another laptop upgraded the account): missing reads as its default, so it
 * is not damage. Migration fills it in on every item it finds.
 */
export function orMissing<T>(check: Check<T>): Check<T> {
  return (value) => (value === undefined ? null : check(value));
}

/** A list of values, at most `max` long. */
export function listOf<T>(check: Check<T>, max = 10_000): Check<T[]> {
  return (value) => {
    if (!isListValue(value) || value.length > max) return fail("list");
    for (let i = 0; i < value.length; i++) {
      const f = check(value[i]);
      if (f) return { field: [i, ...f.field], expected: f.expected };
    }
    return null;
  };
}

/**
 * True for a record: a plain object, not a list or a fixed string. Its prototype must be
 * the plain one: Automerge's core accepts a key named "__proto__" that its JS layer then
 * turns into the object's prototype, and every lookup by key would read through to it.
 */
export function isRecordValue(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** True for a list with the plain list prototype. */
export function isListValue(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/** The check of each field of a record `T`. */
export type FieldChecks<T> = { readonly [K in keyof T]-?: Check<T[K]> };

/** A record with these fields (others are allowed: a newer Baton may have added some). */
export function record<T>(fields: FieldChecks<T>, expected: Expected = "record"): Check<T> {
  const entries = Object.entries(fields) as [string, Check<unknown>][];
  return (value) => {
    if (!isRecordValue(value)) return fail(expected);
    for (const [key, check] of entries) {
      const f = check(value[key]);
      if (f) return { field: [key, ...f.field], expected: f.expected };
    }
    return null;
  };
}

/** True for a value `read()` turns into a string: text or an ImmutableString. */
export function isStringLike(value: unknown): value is Fixed | string {
  return typeof value === "string" || isImmutableString(value);
}

const str = (value: Fixed | string): string => (typeof value === "string" ? value : value.val);

/** True when `rank` is a key fractional-indexing can place items around. */
export function isRank(rank: string): boolean {
  if (rank.length === 0 || rank.length > 256) return false;
  try {
    generateKeyBetween(rank, null);
    return true;
  } catch {
    return false;
  }
}

/** True for an ISO instant with a date and a time that parses. */
export function isInstant(value: string): boolean {
  return value.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Longest id accepted (ids are UUIDs or short fixed names such as "most-important-call"). */
export const ID_MAX = 200;

/** A fixed string: any text. */
export const fixed: Check<Fixed> = leaf("fixed", isStringLike);
/** A non-empty id. */
export const id: Check<Fixed> = leaf("id", (v) => isStringLike(v) && str(v).length > 0 && str(v).length <= ID_MAX);
/** A fractional rank (rank.ts). */
export const rank: Check<Fixed> = leaf("rank", (v) => isStringLike(v) && isRank(str(v)));
/** A calendar date, YYYY-MM-DD. */
export const date: Check<Fixed> = leaf("date", (v) => isStringLike(v) && isCalendarDate(str(v)));
/** A point in time, ISO. */
export const instant: Check<Fixed> = leaf("instant", (v) => isStringLike(v) && isInstant(str(v)));
/** Collaborative text. */
export const text: Check<string> = leaf("text", (v) => typeof v === "string");
/** A finite number. */
export const number: Check<number> = leaf("number", (v) => typeof v === "number" && Number.isFinite(v));
/** A whole number from `min` to `max`. */
export function wholeNumber(min: number, max: number): Check<number> {
  return leaf("whole-number", (v) => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max);
}
/** One of `values`. */
export function choice(values: readonly string[]): Check<Fixed> {
  const allowed = new Set(values);
  return leaf("choice", (v) => isStringLike(v) && allowed.has(str(v)));
}
/** The heads of a point in the account's history (change hashes). */
export const heads: Check<Fixed[]> = listOf(
  leaf<Fixed>("heads", (v) => isStringLike(v) && /^[0-9a-f]{64}$/.test(str(v))),
  1_000,
);
/** A list of ids (links to other items). */
export const ids: Check<Fixed[]> = listOf(fixed);
/** A person as recorded on an account. */
export const person: Check<{ id: Fixed; name: Fixed }> = record({ id, name: fixed }, "person");
/** Who did something, and when. */
export const attribution: Check<{ by: { id: Fixed; name: Fixed }; at: Fixed }> = record({ by: person, at: instant });
