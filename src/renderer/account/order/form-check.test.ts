import { describe, expect, it } from "vitest";
import { orderInputSchema, paymentInputSchema } from "../../../../shared";
import { checkField } from "./form-check";

const payment = { invoiceReference: "", invoiceDate: "2026-03-10", dueDate: "", paidDate: "" };
const order = { reference: "", date: "", value: "", currency: "", items: "", proposalReference: "", quoteReference: "" };

describe("checking one field against the whole form", () => {
  it("refuses a payment dated before the invoice, on the field being edited", () => {
    expect(checkField(paymentInputSchema, payment, "paidDate", "2026-03-01")).toEqual({ ok: false, message: "The payment is dated before the invoice." });
    expect(checkField(paymentInputSchema, payment, "paidDate", "2026-03-12")).toEqual({ ok: true, value: "2026-03-12" });
  });
  it("refuses moving the invoice after the payment, on the invoice date", () => {
    const paid = { ...payment, paidDate: "2026-03-12" };
    expect(checkField(paymentInputSchema, paid, "invoiceDate", "2026-03-20")).toEqual({ ok: false, message: "The payment is dated before the invoice." });
  });
  it("does not block an unrelated field on a problem that was already there", () => {
    const crossed = { ...payment, paidDate: "2026-03-01" };
    expect(checkField(paymentInputSchema, crossed, "invoiceReference", "INV-1")).toEqual({ ok: true, value: "INV-1" });
  });
  it("reads values and refuses bad ones with the field's own message", () => {
    expect(checkField(orderInputSchema, order, "value", "-5")).toEqual({ ok: false, message: "The value cannot be negative." });
    expect(checkField(orderInputSchema, order, "value", "abc")).toEqual({ ok: false, message: "“abc” is not a number." });
    expect(checkField(orderInputSchema, order, "value", "")).toEqual({ ok: true, value: null });
  });
  it("lets a value be typed before its currency when told to be lenient about the currency", () => {
    expect(checkField(orderInputSchema, order, "value", "48000", ["currency"])).toEqual({ ok: true, value: 48000 });
    expect(checkField(orderInputSchema, order, "value", "48000")).toEqual({ ok: false, message: "Give the currency of the value." });
    expect(checkField(orderInputSchema, { ...order, value: "48000" }, "currency", "")).toEqual({ ok: false, message: "Give the currency of the value." });
    expect(checkField(orderInputSchema, { ...order, value: "48000" }, "currency", "eur")).toEqual({ ok: true, value: "EUR" });
  });
});
