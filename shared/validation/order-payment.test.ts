import { describe, expect, it } from "vitest";
import { check } from "./fields";
import { currencySchema, orderInputSchema, orderValueSchema, paymentInputSchema } from "./order-payment";

const errors = (r: ReturnType<typeof check>) => (r.ok ? {} : r.errors);

describe("order value", () => {
  it.each([
    ["12500", 12500],
    ["12500.50", 12500.5],
    ["12500,50", 12500.5],
    [" 12 500 ", 12500],
    ["0", 0],
    [99.9, 99.9],
  ] as const)("%j is %d", (input, value) => {
    expect(check(orderValueSchema, input)).toEqual({ ok: true, value });
  });

  it.each(["abc", "12a", "1.2.3", "€100", "1e5"])("%j is not a number", (input) => {
    expect(errors(check(orderValueSchema, input))).toEqual({ _: `“${input}” is not a number.` });
  });

  it("refuses a negative value, a number that is not finite, and something that is not a number at all", () => {
    expect(errors(check(orderValueSchema, "-5"))).toEqual({ _: "The value cannot be negative." });
    expect(errors(check(orderValueSchema, -0.01))).toEqual({ _: "The value cannot be negative." });
    expect(errors(check(orderValueSchema, Number.NaN))).toEqual({ _: "The value must be a number." });
    expect(errors(check(orderValueSchema, Number.POSITIVE_INFINITY))).toEqual({ _: "The value must be a number." });
    expect(errors(check(orderValueSchema, { amount: 5 }))).toEqual({ _: "The value must be a number." });
    expect(errors(check(orderValueSchema, 1e13))).toEqual({ _: "The value is too large." });
  });

  it("empty means no value", () => {
    expect(check(orderValueSchema, "")).toEqual({ ok: true, value: null });
    expect(check(orderValueSchema, null)).toEqual({ ok: true, value: null });
  });
});

describe("currency", () => {
  it("takes three letters in any case and stores them upper case", () => {
    expect(check(currencySchema, " eur ")).toEqual({ ok: true, value: "EUR" });
    expect(check(currencySchema, "")).toEqual({ ok: true, value: null });
  });

  it.each(["EURO", "€", "E1R", "US"])("%j is not a currency code", (input) => {
    expect(errors(check(currencySchema, input))).toEqual({ _: `“${input}” is not a currency code (three letters, e.g. EUR).` });
  });
});

describe("the order form", () => {
  it("gives one message per field", () => {
    expect(errors(check(orderInputSchema, { reference: "PO-1", date: "2026-02-30", value: "-3", currency: "EURO" }))).toEqual({
      date: "“2026-02-30” is not a valid date (use YYYY-MM-DD).",
      value: "The value cannot be negative.",
      currency: "“EURO” is not a currency code (three letters, e.g. EUR).",
    });
  });

  it("needs a currency with a value", () => {
    expect(errors(check(orderInputSchema, { value: "100" }))).toEqual({ currency: "Give the currency of the value." });
  });

  it("accepts a complete order", () => {
    expect(check(orderInputSchema, { reference: " PO-1 ", date: "2026-03-02", value: "1.200,00".replace(".", ""), currency: "eur", items: "10 scanners", proposalReference: "", quoteReference: "Q-88" })).toEqual({
      ok: true,
      value: { reference: "PO-1", date: "2026-03-02", value: 1200, currency: "EUR", items: "10 scanners", proposalReference: null, quoteReference: "Q-88" },
    });
  });
});

describe("the payment form", () => {
  it("refuses a payment before the invoice and a due date before the invoice", () => {
    expect(errors(check(paymentInputSchema, { invoiceDate: "2026-03-10", dueDate: "2026-03-01", paidDate: "2026-03-05" }))).toEqual({
      paidDate: "The payment is dated before the invoice.",
      dueDate: "The due date is before the invoice date.",
    });
  });

  it("accepts dates in order, the same day, or a payment without invoice date", () => {
    expect(check(paymentInputSchema, { invoiceReference: "INV-1", invoiceDate: "2026-03-10", dueDate: "2026-04-09", paidDate: "2026-03-10" }).ok).toBe(true);
    expect(check(paymentInputSchema, { paidDate: "2026-03-10" })).toEqual({
      ok: true,
      value: { invoiceReference: null, invoiceDate: null, dueDate: null, paidDate: "2026-03-10" },
    });
  });

  it("refuses an impossible date", () => {
    expect(errors(check(paymentInputSchema, { invoiceDate: "2026-13-01" }))).toEqual({ invoiceDate: "“2026-13-01” is not a valid date (use YYYY-MM-DD)." });
  });
});
