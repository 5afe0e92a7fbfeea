import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, errorOf, laptops, lead, newAccount, rep, run, sync, type Doc } from "../testing/accounts";
import { moveStage, StageRuleError, type MoveStageArgs } from "./stages";
import { isWon, stageChecklist, stageHistoryOf, stageOf, STAGE_PATH, STAGE_REQUIREMENTS } from "../queries/stage-checklist";
import { followUpsOf, mostImportantCallOf, MOST_IMPORTANT_CALL_ID } from "../queries/call-guide";
import { fixed, personRef } from "../account/fixed";
import { parseChangeMessage } from "../attribution";
import { summarize } from "../queries/summary";

const ZONE = "Europe/Berlin";
const move = (doc: Doc, args: Partial<MoveStageArgs> & Pick<MoveStageArgs, "to">, by = rep) =>
  run(doc, by, "moveStage", { by, at: AT, timeZone: ZONE, ...args });

/** Everything that makes each stage honest, so moves need no reason. */
function readyForEverything(): Doc {
  let doc = newAccount();
  doc = run(doc, rep, "addContact", { id: "k1", name: "Kim Buyer", role: "decision-maker" });
  doc = run(doc, rep, "addRequirement", { id: "r1", text: "Two admins can run it", source: "call-note", by: rep, at: AT });
  doc = run(doc, rep, "addCommitment", { id: "c1", text: "Train two admins", requirementId: "r1", dueDate: "2026-04-01", by: rep, at: AT });
  doc = run(doc, rep, "setOrder", { reference: "PO-7", date: "2026-03-02", value: "12000", currency: "EUR" });
  doc = run(doc, rep, "recordCreditCheck", { result: "passed", by: rep, at: AT });
  return doc;
}

describe("moveStage", () => {
  it("records who, when, from, to and why, and changes the stage", () => {
    let doc = newAccount();
    doc = run(doc, rep, "addContact", { id: "k1", name: "Kim", role: "decision-maker" });
    doc = run(doc, rep, "addRequirement", { id: "r1", text: "Req", source: "email", by: rep, at: AT });
    doc = move(doc, { to: "promised", id: "s1" });
    expect(stageOf(doc)).toBe("promised");
    expect(stageHistoryOf(doc)).toEqual([
      { id: "s1", from: "follow-up", to: "promised", reason: "", skipped: [], by: { id: "p-rep", name: "Riley Rep" }, at: AT },
    ]);
    const m = doc.stageHistory[0]!;
    for (const v of [m.id, m.from, m.to, m.at, m.by.id]) expect(A.isImmutableString(v)).toBe(true);
  });

  it("refuses a move that leaves checklist items open, names them, and changes nothing", () => {
    const doc = newAccount();
    const e = errorOf(() => move(doc, { to: "ordered" }));
    expect(e).toBeInstanceOf(StageRuleError);
    expect(e).toMatchObject({ code: "open-items" });
    expect((e as StageRuleError).openItems.map((i) => i.id)).toEqual(["decision-maker", "requirements", "order-reference", "credit-check"]);
    expect(e.message).toBe(
      "Ordered cannot honestly be called done yet — still open: the decision maker is known; the customer's requirements are recorded; order reference received; credit check passed. Give a reason to move anyway.",
    );
    expect(stageOf(doc)).toBe("follow-up");
    expect(doc.stageHistory).toHaveLength(0);
  });

  it("a blank reason is no reason", () => {
    expect(errorOf(() => move(newAccount(), { to: "promised", reason: "   " }))).toMatchObject({ code: "open-items" });
  });

  it("allows the skip with an explicit reason, records what was skipped, and puts the reason on the timeline message", () => {
    let doc = run(newAccount(), rep, "setOrder", { reference: "PO-1" });
    doc = move(doc, { to: "ordered", reason: "  Customer signed on the phone; PO follows  " });
    expect(stageOf(doc)).toBe("ordered");
    expect(stageHistoryOf(doc)[0]).toMatchObject({
      from: "follow-up",
      to: "ordered",
      reason: "Customer signed on the phone; PO follows",
      skipped: ["decision-maker", "requirements", "credit-check"],
    });
    const message = parseChangeMessage(A.decodeChange(A.getLastLocalChange(doc)!).message);
    expect(message).toEqual({
      by: "p-rep",
      name: "Riley Rep",
      what: "Moved the account from Follow-up to Ordered — reason: Customer signed on the phone; PO follows. Most important call scheduled for 2026-03-03 09:00 (Europe/Berlin)",
      kind: "stage",
    });
  });

  it.each([
    ["lost", "Say why the account was lost."],
    ["cancelled", "Say why the order was cancelled."],
  ] as const)("moving to %s needs a reason", (to, message) => {
    const doc = newAccount();
    const e = errorOf(() => move(doc, { to }));
    expect(e).toMatchObject({ name: "StageRuleError", code: "reason-required", message });
    const after = move(doc, { to, reason: "Went with a competitor's discount" });
    expect(stageOf(after)).toBe(to);
    expect(stageHistoryOf(after)[0]).toMatchObject({ to, reason: "Went with a competitor's discount", skipped: [] });
  });

  it("refuses a move to the stage the account is at, and a stage that does not exist", () => {
    expect(errorOf(() => move(newAccount(), { to: "follow-up" }))).toMatchObject({ code: "same-stage", message: "The account is already at Follow-up." });
    expect(errorOf(() => move(newAccount(), { to: "won" as never }))).toMatchObject({ code: "unknown-stage" });
  });

  it("moving back needs no reason; reopening a lost account checks the whole way again", () => {
    let doc = move(readyForEverything(), { to: "ordered" });
    doc = move(doc, { to: "promised" });
    expect(stageOf(doc)).toBe("promised");
    doc = move(doc, { to: "lost", reason: "Budget frozen" });
    doc = move(doc, { to: "follow-up" });
    expect(stageOf(doc)).toBe("follow-up");
    doc = move(doc, { to: "lost", reason: "Budget frozen again" });
    const e = errorOf(() => move(doc, { to: "handed-off" })) as StageRuleError;
    expect(e.openItems.map((i) => i.id)).toEqual(["supply-date", "most-important-call", "customer-confirmed", "plan-covers-commitments", "handoff-signed-off"]);
  });

  it("a document from a newer Baton is not moved", () => {
    const doc = A.change(newAccount(), (d) => void (d.schemaVersion = 99));
    expect(errorOf(() => A.change(doc, (d) => moveStage(d, { to: "lost", reason: "x", by: rep, at: AT, timeZone: ZONE })))).toMatchObject({
      name: "ReadOnlyDocumentError",
    });
  });
});

