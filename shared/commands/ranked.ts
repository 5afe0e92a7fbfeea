/**
 * Helpers shared by the commands on list-like collections (maps keyed by id with a
 * fractional rank, see `account/rank.ts`) and on the plain lists inside an item.
 */
import type { Fixed } from "../account/schema";
import { fixed, read } from "../account/fixed";
import { ranksForMove } from "../account/rank";
import { MissingItemError } from "./errors";
import { soundAt } from "../account/check";

/**
 * The sound items of a list or map of the account at `part` (e.g. `["milestones"]`). A
 * command that walks the other items (to cut a link to a removed one) leaves a damaged
 * item alone: it is shown as damaged and repaired from there.
 */
export function soundItems<T>(items: Record<string, T> | T[] | undefined | null, part: readonly string[]): T[] {
  if (!items || typeof items !== "object") return [];
  const entries: [string | number, T][] = Array.isArray(items) ? items.map((v, i) => [i, v]) : Object.entries(items);
  return entries.filter(([key, item]) => soundAt([...part, key], item)).map(([, item]) => item);
}

interface RankedDoc {
  id: Fixed;
  rank: Fixed;
}

/** The item `id` of a collection, or a `MissingItemError` naming `kind`. */
export function itemOf<T>(items: Record<string, T> | undefined, kind: string, id: string): T {
  const item = items?.[id];
  if (!item) throw new MissingItemError(kind, id);
  return item;
}

/** Put item `id` at position `toIndex` of the visible order (only ranks change). */
export function moveItem(items: Record<string, RankedDoc>, kind: string, id: string, toIndex: number): void {
  itemOf(items, kind, id);
  const ranks = ranksForMove(items, id, toIndex) ?? {};
  for (const [itemId, rank] of Object.entries(ranks)) items[itemId]!.rank = fixed(rank);
}

/** Remove every occurrence of `id` from a list of ids (two people adding it at once leave it twice). */
export function removeId(list: Fixed[], id: string): void {
  for (let i = list.length - 1; i >= 0; i--) if (read(list[i]) === id) list.splice(i, 1);
}

/** Create a missing top-level container (an account written by an early build of schema v1). */
export function containerOf<T extends object, K extends keyof T>(doc: T, key: K, empty: () => T[K]): NonNullable<T[K]> {
  if (doc[key] === undefined || doc[key] === null) doc[key] = empty();
  return doc[key] as NonNullable<T[K]>;
}
