/**
 * Skipping redraws of a part of the account page that the change did not touch. Automerge
 * keeps every unchanged part of a document the same object from one version to the next,
 * so a section that reads only some top-level parts can compare those by identity: typing
 * in a commitment then redraws the commitments, not the stage bar, the agenda or the tabs.
 *
 * Which parts a section reads is recorded as it reads them (a Proxy over the document's
 * top level), so a section can never show a stale value because a part was left off a list.
 */
import { createElement, memo, useMemo, useRef, type ComponentType } from "react";
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

/**
 * A query of the document, recomputed only when a part it read last time changed or one of
 * `deps` did (`deps` are the query's other inputs, e.g. today's date). A result equal by
 * value to the last one is the last one (same identity): typing a commitment's text changes
 * the commitments, but not the stage checklist's "3 of 4 confirmed", whose section then
 * skips its redraw.
 */
export function useDocQuery<T>(doc: AccountDoc, query: (doc: AccountDoc) => T, deps: readonly unknown[] = []): T {
  const last = useRef<QueryRun<T> | null>(null);
  last.current = runQuery(last.current, doc, query, deps);
  return last.current.result;
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

type WithDoc = { doc: AccountDoc };

/**
 * `React.memo` for a section that takes the document: it redraws when another prop changes
 * (by identity) or when a top-level part of the document that it — or anything it handed
 * the document to — has read changed. Event handlers that read `doc` add to the record too.
 */
export function memoOnDocParts<P extends WithDoc>(Section: ComponentType<P>): ComponentType<P> {
  type Inner = P & { reads: Reads };
  const Tracked = memo(
    function Tracked(props: Inner) {
      const { reads, doc, ...rest } = props;
      const seen = useMemo(() => tracking(doc, reads), [doc, reads]);
      return createElement(Section, { ...(rest as unknown as P), doc: seen });
    },
    (a: Inner, b: Inner) => {
      for (const key of Object.keys(b) as (keyof Inner)[]) {
        if (key === "doc") {
          if (!sameParts(a.doc, b.doc, b.reads)) return false;
        } else if (a[key] !== b[key]) return false;
      }
      return Object.keys(a).length === Object.keys(b).length;
    },
  );
  function OnDocParts(props: P) {
    const reads = useRef<Reads>(new Set()).current;
    return createElement(Tracked, { ...props, reads } as Inner);
  }
  OnDocParts.displayName = `OnDocParts(${Section.displayName ?? Section.name})`;
  return OnDocParts;
}
