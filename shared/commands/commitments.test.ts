import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import type { AccountDoc, Profile } from "../account/schema";
import { createAccount } from "./account";
import { addCommitment, editCommitment, moveCommitment, removeCommitment, type AddCommitmentArgs } from "./commitments";
import { addMilestone, linkCommitment } from "./milestones";
import { MissingItemError } from "./errors";
import { commitmentsOf, milestonesOf } from "../queries/account-view";

const rep: Profile = { id: "p-rep", name: "Riley Rep", role: "rep" };
const lead: Profile = { id: "p-lead", name: "Dana Lead", role: "delivery-lead" };
const AT = "2026-03-02T09:00:00.000Z";
const ACTOR_A = "aa".repeat(16);
const ACTOR_B = "bb".repeat(16);

type Doc = A.Doc<AccountDoc>;

function account(...texts: string[]): Doc {
  let doc = A.change(A.init<AccountDoc>(), (d) => createAccount(d, { name: "Acme", by: rep, at: AT }));
  texts.forEach((text, i) => (doc = A.change(doc, (d) => addCommitment(d, { id: `c${i + 1}`, text, by: rep, at: AT }))));
  return doc;
}

const add = (doc: Doc, a: Partial<AddCommitmentArgs> & { id: string }) =>
  A.change(doc, (d) => addCommitment(d, { text: a.id, by: rep, at: AT, ...a }));

const order = (doc: Doc) => commitmentsOf(doc).map((c) => c.id);

/** Two laptops holding the same account, each with its own actor. */
function laptops(doc: Doc, [x, y]: readonly [string, string] = [ACTOR_A, ACTOR_B]): [Doc, Doc] {
  return [A.clone(doc, { actor: x }), A.clone(doc, { actor: y })];
}

/** Both replicas after exchanging everything they have. */
function sync(a: Doc, b: Doc): [Doc, Doc] {
  const [a2] = A.applyChanges(a, A.getAllChanges(b));
  const [b2] = A.applyChanges(b, A.getAllChanges(a));
  expect(A.getHeads(a2).sort()).toEqual(A.getHeads(b2).sort());
  return [a2, b2];
}

/** Run a concurrency scenario with both actor orders, so a pass is not luck of the tie-break. */
const ACTOR_ORDERS = [
  ["A before B", [ACTOR_A, ACTOR_B]],
  ["B before A", [ACTOR_B, ACTOR_A]],
] as const;

describe("addCommitment", () => {
  it("adds commitments at the end, in the order they were added", () => {
    expect(order(account("one", "two", "three"))).toEqual(["c1", "c2", "c3"]);
  });

  it("stores every field; fixed strings as ImmutableString, the promise as collaborative text", () => {
    const doc = add(account(), {
      id: "c1",
      text: "Two admins trained before go-live",
      promisedBy: "Riley",
      dueDate: "2026-04-01",
      status: "agreed",
      requirementId: "r1",
      by: lead,
    });
    const c = doc.commitments.c1!;
    for (const v of [c.id, c.rank, c.promisedBy, c.dueDate, c.status, c.requirementId, c.created.at, c.created.by.id]) {
      expect(A.isImmutableString(v)).toBe(true);
    }
    expect(typeof c.text).toBe("string");
    expect(commitmentsOf(doc)[0]).toEqual({
      id: "c1",
      text: "Two admins trained before go-live",
      promisedBy: "Riley",
      dueDate: "2026-04-01",
      status: "agreed",
      requirementId: "r1",
      confirmed: false,
      milestoneIds: [],
      createdBy: { id: "p-lead", name: "Dana Lead" },
      createdAt: AT,
    });
  });

  it("fills defaults: proposed, no due date, no requirement", () => {
    const view = commitmentsOf(add(account(), { id: "c1", dueDate: "" }))[0]!;
    expect(view).toMatchObject({ status: "proposed", dueDate: null, requirementId: null, promisedBy: "" });
  });
});

