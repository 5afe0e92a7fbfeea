/**
 * Field rules for the order and the payment: a value read with the person's locale (see
 * `shared/money.ts`), not negative, with no more decimals than its currency has; a
 * currency code; dates that are real and in order (no payment before the invoice, no due
 * date before the invoice).
 */
import { z } from "zod";
import { optionalDateSchema } from "./fields";
import { optionalReference, optionalText } from "./text";
import { PAYMENT_MESSAGES } from "../queries/payment";
import { AMOUNT_MESSAGES, compareDecimals, currencyProblem, decimalFromNumber, parseAmount } from "../money";

/** Largest order value accepted: 1e12, as a decimal string (amounts are compared as strings). */
export const ORDER_VALUE_MAX = "1000000000000";
/** Longest order, proposal, quote or invoice reference, in characters. */
export const REFERENCE_MAX = 120;
/** Longest description of what was ordered, in characters. */
export const ORDER_ITEMS_MAX = 4000;

const valueSchemas = new Map<string, ReturnType<typeof buildValueSchema>>();

function buildValueSchema(locale: string) {
  return z
    .union([z.number(), z.string(), z.null()], { error: "The value must be a number." })
    .transform((v, ctx): string | null => {
      if (v === null) return null;
      let decimal: string | null;
      if (typeof v === "number") {
        if (v < 0) {
          ctx.addIssue({ code: "custom", message: AMOUNT_MESSAGES.negative });
          return z.NEVER;
        }
        decimal = decimalFromNumber(v);
      } else {
        const read = parseAmount(v, locale);
        if (!read.ok) {
          ctx.addIssue({ code: "custom", message: read.message });
          return z.NEVER;
        }
        decimal = read.decimal;
      }
      if (decimal !== null && compareDecimals(decimal, ORDER_VALUE_MAX) > 0) {
        ctx.addIssue({ code: "custom", message: "The value is too large." });
        return z.NEVER;
      }
      return decimal;
    });
}

/**
 * An amount typed by a person whose locale is `locale` (e.g. "de-DE"), or sent as a
 * number; empty means none. The output is the amount as typed without grouping
 * ("18.400,50" in de-DE → "18400.50"); `setOrder` stores its shortest form.
 */
export function orderValueSchema(locale: string) {
  let schema = valueSchemas.get(locale);
  if (!schema) {
    schema = buildValueSchema(locale);
    valueSchemas.set(locale, schema);
  }
  return schema;
}

/** A three-letter ISO 4217 code (any case typed, stored upper case); empty means none. */
export const currencySchema = z
  .string({ error: "The currency must be text." })
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => s === "" || /^[A-Z]{3}$/.test(s), {
    error: (issue) => `“${String(issue.input).trim()}” is not a currency code (three letters, e.g. EUR).`,
  })
  .transform((s) => (s === "" ? null : s));

const orderSchemas = new Map<string, ReturnType<typeof buildOrderSchema>>();

function buildOrderSchema(locale: string) {
  return z
    .object({
      reference: optionalReference("The order reference", REFERENCE_MAX).prefault(""),
      date: optionalDateSchema.prefault(""),
      value: orderValueSchema(locale).prefault(""),
      currency: currencySchema.prefault(""),
      items: optionalText("What was ordered", ORDER_ITEMS_MAX).prefault(""),
      proposalReference: optionalReference("The proposal reference", REFERENCE_MAX).prefault(""),
      quoteReference: optionalReference("The quote reference", REFERENCE_MAX).prefault(""),
    })
    .superRefine((o, ctx) => {
      if (o.value !== null && o.currency === null) ctx.addIssue({ code: "custom", message: "Give the currency of the value.", path: ["currency"] });
      const problem = o.value !== null && o.currency !== null ? currencyProblem(o.value, o.currency, locale) : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["value"] });
    });
}

/** The order form, for a person whose locale is `locale` (how they write amounts). */
export function orderInputSchema(locale: string) {
  let schema = orderSchemas.get(locale);
  if (!schema) {
    schema = buildOrderSchema(locale);
    orderSchemas.set(locale, schema);
  }
  return schema;
}
/** A checked order form. */
export type OrderInput = z.output<ReturnType<typeof orderInputSchema>>;

/** The payment form; give the whole form (stored values merged with the edit) so dates are checked together. */
export const paymentInputSchema = z
  .object({
    invoiceReference: optionalReference("The invoice reference", REFERENCE_MAX).prefault(""),
    invoiceDate: optionalDateSchema.prefault(""),
    dueDate: optionalDateSchema.prefault(""),
    paidDate: optionalDateSchema.prefault(""),
  })
  .superRefine((p, ctx) => {
    if (p.invoiceDate && p.paidDate && p.paidDate < p.invoiceDate) {
      ctx.addIssue({ code: "custom", message: PAYMENT_MESSAGES.paidBeforeInvoice, path: ["paidDate"] });
    }
    if (p.invoiceDate && p.dueDate && p.dueDate < p.invoiceDate) {
      ctx.addIssue({ code: "custom", message: PAYMENT_MESSAGES.dueBeforeInvoice, path: ["dueDate"] });
    }
  });
/** A checked payment form. */
export type PaymentInput = z.output<typeof paymentInputSchema>;
