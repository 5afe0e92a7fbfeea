import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import type { AccountDoc, Profile } from "../account/schema";
import { fixed } from "../account/fixed";
import { createAccount } from "./account";
import { addCommitment } from "./commitments";
import { addMilestone, editMilestone, linkCommitment, moveMilestone, removeMilestone, type AddMilestoneArgs } from "./milestones";
import { MissingItemError } from "./errors";
import { commitmentsOf, milestonesOf } from "../queries/account-view";

const rep: Profile = { id: "p-rep", name: "Riley Rep", role: "rep" };
const AT = "2026-03-02T09:00:00.000Z";
type Doc = A.Doc<AccountDoc>;

function account(...titles: string[]): Doc {
  let doc = A.change(A.init<AccountDoc>(), (d) => createAccount(d, { name: "Acme", by: rep, at: AT }));
  doc = A.change(doc, (d) => addCommitment(d, { id: "c1", text: "Install", by: rep, at: AT }));
  doc = A.change(doc, (d) => addCommitment(d, { id: "c2", text: "Train", by: rep, at: AT }));
  titles.forEach((title, i) => (doc = add(doc, { id: `m${i + 1}`, title })));
  return doc;
}

const add = (doc: Doc, a: Partial<AddMilestoneArgs> & { id: string }) =>
  A.change(doc, (d) => addMilestone(d, { title: a.id, by: rep, at: AT, ...a }));

const order = (doc: Doc) => milestonesOf(doc).map((m) => m.id);

/** Record that milestone `id` waits for `on` (no command exists yet; written as the schema says). */
const dependOn = (doc: Doc, id: string, on: string) => A.change(doc, (d) => void d.milestones[id]!.dependsOn.push(fixed(on)));

function sync(a: Doc, b: Doc): [Doc, Doc] {
  const [a2] = A.applyChanges(a, A.getAllChanges(b));
  const [b2] = A.applyChanges(b, A.getAllChanges(a));
  return [a2, b2];
}

describe("addMilestone", () => {
  it("adds milestones at the end with every field; fixed strings as ImmutableString, the title as text", () => {
    const doc = add(account("Kick-off"), {
      id: "m2",
      title: "Go-live",
      owner: "Dana",
      startDate: "2026-04-01",
      endDate: "2026-04-10",
      status: "in-progress",
      commitmentIds: ["c1", "c2"],
    });
    expect(order(doc)).toEqual(["m1", "m2"]);
    expect(milestonesOf(doc)[1]).toEqual({
      id: "m2",
      title: "Go-live",
      owner: "Dana",
      startDate: "2026-04-01",
      endDate: "2026-04-10",
      status: "in-progress",
      commitmentIds: ["c1", "c2"],
      dependsOn: [],
    });
    const m = doc.milestones.m2!;
    for (const v of [m.id, m.rank, m.owner, m.startDate, m.endDate, m.status, m.created.at, ...m.commitmentIds]) {
      expect(A.isImmutableString(v)).toBe(true);
    }
    expect(typeof m.title).toBe("string");
  });

  it("fills defaults: planned, no dates, no owner, no links", () => {
    expect(milestonesOf(account("Kick-off"))[0]).toMatchObject({ status: "planned", startDate: null, endDate: null, owner: "", commitmentIds: [] });
  });
});

describe("editMilestone", () => {
  it("changes only the fields given", () => {
    let doc = add(account(), { id: "m1", title: "Install", owner: "Dana", startDate: "2026-04-01", endDate: "2026-04-05" });
    doc = A.change(doc, (d) => editMilestone(d, { id: "m1", status: "blocked", endDate: "2026-04-09" }));
    expect(milestonesOf(doc)[0]).toMatchObject({ title: "Install", owner: "Dana", startDate: "2026-04-01", endDate: "2026-04-09", status: "blocked" });
    doc = A.change(doc, (d) => editMilestone(d, { id: "m1", title: "Install on site", owner: "Sam", startDate: null }));
    expect(milestonesOf(doc)[0]).toMatchObject({ title: "Install on site", owner: "Sam", startDate: null, status: "blocked" });
  });

  it("merges two people typing into the same title at once", () => {
    const base = account("Install");
    const a = A.change(A.clone(base, { actor: "aa".repeat(16) }), (d) => editMilestone(d, { id: "m1", title: "Install server" }));
    const b = A.change(A.clone(base, { actor: "bb".repeat(16) }), (d) => editMilestone(d, { id: "m1", title: "Install and test" }));
    const [a2, b2] = sync(a, b);
    expect(milestonesOf(a2)[0]!.title).toBe(milestonesOf(b2)[0]!.title);
    expect(milestonesOf(a2)[0]!.title).toMatch(/^Install (server and test|and test server)$/);
  });

  it("throws MissingItemError for a milestone that is gone", () => {
    expect(() => A.change(account(), (d) => editMilestone(d, { id: "nope", title: "x" }))).toThrow(MissingItemError);
  });
});

