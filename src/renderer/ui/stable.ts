/**
 * Helpers for rows that redraw only when what they show changed: the views a query returns
 * are new objects on every change of the document, so rows compare them by value (one or
 * two levels deep), and the callbacks handed to rows are stable functions that always run
 * the latest code (so a row skipped by `memo` never calls a stale one).
 */
import { useCallback, useLayoutEffect, useRef } from "react";

/** A function with a stable identity that always calls the latest `fn`. */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Equal by value down to `depth` levels: arrays, plain objects and Maps are compared
 * element by element; anything else (functions included) by identity.
 */
export function sameByValue(a: unknown, b: unknown, depth = 2): boolean {
  if (Object.is(a, b)) return true;
  if (depth <= 0) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameByValue(x, b[i], depth - 1));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !sameByValue(v, b.get(k), depth - 1)) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameByValue(a[k], b[k], depth - 1));
  }
  return false;
}

/** A `React.memo` comparison for item rows: props equal by value, views and their lists compared by value. */
export function sameRowProps<P extends object>(a: Readonly<P>, b: Readonly<P>): boolean {
  return sameByValue(a, b, 4);
}
