import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, errorOf, laptops, lead, newAccount, rep, run, sync, type Doc } from "../testing/accounts";
import { fixed, read } from "../account/fixed";
import { assignmentOf } from "../queries/assignees";
import { summarize } from "../queries/summary";
import { AssigneeError } from "./assignees";

/** An account with the rep's callback, a milestone and two commitments, signed off by both. */
function handedOff(): Doc {
  let doc = newAccount();
  doc = run(doc, rep, "recordFollowUp", { id: "f1", agreedTime: "2026-03-05T09:00:00.000Z", timeZone: "UTC", reason: "Upsell", by: rep, at: AT });
  doc = run(doc, rep, "addMilestone", { id: "m1", title: "Install", endDate: "2026-03-20", by: rep, at: AT });
  doc = run(doc, rep, "addMilestone", { id: "m2", title: "Kick-off", endDate: "2026-03-03", status: "done", by: rep, at: AT });
  doc = run(doc, rep, "addCommitment", { id: "c1", text: "Train admins", dueDate: "2026-03-10", by: rep, at: AT });
  doc = run(doc, rep, "addCommitment", { id: "c2", text: "Delivered already", status: "delivered", by: rep, at: AT });
  doc = run(doc, rep, "signOffHandoff", { role: "rep", by: rep, at: AT, heads: A.getHeads(doc), customerAgreedBy: "Kim" });
  return doc;
}
const who = (doc: Doc, part: "followUps" | "milestones" | "commitments", id: string) => read(doc[part][id]!.assignee?.id);

describe("assignees", () => {
  it("a new call, milestone or commitment is its maker's, and the most important call the rep's", () => {
    let doc = newAccount();
    doc = run(doc, rep, "recordFollowUp", { id: "f1", agreedTime: "2026-03-05T09:00:00.000Z", timeZone: "UTC", reason: "Price", by: rep, at: AT });
    doc = run(doc, rep, "moveStage", { to: "ordered", reason: "test", by: rep, at: AT, timeZone: "UTC" });
    expect(who(doc, "followUps", "f1")).toBe(rep.id);
    expect(who(doc, "followUps", "most-important-call")).toBe(rep.id);
  });

  it("handoff passes the open delivery work to the lead; the rep keeps their callbacks and what is done stays as it was", () => {
    let doc = handedOff();
    expect(who(doc, "milestones", "m1")).toBe(rep.id);
    doc = run(doc, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(doc) });
    expect(who(doc, "milestones", "m1")).toBe(lead.id);
    expect(who(doc, "commitments", "c1")).toBe(lead.id);
    expect(who(doc, "followUps", "f1")).toBe(rep.id);
    expect(who(doc, "milestones", "m2")).toBe(rep.id);
    expect(who(doc, "commitments", "c2")).toBe(rep.id);
    const s = summarize("d", doc);
    expect(s.milestonesDue?.map((m) => m.assigneeId)).toEqual([lead.id]);
    expect(s.commitmentsDue?.map((c) => c.assigneeId)).toEqual([lead.id]);
    expect(s.calls?.map((c) => c.assigneeId)).toEqual([rep.id]);
    expect(s.ownerId).toBe(lead.id);
  });

  it("two laptops completing the handoff apart write the same assignments", () => {
    const base = handedOff();
    let [a, b] = laptops(base);
    a = run(a, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(base) });
    b = run(b, lead, "completeHandoff", {});
    [a, b] = sync(a, b);
    b = run(b, rep, "completeHandoff", {});
    expect(who(b, "milestones", "m1")).toBe(lead.id);
    [a, b] = sync(a, b);
    expect(A.toJS(a).milestones).toEqual(A.toJS(b).milestones);
  });

  it("reassigns to a person who shares the account, and refuses anyone else with nothing written", () => {
    let doc = handedOff();
    doc = run(doc, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(doc) });
    doc = run(doc, lead, "assign", { kind: "milestone", id: "m1", personId: rep.id });
    expect(who(doc, "milestones", "m1")).toBe(rep.id);
    const heads = A.getHeads(doc);
    const e = errorOf(() => run(doc, lead, "assign", { kind: "commitment", id: "c1", personId: "p-stranger" }));
    expect(e).toBeInstanceOf(AssigneeError);
    expect(e.message).toMatch(/no longer shares this account/);
    expect(A.getHeads(doc)).toEqual(heads);
  });

  it("an assignee who no longer shares the account: the owner is reminded, and the item says who it was", () => {
    let doc = handedOff();
    doc = run(doc, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(doc) });
    // The account passes to another lead; the old lead's items are still theirs on record.
    doc = A.change(doc, (d) => void (d.deliveryLead = { id: fixed("p-new"), name: fixed("Noor New"), phone: null, email: null }));
    const m1 = assignmentOf(doc, doc.milestones.m1!);
    expect(m1.person).toEqual({ id: "p-new", name: "Noor New" });
    expect(m1.gone).toEqual({ id: lead.id, name: lead.name });
    expect(summarize("d", doc).milestonesDue?.map((m) => m.assigneeId)).toEqual(["p-new"]);
  });
});
