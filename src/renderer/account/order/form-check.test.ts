import { describe, expect, it } from "vitest";
import { orderInputSchema, paymentInputSchema } from "../../../../shared";
import { checkField } from "./form-check";

const payment = { invoiceReference: "", invoiceDate: "2026-03-10", dueDate: "", paidDate: "" };
const order = { reference: "", date: "", value: "", currency: "", items: "", proposalReference: "", quoteReference: "" };
const orderInUS = orderInputSchema("en-US");

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
    expect(checkField(orderInUS, order, "value", "-5")).toEqual({ ok: false, message: "The value cannot be negative." });
    expect(checkField(orderInUS, order, "value", "abc")).toEqual({ ok: false, message: "“abc” is not a number." });
    expect(checkField(orderInUS, order, "value", "")).toEqual({ ok: true, value: null });
  });
  it("lets a value be typed before its currency when told to be lenient about the currency", () => {
    expect(checkField(orderInUS, order, "value", "48,000", ["currency"])).toEqual({ ok: true, value: "48000" });
    expect(checkField(orderInUS, order, "value", "48000")).toEqual({ ok: false, message: "Give the currency of the value." });
    expect(checkField(orderInUS, { ...order, value: "48000" }, "currency", "")).toEqual({ ok: false, message: "Give the currency of the value." });
    expect(checkField(orderInUS, { ...order, value: "48000" }, "currency", "eur")).toEqual({ ok: true, value: "EUR" });
  });
  it("refuses a currency the stored value has too many decimals for, on the currency", () => {
    const inDollars = { ...order, value: "18,400.5", currency: "USD" };
    expect(checkField(orderInUS, inDollars, "currency", "JPY")).toEqual({ ok: false, message: "Amounts in JPY have no decimals, and 18,400.5 has 1." });
    expect(checkField(orderInUS, { ...inDollars, value: "18,400" }, "currency", "JPY")).toEqual({ ok: true, value: "JPY" });
  });
  it("asks about the value in the person's own locale", () => {
    const inEuros = { ...order, currency: "EUR" };
    expect(checkField(orderInputSchema("de-DE"), inEuros, "value", "18.400,50")).toEqual({ ok: true, value: "18400.50" });
    expect(checkField(orderInputSchema("de-DE"), inEuros, "value", "1,234")).toEqual({
      ok: false,
      message: "Amounts in EUR have at most 2 decimals, and 1,234 has 3. If you meant 1.234, write it that way.",
    });
    expect(checkField(orderInUS, inEuros, "value", "18,40")).toEqual({
      ok: false,
      message: "“18,40” is unclear: here “,” separates thousands and “.” marks decimals, as in 1,234,567.89.",
    });
  });
});
