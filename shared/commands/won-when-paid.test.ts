/** Won when paid, and risks closed with the deal (PRODUCT.md: "stay close until the check clears"). */
import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, errorOf, newAccount, rep, run, type Doc } from "../testing/accounts";
import { read } from "../account/fixed";
import { isWon, stageOf } from "../queries/stage-checklist";
import { summarize } from "../queries/summary";
import { todayOf } from "../queries/today";
import { StageRuleError } from "./stages";

function withRisks(): Doc {
  let doc = newAccount();
  doc = run(doc, rep, "addRisk", { id: "x1", kind: "competitor", description: "Rival discount", severity: "high", by: rep, at: AT });
  doc = run(doc, rep, "addRisk", { id: "x2", kind: "credit", description: "Slow payer", severity: "low", by: rep, at: AT });
  doc = run(doc, rep, "editRisk", { id: "x2", status: "mitigated" });
  return run(doc, rep, "moveStage", { to: "delivered", reason: "test set-up", by: rep, at: AT, timeZone: "UTC" });
}
const statuses = (doc: Doc) => Object.values(doc.risks).map((r) => [read(r.id), read(r.status)]);

describe("won when paid", () => {
  it("the paid date and the move to Paid are one change: the account reads as won at once", () => {
    const before = withRisks();
    const changes = A.getAllChanges(before).length;
    const doc = run(before, rep, "recordPaid", { paidDate: "2026-04-20", moveToPaid: true, reason: "paid", openRisks: "keep", by: rep, at: AT, timeZone: "UTC" });
    expect(A.getAllChanges(doc).length).toBe(changes + 1);
    expect(stageOf(doc)).toBe("paid");
    expect(isWon(doc)).toBe(true);
    expect(statuses(doc)).toEqual([["x1", "open"], ["x2", "mitigated"]]);
  });

  it("recording the date alone leaves the stage as it was", () => {
    const doc = run(withRisks(), rep, "recordPaid", { paidDate: "2026-04-20", moveToPaid: false, by: rep, at: AT, timeZone: "UTC" });
    expect(stageOf(doc)).toBe("delivered");
    expect(read(doc.payment.paidDate)).toBe("2026-04-20");
  });

  it("winning can close the open risks in the same change; they leave Today with the deal", () => {
    const doc = run(withRisks(), rep, "recordPaid", { paidDate: "2026-04-20", moveToPaid: true, reason: "paid", openRisks: "close", by: rep, at: AT, timeZone: "UTC" });
    expect(statuses(doc)).toEqual([["x1", "closed"], ["x2", "mitigated"]]);
    expect(todayOf([summarize("d", doc)], { now: AT, timeZone: "UTC" }).risks).toEqual([]);
  });

  it("losing the deal can close its open risks too", () => {
    const doc = run(withRisks(), rep, "moveStage", { to: "lost", reason: "Budget frozen", openRisks: "close", by: rep, at: AT, timeZone: "UTC" });
    expect(statuses(doc)).toEqual([["x1", "closed"], ["x2", "mitigated"]]);
  });

  it("a move that is refused writes nothing, not even the paid date", () => {
    let doc = newAccount();
    doc = run(doc, rep, "addCommitment", { id: "c1", text: "Install", by: rep, at: AT });
    const heads = A.getHeads(doc);
    expect(errorOf(() => run(doc, rep, "recordPaid", { paidDate: "2026-04-20", moveToPaid: true, by: rep, at: AT, timeZone: "UTC" }))).toBeInstanceOf(StageRuleError);
    expect(A.getHeads(doc)).toEqual(heads);
    expect(doc.payment.paidDate).toBeNull();
  });
});
