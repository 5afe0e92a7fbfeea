import { describe, expect, it } from "vitest";
import { AT, lead, newAccount, rep, run, type Doc } from "../testing/accounts";
import { callGuideOf, followUpsOf, MOST_IMPORTANT_CALL_ID } from "./call-guide";

/** Two requirements; r1 met by c1 (two milestones) and c3 (dropped); r2 unmet; c2 meets nothing. */
function account(): Doc {
  let doc = run(newAccount(), rep, "addRequirement", { id: "r1", text: "Two admins can run it", source: "call-note", sourceReference: "Call 12 Feb", by: rep, at: AT });
  doc = run(doc, rep, "addRequirement", { id: "r2", text: "Live by April", source: "proposal", sourceReference: "Proposal v3 §2", by: rep, at: AT });
  doc = run(doc, rep, "addCommitment", { id: "c1", text: "Train two admins", requirementId: "r1", dueDate: "2026-04-01", status: "agreed", promisedBy: "Riley", by: rep, at: AT });
  doc = run(doc, rep, "addCommitment", { id: "c2", text: "Free first-month support", by: rep, at: AT });
  doc = run(doc, rep, "addCommitment", { id: "c3", text: "On-site training", requirementId: "r1", status: "dropped", by: rep, at: AT });
  doc = run(doc, lead, "addMilestone", { id: "m2", title: "Admin training, day 2", startDate: "2026-03-24", endDate: "2026-03-24", commitmentIds: ["c1"], by: lead, at: AT });
  doc = run(doc, lead, "addMilestone", { id: "m1", title: "Admin training, day 1", startDate: "2026-03-23", endDate: "2026-03-23", commitmentIds: ["c1"], by: lead, at: AT });
  doc = run(doc, lead, "moveMilestone", { id: "m1", toIndex: 0 });
  return run(doc, rep, "setOrder", { reference: "PO-1", proposalReference: "Proposal v3", quoteReference: "Q-88" });
}

describe("callGuideOf", () => {
  it("rows: requirement → the commitments that meet it → what will be delivered when; plus proposal and quote references", () => {
    const guide = callGuideOf(account());
    expect(guide.rows).toEqual([
      {
        requirement: { id: "r1", text: "Two admins can run it", source: "call-note", sourceReference: "Call 12 Feb" },
        commitments: [
          {
            id: "c1",
            text: "Train two admins",
            status: "agreed",
            promisedBy: "Riley",
            dueDate: "2026-04-01",
            confirmed: null,
            milestones: [
              { id: "m1", title: "Admin training, day 1", startDate: "2026-03-23", endDate: "2026-03-23", status: "planned" },
              { id: "m2", title: "Admin training, day 2", startDate: "2026-03-24", endDate: "2026-03-24", status: "planned" },
            ],
          },
        ],
      },
      { requirement: { id: "r2", text: "Live by April", source: "proposal", sourceReference: "Proposal v3 §2" }, commitments: [] },
    ]);
    expect(guide.unlinkedCommitments.map((c) => [c.id, c.text, c.milestones])).toEqual([["c2", "Free first-month support", []]]);
    expect(guide.proposalReference).toBe("Proposal v3");
    expect(guide.quoteReference).toBe("Q-88");
    expect(guide.call).toBeNull();
    expect(guide.concerns).toEqual([]);
  });

  it("follows the list order of requirements and commitments", () => {
    let doc = run(account(), rep, "moveRequirement", { id: "r2", toIndex: 0 });
    doc = run(doc, rep, "linkRequirement", { commitmentId: "c2", requirementId: "r1" });
    doc = run(doc, rep, "moveCommitment", { id: "c2", toIndex: 0 });
    const guide = callGuideOf(doc);
    expect(guide.rows.map((r) => [r.requirement.id, r.commitments.map((c) => c.id)])).toEqual([["r2", []], ["r1", ["c2", "c1"]]]);
    expect(guide.unlinkedCommitments).toEqual([]);
  });

  it("includes the scheduled call, ticks and concerns once the account is ordered", () => {
    let doc = run(account(), rep, "moveStage", { to: "ordered", reason: "test", by: rep, at: "2026-03-06T15:00:00.000Z", timeZone: "Europe/Berlin" });
    doc = run(doc, rep, "confirmCommitment", { commitmentId: "c1", occasion: "most-important-call", confirmed: true, by: rep, at: AT });
    doc = run(doc, rep, "addConcern", { id: "q1", kind: "remorse-signal", text: "Asked about the cancellation period", followUpId: MOST_IMPORTANT_CALL_ID, by: rep, at: AT });
    const guide = callGuideOf(doc);
    expect(guide.call).toMatchObject({ id: MOST_IMPORTANT_CALL_ID, agreedTime: "2026-03-09T08:00:00.000Z", timeZone: "Europe/Berlin" });
    expect(guide.rows[0]!.commitments[0]!.confirmed).toEqual({ occasion: "most-important-call", at: AT, by: { id: "p-rep", name: "Riley Rep" } });
    expect(guide.concerns.map((c) => [c.kind, c.text])).toEqual([["remorse-signal", "Asked about the cancellation period"]]);
    expect(followUpsOf(doc).map((f) => f.purpose)).toEqual(["most-important-call"]);
  });

  it("lists a commitment whose requirement was removed among the unlinked ones", () => {
    const doc = run(account(), rep, "removeRequirement", { id: "r1" });
    const guide = callGuideOf(doc);
    expect(guide.rows.map((r) => r.requirement.id)).toEqual(["r2"]);
    expect(guide.unlinkedCommitments.map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("an empty account has an empty guide", () => {
    expect(callGuideOf(newAccount())).toEqual({ rows: [], unlinkedCommitments: [], proposalReference: null, quoteReference: null, call: null, concerns: [] });
  });
});
