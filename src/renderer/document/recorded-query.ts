/**
 * Skipping the work of a query of the account that the change did not touch. Automerge
 * keeps every unchanged part of a document the same object from one version to the next,
 * so a query that reads only some top-level parts can compare those by identity: typing
 * in a commitment then re-runs the commitments' query, not the stage bar's or the agenda's.
 *
 * Which parts a query reads is recorded as it reads them (a Proxy over the document's
 * top level), so a query can never return a stale value because a part was left off a list.
 * A result equal by value to the last one is the last one (same identity), so what draws
 * it skips its redraw.
 */
import type { AccountDoc } from "../../../shared";
import { sameByValue } from "../ui/stable";

type Part = keyof AccountDoc;
/** Marks a read of the whole top level (Object.keys, spread): such a reader redraws on every change. */
const EVERYTHING = Symbol("everything");
type Reads = Set<Part | typeof EVERYTHING>;

/** `doc` as seen through a record of the top-level parts read. */
function tracking(doc: AccountDoc, reads: Reads): AccountDoc {
  return new Proxy(doc, {
    // A symbol is Automerge's own state (heads, history: getHeads, diff): that depends on
    // every change, so such a reader redraws on every change.
    get(target, key, receiver) {
      reads.add(typeof key === "string" ? (key as Part) : EVERYTHING);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      reads.add(typeof key === "string" ? (key as Part) : EVERYTHING);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      reads.add(EVERYTHING);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      reads.add(typeof key === "string" ? (key as Part) : EVERYTHING);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** True when every part in `reads` is the same object in both versions. */
function sameParts(a: AccountDoc, b: AccountDoc, reads: Reads): boolean {
  if (a === b) return true;
  if (reads.has(EVERYTHING)) return false;
  for (const part of reads) if (a[part as Part] !== b[part as Part]) return false;
  return true;
}

/** One run of a query: its result and what it depended on. */
export interface QueryRun<T> {
  doc: AccountDoc;
  reads: ReadonlySet<string | symbol>;
  deps: readonly unknown[];
  result: T;
  /** False when the last result was reused without running the query. */
  ran: boolean;
}

/** The pure core of {@link useDocQuery}: the last run again, or a new one. */
export function runQuery<T>(prev: QueryRun<T> | null, doc: AccountDoc, query: (doc: AccountDoc) => T, deps: readonly unknown[] = []): QueryRun<T> {
  if (prev && prev.deps.length === deps.length && prev.deps.every((d, i) => Object.is(d, deps[i])) && sameParts(prev.doc, doc, prev.reads as Reads)) {
    return { ...prev, doc, ran: false };
  }
  const reads: Reads = new Set();
  const computed = query(tracking(doc, reads));
  const result = prev && sameByValue(prev.result, computed, 12) ? prev.result : computed;
  return { doc, reads, deps, result, ran: true };
}
