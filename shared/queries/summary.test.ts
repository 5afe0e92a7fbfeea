import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import type { AccountDoc, Profile, RiskDoc, FollowUpDoc } from "../account/schema";
import { fixed, personRef } from "../account/fixed";
import { createAccount } from "../commands/account";
import { addCommitment, editCommitment, removeCommitment } from "../commands/commitments";
import { addMilestone, editMilestone } from "../commands/milestones";
import { SUMMARY_VERSION, summarize } from "./summary";

const rep: Profile = { id: "p-rep", name: "Riley Rep", role: "rep" };
const AT = "2026-03-02T09:00:00.000Z";
type Doc = A.Doc<AccountDoc>;

const created = () => ({ by: personRef(rep), at: fixed(AT) });

function risk(id: string, status: "open" | "mitigated" | "closed"): RiskDoc {
  return {
    id: fixed(id), rank: fixed("a0"), kind: fixed("competitor"), description: "Competitor discount", severity: fixed("high"),
    mitigation: "", status: fixed(status), owner: fixed("Riley"), created: created(),
  };
}

function followUp(id: string, agreedTime: string, outcome: string | null): FollowUpDoc {
  return {
    id: fixed(id), purpose: fixed("follow-up"), agreedTime: fixed(agreedTime), timeZone: fixed("Europe/Berlin"),
    reason: "Price objection", callGuide: "", outcome: outcome === null ? null : fixed(outcome), nextStep: "", nextStepKind: null, previousId: null, assignee: null, created: created(),
  };
}

function account(): Doc {
  return A.change(A.init<AccountDoc>(), (d) => createAccount(d, { name: "Acme", by: rep, at: AT }));
}

