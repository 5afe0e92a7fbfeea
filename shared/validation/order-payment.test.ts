import { describe, expect, it } from "vitest";
import { check } from "./fields";
import { currencySchema, orderInputSchema, orderValueSchema, paymentInputSchema } from "./order-payment";

const errors = (r: ReturnType<typeof check>) => (r.ok ? {} : r.errors);

describe("order value", () => {
  const enUS = orderValueSchema("en-US");
  const deDE = orderValueSchema("de-DE");

  // The locale table itself is in shared/money.test.ts; here, what the form makes of it.
  it.each([
    [enUS, "18,400", "18400"],
    [enUS, "18,400.00", "18400.00"],
    [enUS, "1,234,567", "1234567"],
    [enUS, "12500.50", "12500.50"],
    [enUS, " 12 500 ", "12500"],
    [enUS, "0", "0"],
    [deDE, "18.400,50", "18400.50"],
    [deDE, "1.234.567", "1234567"],
    [deDE, "12500,5", "12500.5"],
    [enUS, 99.9, "99.9"],
    [enUS, 0.1 + 0.2, "0.30000000000000004"],
  ] as const)("%#: %j is %j", (schema, input, value) => {
    expect(check(schema, input)).toEqual({ ok: true, value });
  });

  it("asks about a value that could be read two ways instead of guessing", () => {
    expect(errors(check(enUS, "18,40"))).toEqual({ _: "“18,40” is unclear: here “,” separates thousands and “.” marks decimals, as in 1,234,567.89." });
    expect(errors(check(deDE, "18400.5"))).toEqual({ _: "“18400.5” is unclear: here “.” separates thousands and “,” marks decimals, as in 1.234.567,89." });
  });

  it.each(["abc", "12a", "1e5"])("%j is not a number", (input) => {
    expect(errors(check(enUS, input))).toEqual({ _: `“${input}” is not a number.` });
  });

  it("refuses a negative value, a number that is not finite, something that is not a number at all, and more than 1e12", () => {
    expect(errors(check(enUS, "-5"))).toEqual({ _: "The value cannot be negative." });
    expect(errors(check(enUS, -0.01))).toEqual({ _: "The value cannot be negative." });
    expect(errors(check(enUS, Number.NaN))).toEqual({ _: "The value must be a number." });
    expect(errors(check(enUS, Number.POSITIVE_INFINITY))).toEqual({ _: "The value must be a number." });
    expect(errors(check(enUS, { amount: 5 }))).toEqual({ _: "The value must be a number." });
    expect(errors(check(enUS, 1e13))).toEqual({ _: "The value is too large." });
    expect(errors(check(enUS, "1,000,000,000,000.01"))).toEqual({ _: "The value is too large." });
    expect(check(enUS, "1,000,000,000,000.00")).toEqual({ ok: true, value: "1000000000000.00" });
    expect(check(deDE, "999.999.999.999,99")).toEqual({ ok: true, value: "999999999999.99" });
  });

  it("empty means no value", () => {
    expect(check(enUS, "")).toEqual({ ok: true, value: null });
    expect(check(enUS, null)).toEqual({ ok: true, value: null });
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
  const orderForm = orderInputSchema("en-US");

  it("gives one message per field", () => {
    expect(errors(check(orderForm, { reference: "PO-1", date: "2026-02-30", value: "-3", currency: "EURO" }))).toEqual({
      date: "“2026-02-30” is not a valid date (use YYYY-MM-DD).",
      value: "The value cannot be negative.",
      currency: "“EURO” is not a currency code (three letters, e.g. EUR).",
    });
  });

  it("needs a currency with a value", () => {
    expect(errors(check(orderForm, { value: "100" }))).toEqual({ currency: "Give the currency of the value." });
  });

  it("refuses more decimals than the currency has, on the value", () => {
    expect(errors(check(orderForm, { value: "18.400", currency: "USD" }))).toEqual({
      value: "Amounts in USD have at most 2 decimals, and 18.400 has 3. If you meant 18,400, write it that way.",
    });
    expect(errors(check(orderForm, { value: "18,400.5", currency: "jpy" }))).toEqual({ value: "Amounts in JPY have no decimals, and 18,400.5 has 1." });
    expect(check(orderForm, { value: "18,400.50", currency: "USD" }).ok).toBe(true);
    expect(check(orderForm, { value: "18,400", currency: "JPY" }).ok).toBe(true);
  });

  it("accepts a complete order", () => {
    expect(check(orderInputSchema("de-DE"), { reference: " PO-1 ", date: "2026-03-02", value: "1.200,00", currency: "eur", items: "10 scanners", proposalReference: "", quoteReference: "Q-88" })).toEqual({
      ok: true,
      value: { reference: "PO-1", date: "2026-03-02", value: "1200.00", currency: "EUR", items: "10 scanners", proposalReference: null, quoteReference: "Q-88" },
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