describe("moveMilestone", () => {
  it("moves to first, last and middle", () => {
    let doc = account("a", "b", "c", "d");
    doc = A.change(doc, (d) => moveMilestone(d, { id: "m4", toIndex: 0 }));
    expect(order(doc)).toEqual(["m4", "m1", "m2", "m3"]);
    doc = A.change(doc, (d) => moveMilestone(d, { id: "m4", toIndex: 3 }));
    expect(order(doc)).toEqual(["m1", "m2", "m3", "m4"]);
    doc = A.change(doc, (d) => moveMilestone(d, { id: "m1", toIndex: 1 }));
    expect(order(doc)).toEqual(["m2", "m1", "m3", "m4"]);
  });

  it("separates milestones added at once on two laptops", () => {
    const base = account("a");
    const a = add(A.clone(base, { actor: "aa".repeat(16) }), { id: "x" });
    const b = add(A.clone(base, { actor: "bb".repeat(16) }), { id: "y" });
    let [doc] = sync(a, b);
    doc = add(doc, { id: "z" });
    expect(order(doc)).toEqual(["m1", "x", "y", "z"]);
    doc = A.change(doc, (d) => moveMilestone(d, { id: "z", toIndex: 2 }));
    expect(order(doc)).toEqual(["m1", "x", "z", "y"]);
  });

  it("throws MissingItemError for a milestone that is gone", () => {
    expect(() => A.change(account("a"), (d) => moveMilestone(d, { id: "nope", toIndex: 0 }))).toThrow(MissingItemError);
  });
});

describe("linkCommitment", () => {
  it("links and unlinks, once each however often asked", () => {
    let doc = account("Install");
    const link = (linked: boolean) => (doc = A.change(doc, (d) => linkCommitment(d, { milestoneId: "m1", commitmentId: "c2", linked })));
    link(true);
    link(true);
    expect(doc.milestones.m1!.commitmentIds.map(String)).toEqual(["c2"]);
    expect(commitmentsOf(doc).find((c) => c.id === "c2")!.milestoneIds).toEqual(["m1"]);
    link(false);
    link(false);
    expect(doc.milestones.m1!.commitmentIds).toHaveLength(0);
  });

  it("unlinking removes a link that two laptops made at once", () => {
    const base = account("Install");
    const linkOn = (actor: string) =>
      A.change(A.clone(base, { actor }), (d) => linkCommitment(d, { milestoneId: "m1", commitmentId: "c1", linked: true }));
    let [doc] = sync(linkOn("aa".repeat(16)), linkOn("bb".repeat(16)));
    doc = A.change(doc, (d) => linkCommitment(d, { milestoneId: "m1", commitmentId: "c1", linked: false }));
    expect(doc.milestones.m1!.commitmentIds).toHaveLength(0);
  });

  it("throws MissingItemError for a missing milestone or commitment, naming which", () => {
    const doc = account("Install");
    expect(() => A.change(doc, (d) => linkCommitment(d, { milestoneId: "nope", commitmentId: "c1", linked: true }))).toThrow(
      expect.objectContaining({ kind: "milestone", id: "nope" }),
    );
    expect(() => A.change(doc, (d) => linkCommitment(d, { milestoneId: "m1", commitmentId: "nope", linked: true }))).toThrow(
      expect.objectContaining({ kind: "commitment", id: "nope" }),
    );
  });
});

describe("removeMilestone", () => {
  it("removes it and every dependency on it", () => {
    let doc = account("Kick-off", "Install", "Go-live");
    doc = dependOn(doc, "m2", "m1");
    doc = dependOn(doc, "m3", "m1");
    doc = dependOn(doc, "m3", "m2");
    doc = A.change(doc, (d) => removeMilestone(d, { id: "m1" }));
    expect(order(doc)).toEqual(["m2", "m3"]);
    expect(doc.milestones.m2!.dependsOn).toHaveLength(0);
    expect(doc.milestones.m3!.dependsOn.map(String)).toEqual(["m2"]);
    expect(milestonesOf(doc).map((m) => m.dependsOn)).toEqual([[], ["m2"]]);
  });

  it("no longer lists it under the commitments it fulfilled", () => {
    let doc = add(account(), { id: "m1", title: "Install", commitmentIds: ["c1"] });
    doc = A.change(doc, (d) => removeMilestone(d, { id: "m1" }));
    expect(commitmentsOf(doc).find((c) => c.id === "c1")!.milestoneIds).toEqual([]);
  });

  it("a dependency added on one laptop while the other removes its target is not shown", () => {
    const base = account("Kick-off", "Install");
    const a = dependOn(A.clone(base, { actor: "aa".repeat(16) }), "m2", "m1");
    const b = A.change(A.clone(base, { actor: "bb".repeat(16) }), (d) => removeMilestone(d, { id: "m1" }));
    const [a2, b2] = sync(a, b);
    expect(milestonesOf(a2)).toEqual(milestonesOf(b2));
    expect(milestonesOf(a2)).toMatchObject([{ id: "m2", dependsOn: [] }]);
  });

  it("removes a dependency that two laptops recorded at once", () => {
    const base = account("Kick-off", "Install");
    const a = dependOn(A.clone(base, { actor: "aa".repeat(16) }), "m2", "m1");
    const b = dependOn(A.clone(base, { actor: "bb".repeat(16) }), "m2", "m1");
    let [doc] = sync(a, b);
    expect(doc.milestones.m2!.dependsOn).toHaveLength(2);
    expect(milestonesOf(doc)[1]!.dependsOn).toEqual(["m1"]);
    doc = A.change(doc, (d) => removeMilestone(d, { id: "m1" }));
    expect(doc.milestones.m2!.dependsOn).toHaveLength(0);
  });

  it("throws MissingItemError when it is already gone", () => {
    const doc = A.change(account("a"), (d) => removeMilestone(d, { id: "m1" }));
    expect(() => A.change(doc, (d) => removeMilestone(d, { id: "m1" }))).toThrow(MissingItemError);
  });
});
