/**
 * Two laptops must never lose an item because both created the part it lives in: every
 * container exists from the account's creation, a migration is the same change on every
 * replica, and containers created apart anyway have their hidden items merged back.
 */
import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { ACCOUNT_PARTS, type PartSpec } from "./records/account";
import { migrated } from "./migrations";
import { hasHiddenContainers, hiddenContainers, withHiddenContainersMerged } from "./merge-containers";
import { fixed } from "./fixed";
import type { AccountDoc } from "./schema";
import { ACTOR_A, ACTOR_B, laptops, newAccount, sync } from "../testing/accounts";

type Raw = Record<string, unknown>;
type Path = string[];

/** Every list and map of an account, by path. */
function itemContainers(parts: Readonly<Record<string, PartSpec>> = ACCOUNT_PARTS, path: Path = []): { path: Path; kind: "map" | "list" }[] {
  return Object.entries(parts).flatMap(([key, spec]) => {
    if (spec.kind === "group") return itemContainers(spec.parts, [...path, key]);
    if (spec.kind === "map" || spec.kind === "list") return [{ path: [...path, key], kind: spec.kind }];
    return [];
  });
}
/** Every record of fields (the order, the payment, …). */
const FIELD_RECORDS: { path: Path; field: string }[] = Object.entries(ACCOUNT_PARTS).flatMap(([key, spec]) => {
  if (spec.kind !== "group") return [];
  const field = Object.entries(spec.parts).find(([, s]) => s.kind === "value")?.[0];
  return field ? [{ path: [key], field }] : [];
});

const CONTAINERS = itemContainers();

function at(doc: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Raw)[k], doc);
}

/** Add an item named `name` to every list and map, and fill one field of every record of fields. */
function addEverywhere(doc: A.Doc<AccountDoc>, name: string): A.Doc<AccountDoc> {
  return A.change(doc, (d) => {
    for (const { path, kind } of CONTAINERS) {
      const container = at(d, path) as Raw & unknown[];
      if (kind === "list") container.push({ id: fixed(name) });
      else container[name] = { id: fixed(name) };
    }
    for (const { path, field } of FIELD_RECORDS) {
      const record = at(d, path) as Raw;
      if (record[field] === null || record[field] === "") record[field] = fixed(name);
    }
  });
}

function itemsIn(doc: A.Doc<AccountDoc>, path: Path): string[] {
  const container = at(doc, path) as Raw | Raw[];
  const items = Array.isArray(container) ? container : Object.values(container);
  return items.map((i) => String((i as Raw).id)).sort();
}

describe("two laptops adding to the same part before they ever synced", () => {
  it("covers every list and map of the account", () => {
    expect(CONTAINERS.map((c) => c.path.join("."))).toEqual(expect.arrayContaining(["commitments", "activities", "handoff.agenda", "relationship.referrals"]));
    expect(CONTAINERS).toHaveLength(15);
  });

  it("keeps both laptops' items in every part of an account made by this version", () => {
    const [a, b] = laptops(newAccount());
    const [merged] = sync(addEverywhere(a, "from-a"), addEverywhere(b, "from-b"));
    for (const { path } of CONTAINERS) expect(itemsIn(merged, path), path.join(".")).toEqual(expect.arrayContaining(["from-a", "from-b"]));
  });

  it("keeps both laptops' items when each upgraded an old account apart from the same state", () => {
    const old = A.from<Raw>({ name: "Old Acme" }) as unknown as A.Doc<AccountDoc>;
    const a = addEverywhere(migrated(A.clone(old, { actor: ACTOR_A })), "from-a");
    const b = addEverywhere(migrated(A.clone(old, { actor: ACTOR_B })), "from-b");
    const [merged] = sync(a, b);
    expect(hasHiddenContainers(merged)).toBe(false);
    for (const { path } of CONTAINERS) expect(itemsIn(merged, path), path.join(".")).toEqual(["from-a", "from-b"]);
    for (const { path, field } of FIELD_RECORDS) expect(at(merged, [...path, field]), path.join(".")).not.toBeNull();
  });

  it("brings back the items of containers two laptops created apart from different states, once, on either laptop", () => {
    const old = A.from<Raw>({ name: "Old Acme" }) as unknown as A.Doc<AccountDoc>;
    // One laptop renamed the account first, so the two upgrades are different changes.
    const renamed = A.change(A.clone(old, { actor: ACTOR_A }), (d) => void (d.name = "Acme"));
    const a = addEverywhere(migrated(renamed), "from-a");
    const b = addEverywhere(migrated(A.clone(old, { actor: ACTOR_B })), "from-b");
    const [ma, mb] = sync(a, b);
    expect(hasHiddenContainers(ma)).toBe(true);
    const lost = CONTAINERS.filter(({ path }) => itemsIn(ma, path).length < 2);
    expect(lost.length).toBeGreaterThan(0);

    // Both laptops repair at once, from the same state: one change, every item back.
    const changesBefore = A.getAllChanges(ma).length;
    const ra = withHiddenContainersMerged(ma);
    const rb = withHiddenContainersMerged(mb);
    const [fa, fb] = sync(ra, rb);
    expect(A.getHeads(fa)).toEqual(A.getHeads(fb));
    expect(A.getAllChanges(fa)).toHaveLength(changesBefore + 1);
    for (const { path } of CONTAINERS) expect(itemsIn(fa, path), path.join(".")).toEqual(["from-a", "from-b"]);
    expect(hiddenContainers(fa)).toEqual([]);

    // An item removed after the repair stays removed.
    const removed = A.change(fa, (d) => void delete d.commitments["from-b"]);
    expect(withHiddenContainersMerged(removed)).toBe(removed);
    expect(itemsIn(removed, ["commitments"])).toEqual(["from-a"]);
  });
});
