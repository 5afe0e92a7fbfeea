import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, errorOf, laptops, lead, newAccount, rep, run, sync, type Doc } from "../testing/accounts";
import { gapsOf, GAP_KINDS, quoteName } from "./gaps";
import { milestonesOf } from "./account-view";
import { callGuideOf } from "./call-guide";
import { stageChecklist } from "./stage-checklist";
import { timelineOf } from "./timeline";
import { snapshotCommitment } from "../commands/restore";
import { MissingItemError } from "../commands/errors";

const TODAY = "2026-03-15";

/** Requirement r1 met by c1 (due 1 April), planned in m1 (ends 25 March). No gaps. */
function covered(): Doc {
  let doc = run(newAccount(), rep, "addRequirement", { id: "r1", text: "Two admins can run it", source: "call-note", by: rep, at: AT });
  doc = run(doc, rep, "addCommitment", { id: "c1", text: "Train two admins", requirementId: "r1", dueDate: "2026-04-01", status: "agreed", by: rep, at: AT });
  return run(doc, lead, "addMilestone", { id: "m1", title: "Admin training", startDate: "2026-03-20", endDate: "2026-03-25", commitmentIds: ["c1"], by: lead, at: AT });
}

const kinds = (doc: Doc, today = TODAY) => gapsOf(doc, today).map((g) => g.kind);

describe("gapsOf", () => {
  it("finds nothing when every requirement is met, planned and on time", () => {
    expect(gapsOf(covered(), TODAY)).toEqual([]);
  });

  it("a requirement with no commitment (a dropped commitment meets nothing)", () => {
    let doc = run(covered(), rep, "addRequirement", { id: "r2", text: "Works offline", source: "email", by: rep, at: AT });
    doc = run(doc, rep, "addCommitment", { id: "c2", text: "Offline mode", requirementId: "r2", status: "dropped", by: rep, at: AT });
    expect(gapsOf(doc, TODAY)).toEqual([
      {
        kind: "requirement-without-commitment",
        key: "requirement-without-commitment:r2",
        message: "“Works offline” has no commitment: nothing we promised meets it.",
        requirementId: "r2",
      },
    ]);
  });

  it("a commitment with no milestone (delivered and dropped ones need none)", () => {
    let doc = run(covered(), rep, "addCommitment", { id: "c2", text: "Weekly status call", requirementId: "r1", status: "at-risk", by: rep, at: AT });
    doc = run(doc, rep, "addCommitment", { id: "c3", text: "Done already", requirementId: "r1", status: "delivered", by: rep, at: AT });
    doc = run(doc, rep, "addCommitment", { id: "c4", text: "Not any more", requirementId: "r1", status: "dropped", by: rep, at: AT });
    expect(gapsOf(doc, TODAY)).toEqual([
      {
        kind: "commitment-without-milestone",
        key: "commitment-without-milestone:c2",
        message: "“Weekly status call” is not in the delivery plan: no milestone fulfils it.",
        commitmentId: "c2",
      },
    ]);
  });

  it("a milestone past its end date and not done; not on its last day, not once done", () => {
    const doc = covered();
    expect(kinds(doc, "2026-03-25")).toEqual([]);
    expect(gapsOf(doc, "2026-03-26")).toEqual([
      { kind: "milestone-overdue", key: "milestone-overdue:m1", message: "“Admin training” should have ended on 2026-03-25 and is not done.", milestoneId: "m1" },
    ]);
    expect(kinds(run(doc, lead, "editMilestone", { id: "m1", status: "done" }), "2026-03-26")).toEqual([]);
  });

  it("a commitment whose milestone ends after the promised date", () => {
    let doc = run(covered(), lead, "editMilestone", { id: "m1", endDate: "2026-04-10" });
    expect(gapsOf(doc, TODAY)).toEqual([
      {
        kind: "milestone-after-promise",
        key: "milestone-after-promise:c1:m1",
        message: "“Train two admins” was promised for 2026-04-01, but “Admin training” ends on 2026-04-10.",
        commitmentId: "c1",
        milestoneId: "m1",
      },
    ]);
    doc = run(doc, lead, "editMilestone", { id: "m1", endDate: "2026-04-01" });
    expect(kinds(doc)).toEqual([]);
  });

  it("dates put out of order by two people at once (each edit was valid on its own)", () => {
    const [a, b] = laptops(run(covered(), lead, "editMilestone", { id: "m1", startDate: null, endDate: null }));
    const [merged] = sync(run(a, lead, "editMilestone", { id: "m1", startDate: "2026-03-28" }), run(b, rep, "editMilestone", { id: "m1", endDate: "2026-03-24" }));
    expect(gapsOf(merged, TODAY)).toEqual([
      {
        kind: "milestone-dates-out-of-order",
        key: "milestone-dates-out-of-order:m1",
        message: "“Admin training” ends (2026-03-24) before it starts (2026-03-28).",
        milestoneId: "m1",
      },
    ]);
  });

  it("lists gaps by kind in a fixed order, items in list order", () => {
    let doc = run(covered(), rep, "addRequirement", { id: "r2", text: "R2", source: "email", by: rep, at: AT });
    doc = run(doc, rep, "addCommitment", { id: "c2", text: "C2", by: rep, at: AT });
    doc = run(doc, lead, "editMilestone", { id: "m1", endDate: "2026-04-10" });
    expect(kinds(doc, "2026-04-11")).toEqual(["milestone-overdue", "milestone-after-promise", "requirement-without-commitment", "commitment-without-milestone"]);
    expect(GAP_KINDS[0]).toBe("broken-link");
  });

  it("names long items shortly", () => {
    expect(quoteName(`  ${"x".repeat(100)}  `, "A commitment")).toBe(`“${"x".repeat(59)}…”`);
    expect(quoteName("  ", "A commitment")).toBe("A commitment");
  });
});

