/**
 * Repairing what a peer damaged: write back the last sound value of a damaged part of
 * the account (found by `damageOrigin`), or take out a damaged item that never had one —
 * as a new, attributed change that syncs to everyone, so nothing is rewritten behind
 * anyone's back.
 */
import type { AccountDoc } from "../account/schema";
import { soundAt, type Damage, type PathStep } from "../account/check";
import type { DamageOrigin } from "../account/damage-origin";
import { specAt } from "../account/part-at";
import { emptyContainer } from "../account/records/account";
import { plainCopy } from "../account/plain-copy";
import { assertWritable } from "./account";
import { MissingItemError } from "./errors";

/** What a repair writes. */
export type Repair = { value: unknown } | { remove: true };

export interface RepairDamageArgs {
  /** The damaged part (`Damage.path`). */
  path: PathStep[];
  repair: Repair;
}

/** The repair of a damaged part: its last sound value; else, for an item, taking it out; else the part's default. */
export function repairFor(damage: Pick<Damage, "path" | "scope">, origin: DamageOrigin | null): Repair {
  const before = origin?.before;
  if (before && "value" in before) return { value: plainCopy(before.value) };
  if (damage.scope === "item") return { remove: true };
  const spec = specAt(damage.path);
  const part = spec && "part" in spec ? spec.part : null;
  return { value: part ? (part.kind === "value" ? part.fallback() : emptyContainer(part)) : null };
}

/** Write a repair. Refuses a value that would itself be damaged there. */
export function repairDamage(doc: AccountDoc, { path, repair }: RepairDamageArgs): void {
  assertWritable(doc);
  if (path.length === 0) throw new MissingItemError("part of the account", "");
  let parent: unknown = doc;
  for (const step of path.slice(0, -1)) {
    parent = parent !== null && typeof parent === "object" ? (parent as Record<PathStep, unknown>)[step] : undefined;
  }
  if (parent === null || typeof parent !== "object") throw new MissingItemError("part of the account", path.join("."));
  const key = path[path.length - 1]!;
  const container = parent as Record<PathStep, unknown> & unknown[];
  if ("remove" in repair) {
    if (Array.isArray(container)) {
      if (typeof key === "number" && key < container.length) container.splice(key, 1);
    } else delete container[key];
    return;
  }
  const value = plainCopy(repair.value);
  if (!soundAt(path, value)) throw new Error("That value would still be damaged; nothing was written.");
  container[key] = value;
}

/** Arguments of `repairAllDamage`: a repair for each damaged part, as `repairFor` gave them. */
export interface RepairAllDamageArgs {
  repairs: RepairDamageArgs[];
}

/**
 * Write many repairs in one change (a peer who broke a thousand items at once gets one
 * click, not a thousand). Items of a list are repaired from the end, so taking one out
 * does not move the ones still to do.
 */
export function repairAllDamage(doc: AccountDoc, { repairs }: RepairAllDamageArgs): void {
  assertWritable(doc);
  const order = [...repairs].sort((a, b) => {
    const x = a.path[a.path.length - 1];
    const y = b.path[b.path.length - 1];
    return typeof x === "number" && typeof y === "number" && a.path.slice(0, -1).join("\u0000") === b.path.slice(0, -1).join("\u0000") ? y - x : 0;
  });
  for (const r of order) repairDamage(doc, r);
}

