import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { sameChangeEverywhere } from "./same-change";

type D = { name: string; tags?: Record<string, boolean> };
const base = () => A.from<D>({ name: "Acme" });

describe("a change every replica makes alike", () => {
  it("is one change when two replicas at the same heads make it", () => {
    const b = base();
    const a1 = sameChangeEverywhere(A.clone(b, { actor: "aa".repeat(16) }), "upgrade", "m", (d) => void (d.tags = { x: true }));
    const a2 = sameChangeEverywhere(A.clone(b, { actor: "bb".repeat(16) }), "upgrade", "m", (d) => void (d.tags = { x: true }));
    expect(A.getHeads(a1)).toEqual(A.getHeads(a2));
    const [merged] = A.applyChanges(a1, A.getAllChanges(a2));
    expect(A.getAllChanges(merged)).toHaveLength(2);
  });

  it("is two changes that both apply when the replicas disagree on what it holds (never the same actor and sequence twice)", () => {
    const b = base();
    const a1 = sameChangeEverywhere(A.clone(b, { actor: "aa".repeat(16) }), "upgrade", "m", (d) => void (d.tags = { x: true }));
    const a2 = sameChangeEverywhere(A.clone(b, { actor: "bb".repeat(16) }), "upgrade", "m", (d) => void (d.tags = { y: true }));
    const changes = [...A.getAllChanges(a1), ...A.getAllChanges(a2)].map((c) => A.decodeChange(c));
    const keys = changes.map((c) => `${c.actor}:${String(c.seq)}`);
    expect(new Set(keys).size).toBe(3);
    const [merged] = A.applyChanges(a1, A.getAllChanges(a2));
    expect(A.getAllChanges(merged)).toHaveLength(3);
  });

  it("returns the document itself when the function changes nothing", () => {
    const b = base();
    expect(sameChangeEverywhere(b, "upgrade", "m", () => undefined)).toBe(b);
  });
});