describe("editCommitment", () => {
  it("changes only the fields given", () => {
    let doc = add(account(), { id: "c1", text: "Ship 10 units", dueDate: "2026-04-01", requirementId: "r1" });
    doc = A.change(doc, (d) => editCommitment(d, { id: "c1", status: "at-risk", dueDate: "2026-04-15" }));
    expect(commitmentsOf(doc)[0]).toMatchObject({ text: "Ship 10 units", status: "at-risk", dueDate: "2026-04-15", requirementId: "r1" });
    doc = A.change(doc, (d) => editCommitment(d, { id: "c1", text: "Ship 12 units", dueDate: null, requirementId: null, promisedBy: "Dana" }));
    expect(commitmentsOf(doc)[0]).toMatchObject({ text: "Ship 12 units", dueDate: null, requirementId: null, promisedBy: "Dana", status: "at-risk" });
    expect(A.isImmutableString(doc.commitments.c1!.status)).toBe(true);
    expect(A.isImmutableString(doc.commitments.c1!.promisedBy)).toBe(true);
  });

  it("merges two people typing into the same promise at once", () => {
    const [a, b] = laptops(add(account(), { id: "c1", text: "Ship units by April" }));
    const a1 = A.change(a, (d) => editCommitment(d, { id: "c1", text: "Ship 10 units by April" }));
    const b1 = A.change(b, (d) => editCommitment(d, { id: "c1", text: "Ship units by April 15" }));
    const [a2, b2] = sync(a1, b1);
    expect(commitmentsOf(a2)[0]!.text).toBe("Ship 10 units by April 15");
    expect(commitmentsOf(b2)[0]!.text).toBe("Ship 10 units by April 15");
  });

  it("throws MissingItemError for a commitment that is gone", () => {
    const doc = account("one");
    expect(() => A.change(doc, (d) => editCommitment(d, { id: "nope", text: "x" }))).toThrow(MissingItemError);
    try {
      A.change(doc, (d) => editCommitment(d, { id: "nope", text: "x" }));
    } catch (e) {
      expect(e).toMatchObject({ kind: "commitment", id: "nope", name: "MissingItemError" });
      expect((e as Error).message).toMatch(/removed on another laptop/);
    }
  });
});

describe("moveCommitment", () => {
  it("moves to first, last and middle", () => {
    let doc = account("a", "b", "c", "d");
    doc = A.change(doc, (d) => moveCommitment(d, { id: "c3", toIndex: 0 }));
    expect(order(doc)).toEqual(["c3", "c1", "c2", "c4"]);
    doc = A.change(doc, (d) => moveCommitment(d, { id: "c3", toIndex: 3 }));
    expect(order(doc)).toEqual(["c1", "c2", "c4", "c3"]);
    doc = A.change(doc, (d) => moveCommitment(d, { id: "c1", toIndex: 2 }));
    expect(order(doc)).toEqual(["c2", "c4", "c1", "c3"]);
  });

  it("rewrites only the rank: text and fields are untouched", () => {
    let doc = add(account("a", "b"), { id: "c3", text: "keep me", status: "agreed", dueDate: "2026-05-01" });
    const before = commitmentsOf(doc).find((c) => c.id === "c3");
    doc = A.change(doc, (d) => moveCommitment(d, { id: "c3", toIndex: 0 }));
    expect(commitmentsOf(doc)[0]).toEqual(before);
  });

  it("throws MissingItemError for a commitment that is gone", () => {
    expect(() => A.change(account("a"), (d) => moveCommitment(d, { id: "nope", toIndex: 0 }))).toThrow(MissingItemError);
  });
});

describe("removeCommitment", () => {
  it("removes it and unlinks it from every milestone", () => {
    let doc = account("a", "b");
    doc = A.change(doc, (d) => addMilestone(d, { id: "m1", title: "Install", commitmentIds: ["c1", "c2"], by: rep, at: AT }));
    doc = A.change(doc, (d) => addMilestone(d, { id: "m2", title: "Train", commitmentIds: ["c1"], by: rep, at: AT }));
    doc = A.change(doc, (d) => removeCommitment(d, { id: "c1" }));
    expect(order(doc)).toEqual(["c2"]);
    expect(milestonesOf(doc).map((m) => [m.id, m.commitmentIds])).toEqual([["m1", ["c2"]], ["m2", []]]);
    // In storage too, not only in the view.
    expect(doc.milestones.m1!.commitmentIds.map(String)).toEqual(["c2"]);
    expect(doc.milestones.m2!.commitmentIds).toHaveLength(0);
  });

  it("throws MissingItemError when it is already gone", () => {
    const doc = A.change(account("a"), (d) => removeCommitment(d, { id: "c1" }));
    expect(() => A.change(doc, (d) => removeCommitment(d, { id: "c1" }))).toThrow(MissingItemError);
  });
});

