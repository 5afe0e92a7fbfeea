import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { byRank, inOrder, rankAtEnd, rankForMove, ranksForMove } from "./rank";

type Item = { id: string; rank: string };

/** A map of items keyed by id, from [id, rank] pairs. */
function items(...pairs: [string, string][]): Record<string, Item> {
  return Object.fromEntries(pairs.map(([id, rank]) => [id, { id, rank }]));
}

const ids = (m: Record<string, Item>) => inOrder(m).map((it) => it.id);

/** Apply the result of ranksForMove, as the move commands do. */
function move(m: Record<string, Item>, id: string, toIndex: number): Record<string, Item> {
  const out = structuredClone(m);
  for (const [k, rank] of Object.entries(ranksForMove(m, id, toIndex) ?? {})) out[k]!.rank = rank;
  return out;
}

describe("visible order", () => {
  it("orders by rank, then by id so equal ranks order the same on every replica", () => {
    const m = items(["b", "a0"], ["a", "a0"], ["c", "Zz"], ["d", "a1"]);
    expect(ids(m)).toEqual(["c", "a", "b", "d"]);
    expect(byRank({ id: "x", rank: "a0" }, { id: "x", rank: "a0" })).toBe(0);
  });

  it("rankAtEnd sorts after every item, also after equal last ranks", () => {
    expect(rankAtEnd({})).toBe("a0");
    const m = items(["x", "a0"], ["y", "a5"], ["z", "a5"]);
    m.n = { id: "n", rank: rankAtEnd(m) };
    expect(ids(m).at(-1)).toBe("n");
  });
});

describe("rankForMove", () => {
  const list = items(["a", "a0"], ["b", "a1"], ["c", "a2"], ["d", "a3"]);

  it("moves an item to the first place", () => {
    expect(ids(move(list, "c", 0))).toEqual(["c", "a", "b", "d"]);
    expect(rankForMove(list, "c", 0)! < "a0").toBe(true);
  });

  it("moves an item to the last place", () => {
    expect(ids(move(list, "a", 3))).toEqual(["b", "c", "d", "a"]);
  });

  it("moves an item into the middle, down and up", () => {
    expect(ids(move(list, "a", 2))).toEqual(["b", "c", "a", "d"]);
    expect(ids(move(list, "d", 1))).toEqual(["a", "d", "b", "c"]);
    // Only the moved item changes when no ranks are equal.
    expect(Object.keys(ranksForMove(list, "d", 1)!)).toEqual(["d"]);
  });

  it("returns null when the item is already there or does not exist", () => {
    expect(rankForMove(list, "b", 1)).toBeNull();
    expect(rankForMove(list, "gone", 0)).toBeNull();
    expect(ranksForMove(list, "gone", 0)).toBeNull();
  });

  it("clamps an index past either end", () => {
    expect(ids(move(list, "b", 99))).toEqual(["a", "c", "d", "b"]);
    expect(ids(move(list, "c", -5))).toEqual(["c", "a", "b", "d"]);
  });

  describe("equal ranks (two people added at the end at once)", () => {
    const tied = items(["x", "a0"], ["y", "a0"], ["z", "a1"]);

    it("still moves an item between the two tied items", () => {
      expect(ids(tied)).toEqual(["x", "y", "z"]);
      expect(ids(move(tied, "z", 1))).toEqual(["x", "z", "y"]);
    });

    it("moves a tied item to the first and last place", () => {
      expect(ids(move(tied, "y", 0))).toEqual(["y", "x", "z"]);
      expect(ids(move(tied, "x", 2))).toEqual(["y", "z", "x"]);
    });

    it("moves into a run of three equal ranks without disturbing the order of the others", () => {
      const run = items(["p", "a0"], ["q", "a0"], ["r", "a0"], ["s", "a1"], ["t", "a2"]);
      expect(ids(move(run, "t", 1))).toEqual(["p", "t", "q", "r", "s"]);
      expect(ids(move(run, "t", 2))).toEqual(["p", "q", "t", "r", "s"]);
      expect(ids(move(run, "p", 1))).toEqual(["q", "p", "r", "s", "t"]);
    });
  });

  it("puts the item exactly where asked and keeps the others' order, for any ranks (ties included)", () => {
    const arb = fc
      .array(fc.constantFrom("a0", "a1", "a2", "a3"), { minLength: 1, maxLength: 8 })
      .chain((ranks) =>
        fc.tuple(fc.constant(ranks), fc.nat({ max: ranks.length - 1 }), fc.integer({ min: -1, max: ranks.length + 1 })),
      );
    fc.assert(
      fc.property(arb, ([ranks, fromPick, to]) => {
        const m = items(...ranks.map((r, i): [string, string] => [`i${i}`, r]));
        const before = ids(m);
        const id = before[fromPick]!;
        const after = ids(move(m, id, to));
        const expected = before.filter((x) => x !== id);
        expected.splice(Math.max(0, Math.min(to, before.length - 1)), 0, id);
        expect(after).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