describe("moving to ordered schedules the most important call", () => {
  it("for the next business day at 09:00 in the rep's time zone, storing the instant and the zone", () => {
    // Friday 2026-03-06, 16:00 in Berlin.
    const doc = move(readyForEverything(), { to: "ordered", at: "2026-03-06T15:00:00.000Z" });
    const call = mostImportantCallOf(doc)!;
    expect(call).toMatchObject({
      id: MOST_IMPORTANT_CALL_ID,
      purpose: "most-important-call",
      agreedTime: "2026-03-09T08:00:00.000Z",
      timeZone: "Europe/Berlin",
      outcome: null,
      createdBy: { id: "p-rep", name: "Riley Rep" },
    });
    expect(A.isImmutableString(doc.followUps[MOST_IMPORTANT_CALL_ID]!.agreedTime)).toBe(true);
    // The account summary (account list, Today) shows it as the next thing due.
    expect(summarize("d", doc).nextDue).toEqual({ what: "Most important call: confirm requirements, commitments and delivery dates", kind: "follow-up", when: "2026-03-09T08:00:00.000Z" });
  });

  it("in the mover's own zone", () => {
    const doc = move(readyForEverything(), { to: "ordered", at: "2026-03-06T22:00:00.000Z", timeZone: "America/New_York" });
    expect(mostImportantCallOf(doc)).toMatchObject({ agreedTime: "2026-03-09T13:00:00.000Z", timeZone: "America/New_York" });
  });

  it("only once, even when the account goes back and comes to ordered again", () => {
    let doc = move(readyForEverything(), { to: "ordered", at: "2026-03-02T10:00:00.000Z" });
    doc = move(doc, { to: "promised" });
    doc = move(doc, { to: "ordered", at: "2026-03-04T10:00:00.000Z" });
    expect(followUpsOf(doc).map((f) => [f.id, f.agreedTime])).toEqual([[MOST_IMPORTANT_CALL_ID, "2026-03-03T08:00:00.000Z"]]);
  });

  it("two laptops moving to ordered at once end with one call", () => {
    const [a, b] = laptops(readyForEverything());
    const [a2, b2] = sync(move(a, { to: "ordered" }), move(b, { to: "ordered" }, lead));
    expect(followUpsOf(a2)).toEqual(followUpsOf(b2));
    expect(followUpsOf(a2)).toHaveLength(1);
    expect(stageHistoryOf(a2)).toHaveLength(2);
  });
});

