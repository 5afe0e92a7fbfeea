/**
 * Order of list-like collections. Items live in maps keyed by id and carry a
 * fractional `rank`; the visible order is (rank, id). Moving an item only rewrites
 * its rank, so two people reordering at once never duplicate or lose an item.
 */
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import type { Fixed } from "./schema";
import { read } from "./fixed";
import { isRank, isStringLike } from "./stored";

interface Ranked {
  id: Fixed | string;
  rank: Fixed | string;
}

/** Compare two ranked items: by rank, then by id so concurrent inserts order the same everywhere. */
export function byRank(a: Ranked, b: Ranked): number {
  const ra = read(a.rank);
  const rb = read(b.rank);
  if (ra !== rb) return ra < rb ? -1 : 1;
  const ia = read(a.id);
  const ib = read(b.id);
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Items of a map in visible order. */
export function inOrder<T extends Ranked>(items: Record<string, T>): T[] {
  return Object.values(items).sort(byRank);
}

/**
 * The items of a map that can be placed among: a command works on the document as
 * stored, where a peer may have left an item without a usable rank (it is shown as
 * damaged); new places are found among the others.
 */
function placeable<T extends Ranked>(items: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, item] of Object.entries(items ?? {})) {
    if (typeof item === "object" && item !== null && isStringLike(item.id) && isStringLike(item.rank) && isRank(read(item.rank))) out[key] = item;
  }
  return out;
}

/** A rank that sorts after every item. */
export function rankAtEnd(items: Record<string, Ranked>): string {
  const ordered = inOrder(placeable(items));
  const last = ordered[ordered.length - 1];
  return generateKeyBetween(last ? read(last.rank) : null, null);
}

/**
 * The new ranks that put item `id` at position `toIndex` among the others, keyed by id.
 * Usually only the moved item changes. When the slot lies inside a run of equal ranks
 * (two people added at the end at once), the tied items that must come after it are
 * re-ranked too — one rank alone cannot land between two equal ranks.
 * Returns null when the item is already there (or does not exist).
 */
export function ranksForMove(items: Record<string, Ranked>, id: string, toIndex: number): Record<string, string> | null {
  const ordered = inOrder(placeable(items));
  const from = ordered.findIndex((it) => read(it.id) === id);
  if (from < 0) return null;
  const clamped = Math.max(0, Math.min(toIndex, ordered.length - 1));
  if (clamped === from) return null;
  const others = ordered.filter((it) => read(it.id) !== id);
  const before = others[clamped - 1];
  const lo = before ? read(before.rank) : null;
  // Items after the slot that share the rank of the item before it must move up with it.
  const tail: Ranked[] = [];
  let next = clamped;
  while (lo !== null && others[next] && read(others[next]!.rank) === lo) tail.push(others[next++]!);
  const after = others[next];
  const hi = after ? read(after.rank) : null;
  const keys = generateNKeysBetween(lo, hi, 1 + tail.length);
  const result: Record<string, string> = { [id]: keys[0]! };
  tail.forEach((it, i) => (result[read(it.id)] = keys[i + 1]!));
  return result;
}

/**
 * The rank that puts item `id` at position `toIndex` among the others, or null when it is
 * already there. Inside a run of equal ranks other items must change too: commands use
 * `ranksForMove`.
 */
export function rankForMove(items: Record<string, Ranked>, id: string, toIndex: number): string | null {
  return ranksForMove(items, id, toIndex)?.[id] ?? null;
}