describe("a link to a commitment the other laptop removed at the same time", () => {
  function concurrently(): { a: Doc; b: Doc } {
    let base = covered();
    base = run(base, rep, "addCommitment", { id: "c2", text: "Ship 10 scanners", requirementId: "r1", by: rep, at: AT });
    base = run(base, lead, "addMilestone", { id: "m2", title: "Shipping", by: lead, at: AT });
    const [a, b] = laptops(base);
    // The lead plans c2 in m2 while the rep removes c2.
    const a1 = run(a, lead, "linkCommitment", { milestoneId: "m2", commitmentId: "c2", linked: true });
    const b1 = run(b, rep, "removeCommitment", { id: "c2" });
    const [a2, b2] = sync(a1, b1);
    return { a: a2, b: b2 };
  }

  it("is visible in gapsOf on both laptops, naming the milestone and the missing commitment", () => {
    const { a, b } = concurrently();
    const expected = [
      {
        kind: "broken-link",
        key: "broken-link:m2:c2",
        message: "“Shipping” fulfils a commitment that was removed. Restore the commitment or remove the link.",
        milestoneId: "m2",
        missing: { kind: "commitment", id: "c2" },
      },
    ];
    expect(gapsOf(a, TODAY)).toEqual(expected);
    expect(gapsOf(b, TODAY)).toEqual(expected);
  });

  it("nothing crashes: the plan, the call guide, the checklist and the timeline all read the merged account", () => {
    const { a } = concurrently();
    expect(milestonesOf(a).find((m) => m.id === "m2")!.commitmentIds).toEqual([]);
    expect(callGuideOf(a).rows[0]!.commitments.map((c) => c.id)).toEqual(["c1"]);
    expect(() => stageChecklist(a, TODAY)).not.toThrow();
    expect(timelineOf(a).length).toBeGreaterThan(0);
  });

  it("is recoverable: restoring the commitment makes the link good again", () => {
    let base = covered();
    base = run(base, rep, "addCommitment", { id: "c2", text: "Ship 10 scanners", by: rep, at: AT });
    base = run(base, lead, "addMilestone", { id: "m2", title: "Shipping", by: lead, at: AT });
    const snap = snapshotCommitment(base, "c2");
    const [a, b] = laptops(base);
    let [merged] = sync(run(a, lead, "linkCommitment", { milestoneId: "m2", commitmentId: "c2", linked: true }), run(b, rep, "removeCommitment", { id: "c2" }));
    merged = run(merged, rep, "restoreCommitment", snap);
    expect(gapsOf(merged, TODAY)).toEqual([]);
    expect(milestonesOf(merged).find((m) => m.id === "m2")!.commitmentIds).toEqual(["c2"]);
    // removeBrokenLink leaves a link alone once its target is back.
    merged = run(merged, lead, "removeBrokenLink", { from: { kind: "milestone", id: "m2" }, missing: { kind: "commitment", id: "c2" } });
    expect(milestonesOf(merged).find((m) => m.id === "m2")!.commitmentIds).toEqual(["c2"]);
  });

  it("or the link is removed once the person decides the commitment is not coming back", () => {
    let { a } = concurrently();
    a = run(a, lead, "removeBrokenLink", { from: { kind: "milestone", id: "m2" }, missing: { kind: "commitment", id: "c2" } });
    expect(gapsOf(a, TODAY)).toEqual([]);
    expect(A.toJS(a).milestones.m2!.commitmentIds).toEqual([]);
  });

  it("the same for a dependency on a removed milestone and a requirement link", () => {
    const [x, y] = laptops(run(covered(), lead, "addMilestone", { id: "m2", title: "Go-live", commitmentIds: ["c1"], by: lead, at: AT }));
    const x1 = A.change(x, (d) => void d.milestones.m2!.dependsOn.push(new A.ImmutableString("m1")));
    const y1 = run(y, rep, "removeMilestone", { id: "m1" });
    let [merged] = sync(x1, y1);
    expect(gapsOf(merged, TODAY)).toMatchObject([{ kind: "broken-link", milestoneId: "m2", missing: { kind: "milestone", id: "m1" } }]);
    merged = run(merged, lead, "removeBrokenLink", { from: { kind: "milestone", id: "m2" }, missing: { kind: "milestone", id: "m1" } });
    expect(gapsOf(merged, TODAY)).toEqual([]);

    const [p, q] = laptops(covered());
    let [m2] = sync(run(p, rep, "addCommitment", { id: "c9", text: "Extra", requirementId: "r1", by: rep, at: AT }), run(q, lead, "removeRequirement", { id: "r1" }));
    m2 = run(m2, lead, "addMilestone", { id: "m9", title: "Extra", commitmentIds: ["c9"], by: lead, at: AT });
    expect(gapsOf(m2, TODAY)).toMatchObject([{ kind: "broken-link", commitmentId: "c9", missing: { kind: "requirement", id: "r1" } }]);
    m2 = run(m2, rep, "removeBrokenLink", { from: { kind: "commitment", id: "c9" }, missing: { kind: "requirement", id: "r1" } });
    expect(gapsOf(m2, TODAY)).toEqual([]);
  });

  it("removeBrokenLink on an item that is itself gone gives MissingItemError", () => {
    expect(errorOf(() => run(covered(), lead, "removeBrokenLink", { from: { kind: "milestone", id: "nope" }, missing: { kind: "commitment", id: "c2" } }))).toBeInstanceOf(MissingItemError);
  });
});