describe.each(ACTOR_ORDERS)("two laptops at once (%s)", (_label, actors) => {
  it("both move the same commitment to different places: no duplicate, no loss, same order on both", () => {
    const [a, b] = laptops(account("a", "b", "c", "d", "e"), actors);
    const a1 = A.change(a, (d) => moveCommitment(d, { id: "c1", toIndex: 4 }));
    const b1 = A.change(b, (d) => moveCommitment(d, { id: "c1", toIndex: 2 }));
    const [a2, b2] = sync(a1, b1);
    expect(order(a2)).toEqual(order(b2));
    expect([...order(a2)].sort()).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    // One of the two moves wins, whole: the others keep their relative order.
    expect([order(a1), order(b1)]).toContainEqual(order(a2));
  });

  it("both move different commitments: both moves land", () => {
    const [a, b] = laptops(account("a", "b", "c", "d"), actors);
    const a1 = A.change(a, (d) => moveCommitment(d, { id: "c4", toIndex: 0 }));
    const b1 = A.change(b, (d) => moveCommitment(d, { id: "c1", toIndex: 3 }));
    const [a2, b2] = sync(a1, b1);
    expect(order(a2)).toEqual(["c4", "c2", "c3", "c1"]);
    expect(order(b2)).toEqual(order(a2));
  });

  it("one edits the promise while the other moves it: the edit survives and the move lands", () => {
    const [a, b] = laptops(account("a", "b", "Ship units"), actors);
    const a1 = A.change(a, (d) => editCommitment(d, { id: "c3", text: "Ship 10 units", status: "agreed" }));
    const b1 = A.change(b, (d) => moveCommitment(d, { id: "c3", toIndex: 0 }));
    for (const doc of sync(a1, b1)) {
      expect(order(doc)).toEqual(["c3", "c1", "c2"]);
      expect(commitmentsOf(doc)[0]).toMatchObject({ text: "Ship 10 units", status: "agreed" });
    }
  });

  it("one edits while the other removes: both laptops agree it is gone, and a further edit says so", () => {
    const [a, b] = laptops(account("a", "b"), actors);
    const a1 = A.change(a, (d) => editCommitment(d, { id: "c1", text: "edited", status: "delivered" }));
    const b1 = A.change(b, (d) => removeCommitment(d, { id: "c1" }));
    const [a2, b2] = sync(a1, b1);
    expect(commitmentsOf(a2)).toEqual(commitmentsOf(b2));
    expect(order(a2)).toEqual(["c2"]);
    expect(() => A.change(a2, (d) => editCommitment(d, { id: "c1", text: "again" }))).toThrow(MissingItemError);
  });

  it("both add at the end: both present, same order on both, and later adds go after them", () => {
    const [a, b] = laptops(account("a"), actors);
    const a1 = add(a, { id: "from-a", text: "from A" });
    const b1 = add(b, { id: "from-b", text: "from B" });
    let [a2, b2] = sync(a1, b1);
    expect(order(a2)).toEqual(order(b2));
    expect(order(a2)).toEqual(["c1", "from-a", "from-b"]);
    a2 = add(a2, { id: "later" });
    expect(order(a2).at(-1)).toBe("later");
    // The two tied items can still be separated by a move.
    a2 = A.change(a2, (d) => moveCommitment(d, { id: "later", toIndex: 2 }));
    expect(order(a2)).toEqual(["c1", "from-a", "later", "from-b"]);
    [a2, b2] = sync(a2, b2);
    expect(order(b2)).toEqual(order(a2));
  });

  it("both link the same commitment to a milestone, then removing it leaves no link behind", () => {
    let doc = account("a", "b");
    doc = A.change(doc, (d) => addMilestone(d, { id: "m1", title: "Install", by: rep, at: AT }));
    const [a, b] = laptops(doc, actors);
    const a1 = A.change(a, (d) => linkCommitment(d, { milestoneId: "m1", commitmentId: "c1", linked: true }));
    const b1 = A.change(b, (d) => linkCommitment(d, { milestoneId: "m1", commitmentId: "c1", linked: true }));
    let [a2] = sync(a1, b1);
    expect(milestonesOf(a2)[0]!.commitmentIds).toEqual(["c1"]);
    expect(commitmentsOf(a2)[0]!.milestoneIds).toEqual(["m1"]);
    a2 = A.change(a2, (d) => removeCommitment(d, { id: "c1" }));
    expect(a2.milestones.m1!.commitmentIds).toHaveLength(0);
  });

  it("one links a commitment while the other removes it: the plan shows no link to a missing commitment", () => {
    let doc = account("a", "b");
    doc = A.change(doc, (d) => addMilestone(d, { id: "m1", title: "Install", commitmentIds: ["c2"], by: rep, at: AT }));
    const [a, b] = laptops(doc, actors);
    const a1 = A.change(a, (d) => linkCommitment(d, { milestoneId: "m1", commitmentId: "c1", linked: true }));
    const b1 = A.change(b, (d) => removeCommitment(d, { id: "c1" }));
    const [a2, b2] = sync(a1, b1);
    expect(milestonesOf(a2)).toEqual(milestonesOf(b2));
    expect(milestonesOf(a2)[0]!.commitmentIds).toEqual(["c2"]);
  });
});

describe("a second laptop that starts from nothing", () => {
  it("sees the same commitments in the same order", () => {
    let doc = account("a", "b", "c");
    doc = A.change(doc, (d) => moveCommitment(d, { id: "c3", toIndex: 0 }));
    const [other] = A.applyChanges(A.init<AccountDoc>(), A.getAllChanges(doc));
    expect(commitmentsOf(other)).toEqual(commitmentsOf(doc));
  });
});