describe("isWon", () => {
  /** An account walked honestly all the way to paid. */
  function paid(): Doc {
    let doc = move(readyForEverything(), { to: "ordered" });
    doc = run(doc, rep, "confirmSupplyDate", { date: "2026-03-20", by: rep, at: AT });
    doc = run(doc, rep, "logCallOutcome", { followUpId: MOST_IMPORTANT_CALL_ID, outcome: "reached", summary: "All clear", activityId: "a1", by: rep, at: AT });
    doc = run(doc, rep, "confirmCommitment", { commitmentId: "c1", occasion: "most-important-call", confirmed: true, by: rep, at: AT });
    doc = run(doc, lead, "addMilestone", { id: "m1", title: "Training", commitmentIds: ["c1"], endDate: "2026-03-25", by: lead, at: AT });
    doc = A.change(doc, (d) => {
      d.handoff.signOffs.rep = { role: fixed("rep"), by: personRef(rep), at: fixed(AT), heads: [] };
      d.handoff.signOffs.lead = { role: fixed("delivery-lead"), by: personRef(lead), at: fixed(AT), heads: [] };
    });
    doc = move(doc, { to: "handed-off" });
    doc = run(doc, lead, "editMilestone", { id: "m1", status: "in-progress" });
    doc = move(doc, { to: "delivering" }, lead);
    doc = run(doc, lead, "editMilestone", { id: "m1", status: "done" });
    doc = run(doc, lead, "editCommitment", { id: "c1", status: "delivered" });
    doc = move(doc, { to: "delivered" }, lead);
    expect(isWon(doc)).toBe(false);
    doc = run(doc, rep, "setPayment", { invoiceReference: "INV-1", invoiceDate: "2026-03-26", dueDate: "2026-04-25", paidDate: "2026-04-10" });
    return move(doc, { to: "paid", at: "2026-04-10T09:00:00.000Z" });
  }

  it("walks every stage with nothing skipped, and is won only when paid", () => {
    const doc = paid();
    expect(stageHistoryOf(doc).map((m) => [m.to, m.skipped])).toEqual(
      ["ordered", "handed-off", "delivering", "delivered", "paid"].map((s) => [s, []]),
    );
    expect(isWon(doc)).toBe(true);
    expect(stageChecklist(doc, "2026-04-10")).toMatchObject({ stage: "paid", won: true, current: { open: 0 }, next: { stage: "relationship", open: 0 } });
  });

  it("stays won in the relationship after payment", () => {
    expect(isWon(move(paid(), { to: "relationship" }))).toBe(true);
  });

  it("is not won at paid or relationship when the payment was skipped with a reason", () => {
    let doc = move(readyForEverything(), { to: "ordered" });
    doc = move(doc, { to: "paid", reason: "Finance says it is coming" });
    expect(isWon(doc)).toBe(false);
    expect(stageHistoryOf(doc).at(-1)!.skipped).toContain("payment-received");
    doc = move(doc, { to: "relationship" });
    expect(isWon(doc)).toBe(false);
  });

  it("delivered → relationship without payment needs a reason (payment is open)", () => {
    let doc = move(readyForEverything(), { to: "delivered", reason: "Imported from the old CRM" });
    const e = errorOf(() => move(doc, { to: "relationship" })) as StageRuleError;
    expect(e.openItems.map((i) => i.id)).toEqual(["invoice-sent", "payment-received"]);
    doc = move(doc, { to: "relationship", reason: "Customer is a friend" });
    expect(isWon(doc)).toBe(false);
  });

  it("is false for every stage short of paid", () => {
    for (const stage of STAGE_PATH.slice(0, 6)) {
      const doc = A.change(run(newAccount(), rep, "setPayment", { paidDate: "2026-03-02" }), (d) => void (d.stage = fixed(stage)));
      expect(isWon(doc), stage).toBe(false);
    }
  });
});

