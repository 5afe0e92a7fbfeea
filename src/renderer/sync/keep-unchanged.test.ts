import { describe, expect, it } from "vitest";
import { keepUnchanged } from "./client";
import { sameByValue } from "../ui/stable";

describe("the node's status, kept identical where it did not change", () => {
  const status = {
    profile: { id: "p1", name: "Ana", role: "rep" },
    links: [{ kind: "meeting-guest", label: "Dana", state: "connected", synced: true }],
    hosting: { documentId: "d1", accountName: "Acme", code: "x", guests: ["Dana"] },
  };

  it("returns the previous object when the new one is equal by value", () => {
    const again = structuredClone(status);
    expect(keepUnchanged(status, again)).toBe(status);
  });

  it("keeps unchanged parts and replaces changed ones", () => {
    const next = structuredClone(status);
    next.links[0]!.synced = false;
    const merged = keepUnchanged(status, next);
    expect(merged).not.toBe(status);
    expect(merged.profile).toBe(status.profile);
    expect(merged.hosting).toBe(status.hosting);
    expect(merged.links).not.toBe(status.links);
    expect(merged.links[0]!.synced).toBe(false);
    expect(merged).toEqual(next);
  });

  it("handles added and removed keys, nulls and arrays of other lengths", () => {
    expect(keepUnchanged({ a: 1 } as Record<string, unknown>, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    expect(keepUnchanged({ a: 1, b: 2 } as Record<string, unknown>, { a: 1 })).toEqual({ a: 1 });
    expect(keepUnchanged({ a: null } as Record<string, unknown>, { a: { x: 1 } })).toEqual({ a: { x: 1 } });
    expect(keepUnchanged([1, 2, 3], [1, 2])).toEqual([1, 2]);
    expect(keepUnchanged(null as unknown, { a: 1 })).toEqual({ a: 1 });
  });
});

describe("rows compared by value", () => {
  it("compares arrays, plain objects and maps element by element, functions by identity", () => {
    const f = () => 1;
    expect(sameByValue({ a: [1, 2], b: { c: "x" }, f }, { a: [1, 2], b: { c: "x" }, f }, 3)).toBe(true);
    expect(sameByValue({ a: [1, 2] }, { a: [1, 3] }, 3)).toBe(false);
    expect(sameByValue({ f }, { f: () => 1 }, 3)).toBe(false);
    expect(sameByValue(new Map([["k", { n: 1 }]]), new Map([["k", { n: 1 }]]), 3)).toBe(true);
    expect(sameByValue(new Map([["k", { n: 1 }]]), new Map([["k", { n: 2 }]]), 3)).toBe(false);
    // Deeper than asked: by identity.
    expect(sameByValue({ a: { b: { c: 1 } } }, { a: { b: { c: 1 } } }, 1)).toBe(false);
  });
});
