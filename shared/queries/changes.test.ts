import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import { laptops, lead, newAccount, rep, run, sync, type Doc } from "../testing/accounts";
import { changedSinceHandoff, changesBetween, sinceLastLooked, UnknownHeadsError } from "./changes";
import { timelineOf } from "./timeline";

const AT = "2026-03-10T10:00:00.000Z";

function planned(): Doc {
  let doc = newAccount();
  doc = run(doc, rep, "addCommitment", { id: "c1", text: "Train two admins", dueDate: "2026-04-01", by: rep, at: AT }, 1_773_000_000);
  doc = run(doc, rep, "addCommitment", { id: "c2", text: "Migrate the old data", by: rep, at: AT }, 1_773_000_010);
  doc = run(doc, rep, "addMilestone", { id: "m1", title: "Install line 2", endDate: "2026-04-10", by: rep, at: AT }, 1_773_000_020);
  return doc;
}

function signBoth(doc: Doc): Doc {
  doc = run(doc, rep, "signOffHandoff", { role: "rep", by: rep, at: AT, heads: A.getHeads(doc), customerAgreedBy: "Carla" }, 1_773_000_100);
  return run(doc, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(doc) }, 1_773_000_110);
}

describe("what changed since handoff", () => {
  it("is null before both have signed off", () => {
    expect(changedSinceHandoff(planned())).toBeNull();
  });

  it("lists added, removed, wording, dates and status changes per item, with who and when", () => {
    let doc = signBoth(planned());
    expect(changedSinceHandoff(doc)!.items).toEqual([]);
    doc = run(doc, lead, "editMilestone", { id: "m1", endDate: "2026-04-24" }, 1_773_100_000);
    doc = run(doc, lead, "editCommitment", { id: "c1", status: "at-risk" }, 1_773_100_010);
    doc = run(doc, rep, "editCommitment", { id: "c1", text: "Train three admins" }, 1_773_100_020);
    doc = run(doc, rep, "removeCommitment", { id: "c2" }, 1_773_100_030);
    doc = run(doc, lead, "addMilestone", { id: "m2", title: "Go live", by: lead, at: AT }, 1_773_100_040);
    const since = changedSinceHandoff(doc)!;
    expect(since.baselineName).toBe("As agreed at handoff, 2026-03-10");
    expect(since.changeCount).toBe(5);
    const byId = Object.fromEntries(since.items.map((i) => [i.id, i]));
    expect(byId.m1).toMatchObject({ change: "changed", fields: [{ field: "endDate", before: "2026-04-10", after: "2026-04-24" }], by: [{ name: "Dana Lead" }] });
    expect(byId.m1!.at).toBe(new Date(1_773_100_000_000).toISOString());
    expect(byId.c1!.change).toBe("changed");
    expect(byId.c1!.fields).toEqual([
      { field: "text", before: "Train two admins", after: "Train three admins" },
      { field: "status", before: "proposed", after: "at-risk" },
    ]);
    expect(byId.c1!.by.map((p) => p.name).sort()).toEqual(["Dana Lead", "Riley Rep"]);
    expect(byId.c2).toMatchObject({ change: "removed", name: "Migrate the old data", by: [{ name: "Riley Rep" }] });
    expect(byId.m2).toMatchObject({ change: "added", name: "Go live", by: [{ name: "Dana Lead" }] });
  });

  it("works between any two points of the timeline", () => {
    let doc = planned();
    const from = A.getHeads(doc);
    doc = run(doc, lead, "editMilestone", { id: "m1", endDate: "2026-05-01" }, 1_773_100_000);
    const to = A.getHeads(doc);
    doc = run(doc, lead, "editMilestone", { id: "m1", title: "Install line 3" }, 1_773_100_010);
    const between = changesBetween(doc, from, to);
    expect(between.changeCount).toBe(1);
    expect(between.items).toMatchObject([{ id: "m1", fields: [{ field: "endDate", after: "2026-05-01" }] }]);
    // A timeline entry id is a change hash: a point of the timeline.
    const entries = timelineOf(doc).filter((e) => e.source === "change");
    const first = changesBetween(doc, [entries[0]!.id], [entries.at(-1)!.id]);
    expect(first.items.map((i) => i.id).sort()).toEqual(["c1", "c2", "m1"]);
    expect(() => changesBetween(doc, ["00".repeat(32)])).toThrow(UnknownHeadsError);
  });

  it("still works from a baseline taken on a branch that later diverged and merged", () => {
    const [a0, b0] = laptops(planned());
    // Laptop A signs off both (say the lead signs on A's screen); B keeps editing apart.
    const a = signBoth(a0);
    let b = run(b0, lead, "editMilestone", { id: "m1", endDate: "2026-06-01" }, 1_773_200_000);
    b = run(b, lead, "addCommitment", { id: "c3", text: "Weekly status call", by: lead, at: AT }, 1_773_200_010);
    const [merged] = sync(a, b);
    let doc = run(merged, rep, "editCommitment", { id: "c1", dueDate: "2026-04-15" }, 1_773_300_000);
    const since = changedSinceHandoff(doc)!;
    const ids = since.items.map((i) => `${i.id}:${i.change}`).sort();
    expect(ids).toEqual(["c1:changed", "c3:added", "m1:changed"]);
    doc = A.merge(A.clone(doc), b);
    expect(changedSinceHandoff(doc)!.items.length).toBe(3);
  });

  it("takes well under 100 ms for 500 edits since the baseline", () => {
    let doc = signBoth(planned());
    for (let i = 0; i < 500; i++) {
      const id = `x${i % 50}`;
      if (i < 50) doc = run(doc, lead, "addMilestone", { id, title: `Step ${i}`, by: lead, at: AT });
      else doc = run(doc, i % 2 ? lead : rep, "editMilestone", { id, endDate: `2026-05-${String((i % 28) + 1).padStart(2, "0")}`, status: i % 3 ? "planned" : "in-progress" });
    }
    changedSinceHandoff(doc); // warm up
    const t = performance.now();
    const since = changedSinceHandoff(doc)!;
    const ms = performance.now() - t;
    expect(since.changeCount).toBe(500);
    expect(since.items.length).toBe(50);
    console.log(`changedSinceHandoff, 500 edits since the baseline: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(100);
  });
});

describe("changes over every part", () => {
  it("covers requirements, contacts, risks, the order, the payment, follow-ups, activities, checks and the stage, and the count matches the list", () => {
    let doc = planned();
    const from = A.getHeads(doc);
    doc = run(doc, lead, "addRequirement", { id: "r1", text: "Works offline", source: "call-note", by: lead, at: AT });
    doc = run(doc, lead, "addContact", { id: "k1", name: "Kim Buyer", role: "finance", email: "kim@acme.example" });
    doc = run(doc, lead, "addRisk", { id: "x1", kind: "supply-date", description: "Parts late", by: lead, at: AT });
    doc = run(doc, lead, "setOrder", { reference: "PO-7", value: "18400.50", currency: "EUR" });
    doc = run(doc, lead, "setPayment", { dueDate: "2026-05-01" });
    doc = run(doc, lead, "recordFollowUp", { id: "f1", agreedTime: "2026-03-20T09:00:00.000Z", timeZone: "Europe/Berlin", reason: "Price", by: lead, at: AT });
    doc = run(doc, lead, "logActivity", { id: "a1", kind: "call", summary: "Called Kim", by: lead, at: AT });
    doc = run(doc, lead, "confirmSupplyDate", { date: "2026-04-20", by: lead, at: AT });
    doc = run(doc, lead, "editCommitment", { id: "c2", requirementId: "r1" });
    const changes = changesBetween(doc, from);
    const seen = changes.items.map((i) => `${i.kind}:${i.change}`);
    expect(seen).toEqual([
      "contact:added",
      "requirement:added",
      "commitment:changed",
      "risk:added",
      "follow-up:added",
      "activity:added",
      "order:changed",
      "payment:changed",
      "check:changed",
    ]);
    expect(changes.items.find((i) => i.kind === "order")!.fields).toEqual([
      { field: "reference", before: null, after: "PO-7" },
      { field: "value", before: null, after: "18400.5" },
      { field: "currency", before: null, after: "EUR" },
    ]);
    expect(changes.items.find((i) => i.kind === "commitment")!.fields).toEqual([{ field: "requirement", before: null, after: "Works offline" }]);
    expect(changes.items.every((i) => i.by.map((p) => p.name).join() === "Dana Lead" && i.at !== null)).toBe(true);
  });
});

describe("since you last looked", () => {
  it("lists exactly what others changed after the heads this person last saw, with who and when", () => {
    let doc = planned();
    const seen = { heads: A.getHeads(doc), at: "2026-03-09T08:00:00.000Z" };
    doc = run(doc, lead, "editMilestone", { id: "m1", endDate: "2026-04-24" }, 1_773_100_000);
    doc = run(doc, lead, "addRisk", { id: "x1", kind: "competitor", description: "Globex undercuts", by: lead, at: AT }, 1_773_100_010);
    doc = run(doc, lead, "editCommitment", { id: "c1", status: "at-risk" }, 1_773_100_020);
    // What the rep changed herself is not news to her.
    doc = run(doc, rep, "editCommitment", { id: "c2", text: "Migrate all old data" }, 1_773_100_030);
    const since = sinceLastLooked(doc, seen, rep.id)!;
    expect(since.items.map((i) => `${i.kind}:${i.id}:${i.change}`)).toEqual(["commitment:c1:changed", "milestone:m1:changed", "risk:x1:added"]);
    expect(since.items.every((i) => i.by.map((p) => p.name).join() === "Dana Lead")).toBe(true);
    expect(since.items.find((i) => i.id === "m1")!.at).toBe(new Date(1_773_100_000_000).toISOString());
    expect(since.seenAt).toBe(seen.at);
    // For the lead the same stretch holds only the rep's one change.
    expect(sinceLastLooked(doc, seen, lead.id)!.items.map((i) => i.id)).toEqual(["c2"]);
  });

  it("leaves out that someone was shown a reminder: it changes nothing the account says", () => {
    let doc = planned();
    const seen = { heads: A.getHeads(doc), at: "2026-03-09T08:00:00.000Z" };
    doc = run(doc, lead, "recordReminderShown", { personId: lead.id, key: "doc/f1@2026-03-03T09:00:00.000Z", at: AT }, 1_773_100_000);
    doc = run(doc, lead, "editCommitment", { id: "c1", status: "at-risk" }, 1_773_100_010);
    const since = sinceLastLooked(doc, seen, rep.id)!;
    expect(since.items.map((i) => i.id)).toEqual(["c1"]);
    // The count of edits behind the list is the one edit listed.
    expect(since.changeCount).toBe(1);
    expect(timelineOf(doc).find((e) => e.text === "Was reminded")?.kind).toBe("reminder");
  });

  it("says nothing when the stored point is not in this copy's history, and nothing changed is an empty list", () => {
    const doc = planned();
    expect(sinceLastLooked(doc, { heads: ["00".repeat(32)], at: AT }, rep.id)).toBeNull();
    expect(sinceLastLooked(doc, { heads: ["not a hash"], at: AT }, rep.id)).toBeNull();
    expect(sinceLastLooked(doc, { heads: A.getHeads(doc), at: AT }, rep.id)!.items).toEqual([]);
  });
});