describe("summarize", () => {
  it("summarises a new account", () => {
    expect(summarize("doc-1", account())).toEqual({
      documentId: "doc-1",
      name: "Acme",
      stage: "follow-up",
      owner: "rep",
      ownerName: "Riley Rep",
      commitments: 0,
      milestones: 0,
      openRisks: 0,
      nextDue: null,
      readOnly: false,
      version: SUMMARY_VERSION,
      damaged: 0,
      calls: [],
      openCalls: 0,
      milestonesDue: [],
      paymentDue: null,
      risks: [],
      orderValue: null,
      lastContact: null,
      ownerId: "p-rep",
      domain: null,
      contactIds: ["p-rep"],
      openCallsBy: {},
      commitmentsDue: [],
      remindersShown: [],
    });
  });

  it("counts commitments, milestones and only the risks still open", () => {
    let doc = account();
    doc = A.change(doc, (d) => {
      addCommitment(d, { id: "c1", text: "a", by: rep, at: AT });
      addCommitment(d, { id: "c2", text: "b", by: rep, at: AT });
      addMilestone(d, { id: "m1", title: "Install", by: rep, at: AT });
      d.risks.r1 = risk("r1", "open");
      d.risks.r2 = risk("r2", "closed");
      d.risks.r3 = risk("r3", "open");
      d.risks.r4 = risk("r4", "mitigated");
    });
    expect(summarize("d", doc)).toMatchObject({ commitments: 2, milestones: 1, openRisks: 2 });
    doc = A.change(doc, (d) => removeCommitment(d, { id: "c1" }));
    expect(summarize("d", doc).commitments).toBe(1);
  });

  it("picks the earliest open dated item as next due, across commitments, milestones and follow-ups", () => {
    let doc = account();
    doc = A.change(doc, (d) => {
      addCommitment(d, { id: "c1", text: "Ship units", dueDate: "2026-04-10", by: rep, at: AT });
      addCommitment(d, { id: "c2", text: "No date", by: rep, at: AT });
      addMilestone(d, { id: "m1", title: "Go-live", endDate: "2026-04-05", by: rep, at: AT });
      d.followUps.f1 = followUp("f1", "2026-04-20T09:00:00.000Z", null);
    });
    expect(summarize("d", doc).nextDue).toEqual({ what: "Go-live", kind: "milestone", when: "2026-04-05" });

    doc = A.change(doc, (d) => void (d.followUps.f2 = followUp("f2", "2026-04-01T09:00:00.000Z", null)));
    expect(summarize("d", doc).nextDue).toEqual({ what: "Price objection", kind: "follow-up", when: "2026-04-01T09:00:00.000Z" });
  });

  it("ignores delivered and dropped commitments, done milestones and follow-ups with an outcome", () => {
    let doc = account();
    doc = A.change(doc, (d) => {
      addCommitment(d, { id: "c1", text: "Delivered", dueDate: "2026-03-01", status: "delivered", by: rep, at: AT });
      addCommitment(d, { id: "c2", text: "Dropped", dueDate: "2026-03-02", status: "dropped", by: rep, at: AT });
      addMilestone(d, { id: "m1", title: "Done", endDate: "2026-03-03", status: "done", by: rep, at: AT });
      d.followUps.f1 = followUp("f1", "2026-03-04T09:00:00.000Z", "reached");
      addCommitment(d, { id: "c3", text: "At risk", dueDate: "2026-06-01", status: "at-risk", by: rep, at: AT });
    });
    expect(summarize("d", doc).nextDue).toEqual({ what: "At risk", kind: "commitment", when: "2026-06-01" });

    // Marking the last open item delivered leaves nothing due.
    doc = A.change(doc, (d) => editCommitment(d, { id: "c3", status: "delivered" }));
    expect(summarize("d", doc).nextDue).toBeNull();
    // Reopening a milestone brings it back.
    doc = A.change(doc, (d) => editMilestone(d, { id: "m1", status: "blocked" }));
    expect(summarize("d", doc).nextDue).toMatchObject({ kind: "milestone", what: "Done" });
  });

  it("keeps what Today needs: open calls, milestones due, the unpaid due date and open risks, bounded and shortened", () => {
    let doc = account();
    doc = A.change(doc, (d) => {
      for (let i = 0; i < 8; i++) d.followUps[`f${i}`] = followUp(`f${i}`, `2026-04-0${i + 1}T09:00:00.000Z`, i === 0 ? "reached" : null);
      d.followUps.f3!.reason = "x".repeat(500);
      addMilestone(d, { id: "m1", title: "Install", endDate: "2026-05-01", by: rep, at: AT });
      addMilestone(d, { id: "m2", title: "Train", endDate: "2026-04-20", by: rep, at: AT });
      addMilestone(d, { id: "m3", title: "Done already", endDate: "2026-04-01", status: "done", by: rep, at: AT });
      addMilestone(d, { id: "m4", title: "No date", by: rep, at: AT });
      d.risks.r1 = { ...risk("r1", "open"), severity: fixed("low") };
      d.risks.r2 = risk("r2", "open");
      d.risks.r3 = risk("r3", "closed");
      d.payment.dueDate = fixed("2026-04-30");
    });
    const s = summarize("d", doc);
    expect(s.calls?.map((c) => c.id)).toEqual(["f1", "f2", "f3", "f4", "f5"]);
    expect(s.openCalls).toBe(7);
    expect(s.calls?.[2]?.reason).toHaveLength(140);
    // Nobody assigned: the account's owner is reminded.
    expect(s.calls?.[0]).toEqual({ id: "f1", purpose: "follow-up", agreedTime: "2026-04-02T09:00:00.000Z", timeZone: "Europe/Berlin", reason: "Price objection", assigneeId: "p-rep", assigneeName: "Riley Rep" });
    expect(s.openCallsBy).toEqual({ "p-rep": 7 });
    expect(s.milestonesDue).toEqual([
      { id: "m2", title: "Train", endDate: "2026-04-20", assigneeId: "p-rep", assigneeName: "Riley Rep" },
      { id: "m1", title: "Install", endDate: "2026-05-01", assigneeId: "p-rep", assigneeName: "Riley Rep" },
    ]);
    expect(s.risks?.map((r) => [r.id, r.severity])).toEqual([["r2", "high"], ["r1", "low"]]);
    expect(s.paymentDue).toBe("2026-04-30");
    doc = A.change(doc, (d) => void (d.payment.paidDate = fixed("2026-04-29")));
    expect(summarize("d", doc).paymentDue).toBeNull();
  });

  it("marks an account from a newer Baton read-only", () => {
    const doc = A.change(account(), (d) => void (d.schemaVersion = 99));
    expect(summarize("d", doc).readOnly).toBe(true);
  });

  it("leaves out what a peer damaged and counts it, instead of failing", () => {
    const doc = A.change(account(), (d) => {
      const raw = d as unknown as Record<string, Record<string, unknown>>;
      raw.commitments!.x = null;
      raw.followUps!.f = { id: fixed("f"), agreedTime: 5 };
      raw.risks = "gone" as never;
    });
    const s = summarize("doc-1", doc);
    expect(s).toMatchObject({ commitments: 0, openCalls: 0, openRisks: 0, damaged: 3, nextDue: null });
  });
});
