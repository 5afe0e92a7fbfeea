/**
 * Field rules for the order and the payment: a value that is a number and not negative,
 * a currency code, dates that are real and in order (no payment before the invoice, no
 * due date before the invoice).
 */
import { z } from "zod";
import { optionalDateSchema } from "./fields";
import { optionalReference, optionalText } from "./text";
import { PAYMENT_MESSAGES } from "../queries/payment";

/** Largest order value accepted. */
export const ORDER_VALUE_MAX = 1e12;
/** Longest order, proposal, quote or invoice reference, in characters. */
export const REFERENCE_MAX = 120;
/** Longest description of what was ordered, in characters. */
export const ORDER_ITEMS_MAX = 4000;

function parseAmount(input: string): number | null {
  const s = input.replace(/[\s'_]/g, "");
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return null;
  return Number(s.replace(",", "."));
}

/** An amount typed into a form (text) or sent as a number; empty means none. */
export const orderValueSchema = z
  .union([z.number(), z.string(), z.null()], { error: "The value must be a number." })
  .transform((v, ctx) => {
    if (v === null || (typeof v === "string" && v.trim() === "")) return null;
    const n = typeof v === "number" ? v : parseAmount(v);
    if (n === null || !Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: `“${String(v).trim()}” is not a number.` });
      return z.NEVER;
    }
    if (n < 0) {
      ctx.addIssue({ code: "custom", message: "The value cannot be negative." });
      return z.NEVER;
    }
    if (n > ORDER_VALUE_MAX) {
      ctx.addIssue({ code: "custom", message: "The value is too large." });
      return z.NEVER;
    }
    return n;
  });

/** A three-letter ISO 4217 code (any case typed, stored upper case); empty means none. */
export const currencySchema = z
  .string({ error: "The currency must be text." })
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => s === "" || /^[A-Z]{3}$/.test(s), {
    error: (issue) => `“${String(issue.input).trim()}” is not a currency code (three letters, e.g. EUR).`,
  })
  .transform((s) => (s === "" ? null : s));

/** The order form. */
export const orderInputSchema = z
  .object({
    reference: optionalReference("The order reference", REFERENCE_MAX).prefault(""),
    date: optionalDateSchema.prefault(""),
    value: orderValueSchema.prefault(""),
    currency: currencySchema.prefault(""),
    items: optionalText("What was ordered", ORDER_ITEMS_MAX).prefault(""),
    proposalReference: optionalReference("The proposal reference", REFERENCE_MAX).prefault(""),
    quoteReference: optionalReference("The quote reference", REFERENCE_MAX).prefault(""),
  })
  .refine((o) => o.value === null || o.currency !== null, { error: "Give the currency of the value.", path: ["currency"] });
/** A checked order form. */
export type OrderInput = z.output<typeof orderInputSchema>;

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