describe("stageChecklist", () => {
  it("for a new account: nothing for follow-up, and what promised still needs", () => {
    const list = stageChecklist(newAccount(), "2026-03-02");
    expect(list.stage).toBe("follow-up");
    expect(list.current).toEqual({ stage: "follow-up", items: [], open: 0 });
    expect(list.next).toEqual({
      stage: "promised",
      open: 2,
      items: [
        { id: "decision-maker", label: "The decision maker is known", done: false, detail: "Add the decision maker to the contacts." },
        { id: "requirements", label: "The customer's requirements are recorded", done: false, detail: "No requirements recorded yet." },
      ],
    });
    expect(list.openRisks).toEqual([]);
    expect(list.won).toBe(false);
  });

  it("a promise is not an order: order reference, credit check", () => {
    let doc = move(readyForEverything(), { to: "promised" });
    doc = run(doc, rep, "setOrder", { reference: null });
    doc = run(doc, rep, "recordCreditCheck", { result: "failed", by: rep, at: AT });
    expect(stageChecklist(doc, "2026-03-02").next!.items).toEqual([
      { id: "order-reference", label: "Order reference received", done: false, detail: "No order reference yet: the customer has not sent the order." },
      { id: "credit-check", label: "Credit check passed", done: false, detail: "The credit check failed." },
    ]);
  });

  it("after ordered: supply date, the call, confirmations, plan, sign-off — with details", () => {
    let doc = move(readyForEverything(), { to: "ordered", at: "2026-03-02T10:00:00.000Z" });
    doc = run(doc, rep, "addCommitment", { id: "c2", text: "Ship 10 units", by: rep, at: AT });
    doc = run(doc, rep, "confirmCommitment", { commitmentId: "c1", occasion: "most-important-call", confirmed: true, by: rep, at: AT });
    doc = run(doc, lead, "addMilestone", { id: "m1", title: "Training", commitmentIds: ["c1"], by: lead, at: AT });
    doc = A.change(doc, (d) => void (d.handoff.signOffs.x = { role: fixed("rep"), by: personRef(rep), at: fixed(AT), heads: [] }));
    const byId = Object.fromEntries(stageChecklist(doc, "2026-03-02").next!.items.map((i) => [i.id, [i.done, i.detail]]));
    expect(byId).toEqual({
      "supply-date": [false, "Supply has not confirmed the delivery date."],
      "most-important-call": [false, "Scheduled for 2026-03-03T08:00:00.000Z."],
      "customer-confirmed": [false, "1 commitment of 2 not confirmed yet."],
      "plan-covers-commitments": [false, "1 commitment has no milestone."],
      "handoff-signed-off": [false, "Waiting for the delivery lead."],
    });
  });

  it("shows the open risks whatever the stage", () => {
    let doc = run(newAccount(), rep, "addRisk", { id: "k1", kind: "competitor", description: "Rival offers 20% off", by: rep, at: AT });
    doc = run(doc, rep, "addRisk", { id: "k2", kind: "credit", description: "Slow payer", status: "closed", by: rep, at: AT });
    expect(stageChecklist(doc, "2026-03-02").openRisks.map((r) => r.id)).toEqual(["k1"]);
  });

  it("payment received: overdue or due, with the date", () => {
    let doc = run(newAccount(), rep, "setPayment", { invoiceReference: "INV-1", invoiceDate: "2026-03-01", dueDate: "2026-03-31" });
    doc = A.change(doc, (d) => void (d.stage = fixed("delivered")));
    const item = (today: string) => stageChecklist(doc, today).next!.items.find((i) => i.id === "payment-received");
    expect(item("2026-03-10")).toMatchObject({ done: false, detail: "Due on 2026-03-31." });
    expect(item("2026-04-02")).toMatchObject({ done: false, detail: "Overdue since 2026-03-31." });
  });

  it("has no next stage at the end of the path or after lost / cancelled", () => {
    const lost = move(newAccount(), { to: "lost", reason: "No budget" });
    expect(stageChecklist(lost, "2026-03-02")).toMatchObject({ stage: "lost", next: null, current: { items: [] } });
    expect(STAGE_REQUIREMENTS.relationship).toEqual([]);
  });
});