describe("corrections: dependencies and the supply date", () => {
  it("refuses a dependency cycle and writes nothing, and says when a milestone starts before what it waits for ends", () => {
    let doc = run(covered(), lead, "addMilestone", { id: "m2", title: "Go live", startDate: "2026-03-24", endDate: "2026-03-30", by: lead, at: AT });
    doc = run(doc, lead, "addMilestone", { id: "m3", title: "Hypercare", startDate: "2026-04-01", by: lead, at: AT });
    doc = run(doc, lead, "setMilestoneDependencies", { id: "m2", dependsOn: ["m1"] });
    doc = run(doc, lead, "setMilestoneDependencies", { id: "m3", dependsOn: ["m2"] });
    expect(milestonesOf(doc).map((m) => [m.id, m.dependsOn])).toEqual([
      ["m1", []],
      ["m2", ["m1"]],
      ["m3", ["m2"]],
    ]);
    // m1 waiting for m3 closes the circle m1 → m3 → m2 → m1; m2 waiting for itself too.
    const heads = A.getHeads(doc);
    expect(errorOf(() => run(doc, lead, "setMilestoneDependencies", { id: "m1", dependsOn: ["m3"] })).name).toBe("DependencyCycleError");
    expect(errorOf(() => run(doc, lead, "setMilestoneDependencies", { id: "m2", dependsOn: ["m2"] })).name).toBe("DependencyCycleError");
    expect(errorOf(() => run(doc, lead, "setMilestoneDependencies", { id: "m2", dependsOn: ["nope"] }))).toBeInstanceOf(MissingItemError);
    expect(A.getHeads(doc)).toEqual(heads);
    // Go live starts on 24 March, the admin training it waits for ends on 25 March.
    expect(gapsOf(doc, TODAY).filter((g) => g.kind === "milestone-before-dependency")).toEqual([
      expect.objectContaining({ milestoneId: "m2", message: "“Go live” starts on 2026-03-24, before “Admin training” it depends on ends (2026-03-25)." }),
    ]);
    doc = run(doc, lead, "setMilestoneDependencies", { id: "m2", dependsOn: [] });
    expect(gapsOf(doc, TODAY).some((g) => g.kind === "milestone-before-dependency")).toBe(false);
    expect(timelineOf(doc).at(-1)!.text).toBe("Set the milestone “Go live” to wait for no other milestone");
  });

  it("says when the delivery date supply confirmed falls after a promised date", () => {
    let doc = run(covered(), rep, "confirmSupplyDate", { date: "2026-03-31", by: rep, at: AT });
    expect(gapsOf(doc, TODAY).filter((g) => g.kind === "supply-after-promise")).toEqual([]);
    doc = run(doc, rep, "confirmSupplyDate", { date: "2026-04-08", by: rep, at: AT });
    expect(gapsOf(doc, TODAY).filter((g) => g.kind === "supply-after-promise")).toEqual([
      expect.objectContaining({ commitmentId: "c1", message: "“Train two admins” was promised for 2026-04-01, but supply confirmed delivery for 2026-04-08." }),
    ]);
  });
});

