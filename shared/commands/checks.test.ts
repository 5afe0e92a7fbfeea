import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, lead, newAccount, rep, run } from "../testing/accounts";
import { checksOf } from "../queries/stage-checklist";

describe("order checks", () => {
  it("a new account's credit check is pending and supply has confirmed nothing", () => {
    expect(checksOf(newAccount())).toEqual({
      creditCheck: "pending", creditCheckBy: null, creditCheckAt: null, supplyConfirmedDate: null, supplyConfirmedBy: null, supplyConfirmedAt: null,
    });
  });

  it("records the credit check result and the supply-confirmed date, with who and when", () => {
    let doc = run(newAccount(), rep, "recordCreditCheck", { result: "passed", by: rep, at: AT });
    doc = run(doc, lead, "confirmSupplyDate", { date: "2026-04-10", by: lead, at: "2026-03-03T10:00:00.000Z" });
    expect(checksOf(doc)).toEqual({
      creditCheck: "passed", creditCheckBy: { id: "p-rep", name: "Riley Rep" }, creditCheckAt: AT,
      supplyConfirmedDate: "2026-04-10", supplyConfirmedBy: { id: "p-lead", name: "Dana Lead" }, supplyConfirmedAt: "2026-03-03T10:00:00.000Z",
    });
    expect(A.isImmutableString(doc.checks.creditCheck)).toBe(true);
    expect(A.isImmutableString(doc.checks.supplyConfirmedDate)).toBe(true);
    doc = run(doc, lead, "confirmSupplyDate", { date: null, by: lead, at: AT });
    expect(checksOf(doc)).toMatchObject({ supplyConfirmedDate: null, supplyConfirmedBy: null });
  });

  it("works on an account written before checks existed (the container is created)", () => {
    let doc = A.change(newAccount(), (d) => void delete (d as unknown as Record<string, unknown>).checks);
    expect(checksOf(doc).creditCheck).toBe("pending");
    doc = run(doc, rep, "recordCreditCheck", { result: "failed", by: rep, at: AT });
    expect(checksOf(doc).creditCheck).toBe("failed");
  });
});
