import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { laptops, lead, newAccount, rep, run, sync } from "../testing/accounts";
import { orderOf, paymentOf, paymentState } from "../queries/payment";

describe("setOrder", () => {
  it("records the order; fixed strings for reference, date, value and currency, text for what was ordered", () => {
    const doc = run(newAccount(), rep, "setOrder", {
      reference: "PO-4711", date: "2026-03-02", value: "12500.50", currency: "EUR", items: "10 scanners, 2 days of training", proposalReference: "Proposal v3", quoteReference: "Q-88",
    });
    expect(orderOf(doc)).toEqual({
      reference: "PO-4711", date: "2026-03-02", value: "12500.5", currency: "EUR", items: "10 scanners, 2 days of training", proposalReference: "Proposal v3", quoteReference: "Q-88",
    });
    for (const v of [doc.order.reference, doc.order.date, doc.order.value, doc.order.currency, doc.order.proposalReference, doc.order.quoteReference]) expect(A.isImmutableString(v)).toBe(true);
    expect(typeof doc.order.items).toBe("string");
  });

  it("changes only the fields given, so two people filling different fields at once both keep theirs", () => {
    const [a, b] = laptops(newAccount());
    const [a2, b2] = sync(run(a, rep, "setOrder", { reference: "PO-1" }), run(b, lead, "setOrder", { value: "900", currency: "USD" }));
    expect(orderOf(a2)).toMatchObject({ reference: "PO-1", value: "900", currency: "USD" });
    expect(orderOf(b2)).toEqual(orderOf(a2));
  });

  it("clears a field with null", () => {
    let doc = run(newAccount(), rep, "setOrder", { reference: "PO-1", value: "5", currency: "EUR" });
    doc = run(doc, rep, "setOrder", { reference: null, value: null });
    expect(orderOf(doc)).toMatchObject({ reference: null, value: null, currency: "EUR" });
  });

  it("keeps one string per amount: what was typed as 18400.00 is stored as 18400", () => {
    const doc = run(newAccount(), rep, "setOrder", { value: "018400.00", currency: "USD" });
    expect(doc.order.value?.toString()).toBe("18400");
  });
});

describe("reading the order value", () => {
  const withValue = (value: unknown) =>
    A.change(newAccount(), (d) => {
      (d.order as unknown as Record<string, unknown>).value = value;
    });

  it("reads a number stored before amounts were strings exactly as it prints", () => {
    expect(orderOf(withValue(18400.5)).value).toBe("18400.5");
    expect(orderOf(withValue(1e15)).value).toBe("1000000000000000");
    expect(orderOf(withValue(0.1 + 0.2)).value).toBe("0.30000000000000004");
    expect(orderOf(withValue(2n ** 60n)).value).toBe("1152921504606846976");
  });

  it("leaves out a value that is no amount", () => {
    for (const bad of [-5, -(2n ** 60n), "abc", "1e5", { amount: 5 }, [1]]) expect(orderOf(withValue(bad)).value, String(bad)).toBeNull();
  });
});

describe("setPayment and paymentState", () => {
  const TODAY = "2026-04-15";

  it("not invoiced → invoiced → overdue → paid", () => {
    let doc = newAccount();
    expect(paymentState(doc, TODAY)).toMatchObject({ state: "not-invoiced", daysOverdue: null, problems: [] });
    doc = run(doc, rep, "setPayment", { invoiceReference: "INV-9", invoiceDate: "2026-03-15", dueDate: "2026-04-14" });
    expect(paymentState(doc, "2026-04-14")).toMatchObject({ state: "invoiced", invoiceReference: "INV-9" });
    expect(paymentState(doc, TODAY)).toMatchObject({ state: "overdue", daysOverdue: 1 });
    expect(paymentState(doc, "2026-05-14")).toMatchObject({ state: "overdue", daysOverdue: 30 });
    doc = run(doc, rep, "setPayment", { paidDate: "2026-04-20" });
    expect(paymentState(doc, "2026-05-14")).toEqual({
      state: "paid", invoiceReference: "INV-9", invoiceDate: "2026-03-15", dueDate: "2026-04-14", paidDate: "2026-04-20", daysOverdue: null, problems: [],
    });
    expect(A.isImmutableString(doc.payment.paidDate)).toBe(true);
  });

  it("an invoice reference alone counts as invoiced", () => {
    expect(paymentState(run(newAccount(), rep, "setPayment", { invoiceReference: "INV-1" }), TODAY).state).toBe("invoiced");
  });

  it("dates out of order made by two people at once are shown as problems, not hidden", () => {
    const [a, b] = laptops(run(newAccount(), rep, "setPayment", { invoiceDate: "2026-03-01" }));
    const a1 = run(a, rep, "setPayment", { invoiceDate: "2026-03-20" });
    const b1 = run(b, lead, "setPayment", { paidDate: "2026-03-10", dueDate: "2026-03-15" });
    const [a2, b2] = sync(a1, b1);
    expect(paymentOf(a2)).toEqual({ invoiceReference: null, invoiceDate: "2026-03-20", dueDate: "2026-03-15", paidDate: "2026-03-10" });
    expect(paymentState(a2, TODAY)).toMatchObject({
      state: "paid",
      problems: ["The payment is dated before the invoice.", "The due date is before the invoice date."],
    });
    expect(paymentState(b2, TODAY)).toEqual(paymentState(a2, TODAY));
  });
});