describe("corrections: calls and logged activities", () => {
  it("edits a call's reason, notes and time and a logged activity, each attributed on the timeline", () => {
    let doc = run(newAccount(), rep, "recordFollowUp", { id: "f1", agreedTime: "2026-03-20T09:00:00.000Z", timeZone: "Europe/Berlin", reason: "Price", by: rep, at: AT });
    doc = run(doc, rep, "logActivity", { id: "a1", kind: "call", summary: "Callled Kim", by: rep, at: AT });
    doc = run(doc, lead, "editFollowUp", { id: "f1", reason: "Price and delivery date", notes: "Bring the revised quote" });
    doc = run(doc, lead, "rescheduleFollowUp", { id: "f1", agreedTime: "2026-03-21T14:00:00.000Z", timeZone: "Europe/Berlin" });
    doc = run(doc, lead, "editActivity", { id: "a1", summary: "Called Kim" });
    const f = doc.followUps.f1!;
    expect([A.toJS(doc).followUps.f1!.reason, f.callGuide, String(f.agreedTime)]).toEqual(["Price and delivery date", "Bring the revised quote", "2026-03-21T14:00:00.000Z"]);
    expect(doc.activities[0]!.summary).toBe("Called Kim");
    // The logged call keeps who logged it; each correction is the lead's, on the timeline.
    const byLead = timelineOf(doc).filter((e) => e.source === "change" && e.by?.name === "Dana Lead");
    expect(byLead.map((e) => e.kind).sort()).toEqual(["activity", "follow-up", "follow-up"]);
    expect(timelineOf(doc).find((e) => e.source === "activity")!.by?.name).toBe("Riley Rep");
  });
});
