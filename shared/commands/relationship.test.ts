import { describe, expect, it } from "vitest";
import { AT, errorOf, lead, newAccount, rep, run, type Doc } from "../testing/accounts";
import { relationshipOf } from "../queries/relationship";
import { MissingItemError } from "./errors";
import { StageRuleError } from "./stages";

const paid = (): Doc => run(newAccount(), rep, "setPayment", { invoiceDate: "2026-03-01", paidDate: "2026-03-20" });

describe("the relationship after payment", () => {
  it("satisfaction checks and referrals wait for the payment; the next opportunity does not", () => {
    const doc = newAccount();
    expect(relationshipOf(doc).open).toBe(false);
    const e = errorOf(() => run(doc, rep, "recordSatisfaction", { id: "s1", score: 5, by: rep, at: AT }));
    expect(e).toBeInstanceOf(StageRuleError);
    expect(e).toMatchObject({ code: "not-paid", message: "Satisfaction checks come after payment: record the payment first." });
    expect(errorOf(() => run(doc, rep, "askReferral", { id: "f1", askedOf: "Kim", by: rep, at: AT }))).toMatchObject({
      message: "Referrals come after payment: record the payment first.",
    });
    const noted = run(doc, rep, "addOpportunity", { id: "o1", description: "Second site in Lyon", expectedDate: "2026-09-01", by: rep, at: AT });
    expect(relationshipOf(noted).opportunities).toEqual([{ id: "o1", description: "Second site in Lyon", expectedDate: "2026-09-01", by: { id: "p-rep", name: "Riley Rep" }, at: AT }]);
  });

  it("records satisfaction checks; the latest score is the most recent one", () => {
    let doc = run(paid(), rep, "recordSatisfaction", { id: "s1", score: 3, notes: "Slow start", by: rep, at: "2026-04-01T10:00:00.000Z" });
    doc = run(doc, lead, "recordSatisfaction", { id: "s2", score: 5, by: lead, at: "2026-05-01T10:00:00.000Z" });
    doc = run(doc, lead, "recordSatisfaction", { id: "s3", score: null, notes: "Called, all fine", by: lead, at: "2026-06-01T10:00:00.000Z" });
    const view = relationshipOf(doc);
    expect(view.open).toBe(true);
    expect(view.latestScore).toBe(5);
    expect(view.satisfactionChecks.map((c) => [c.id, c.score, c.notes, c.by?.id])).toEqual([
      ["s1", 3, "Slow start", "p-rep"],
      ["s2", 5, "", "p-lead"],
      ["s3", null, "Called, all fine", "p-lead"],
    ]);
    doc = run(doc, rep, "editSatisfaction", { id: "s1", score: 4, notes: "Slow start, fine now" });
    expect(relationshipOf(doc).satisfactionChecks[0]).toMatchObject({ score: 4, notes: "Slow start, fine now" });
    doc = run(doc, rep, "removeSatisfaction", { id: "s2" });
    expect(relationshipOf(doc).latestScore).toBe(4);
  });

  it("referral asked, then given (with who), or declined", () => {
    let doc = run(paid(), rep, "askReferral", { id: "f1", askedOf: "Kim Buyer", by: rep, at: AT });
    doc = run(doc, rep, "askReferral", { id: "f2", askedOf: "Sam User", notes: "At the user group", by: rep, at: AT });
    doc = run(doc, rep, "editReferral", { id: "f1", status: "given", referredTo: "Jo at Globex" });
    doc = run(doc, rep, "editReferral", { id: "f2", status: "declined" });
    expect(relationshipOf(doc).referrals.map((r) => [r.id, r.status, r.askedOf, r.referredTo, r.notes])).toEqual([
      ["f1", "given", "Kim Buyer", "Jo at Globex", ""],
      ["f2", "declined", "Sam User", "", "At the user group"],
    ]);
    doc = run(doc, rep, "removeReferral", { id: "f2" });
    expect(relationshipOf(doc).referrals.map((r) => r.id)).toEqual(["f1"]);
  });

  it("edits and removes opportunities; gone items give MissingItemError", () => {
    let doc = run(paid(), rep, "addOpportunity", { id: "o1", description: "Second site", by: rep, at: AT });
    doc = run(doc, rep, "editOpportunity", { id: "o1", description: "Second site in Lyon", expectedDate: "2026-10-01" });
    expect(relationshipOf(doc).opportunities[0]).toMatchObject({ description: "Second site in Lyon", expectedDate: "2026-10-01" });
    doc = run(doc, rep, "removeOpportunity", { id: "o1" });
    expect(relationshipOf(doc).opportunities).toEqual([]);
    for (const fn of [
      () => run(doc, rep, "editOpportunity", { id: "o1", description: "x" }),
      () => run(doc, rep, "editReferral", { id: "nope", status: "given" }),
      () => run(doc, rep, "editSatisfaction", { id: "nope", score: 1 }),
      () => run(doc, rep, "removeSatisfaction", { id: "nope" }),
    ]) {
      expect(errorOf(fn)).toBeInstanceOf(MissingItemError);
    }
  });
});
