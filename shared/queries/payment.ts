/**
 * The order and its payment, and where the money stands. A deal is won only when the
 * money is in (PRODUCT.md, "a promise of an order is not an order").
 */
import { isImmutableString } from "@automerge/automerge/slim";
import type { AccountDoc } from "../account/schema";
import { read, readOrNull } from "../account/fixed";
import { decimalFromNumber, isDecimal, storedDecimal, type Decimal } from "../money";

/** The order as the UI shows it. */
export interface OrderView {
  reference: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
  /** A decimal string in its shortest form ("18400.5"); format it with `formatAmount`. */
  value: Decimal | null;
  currency: string | null;
  /** What was ordered. */
  items: string;
  proposalReference: string | null;
  quoteReference: string | null;
}

/** The invoice and payment as the UI shows them. */
export interface PaymentView {
  invoiceReference: string | null;
  invoiceDate: string | null;
  dueDate: string | null;
  paidDate: string | null;
}

/** Where the money can stand, from nothing to paid. */
export const PAYMENT_STATES = ["not-invoiced", "invoiced", "overdue", "paid"] as const;
/** Where the money stands. */
export type PaymentStateName = (typeof PAYMENT_STATES)[number];

/** What `paymentState` returns. */
export interface PaymentState extends PaymentView {
  state: PaymentStateName;
  /** Whole days past the due date, when overdue. */
  daysOverdue: number | null;
  /**
   * Dates that contradict each other. Forms refuse them, but two people editing at once
   * can still produce them; they are shown, never silently fixed.
   */
  problems: string[];
}

/** Messages shared by the payment form and `paymentState`. */
export const PAYMENT_MESSAGES = {
  paidBeforeInvoice: "The payment is dated before the invoice.",
  dueBeforeInvoice: "The due date is before the invoice date.",
} as const;

/** The order as recorded. */
export function orderOf(doc: AccountDoc): OrderView {
  const o = doc.order;
  return {
    reference: readOrNull(o?.reference),
    date: readOrNull(o?.date),
    value: valueOf(o?.value),
    currency: readOrNull(o?.currency),
    items: read(o?.items),
    proposalReference: readOrNull(o?.proposalReference),
    quoteReference: readOrNull(o?.quoteReference),
  };
}

/**
 * The stored order value as a decimal string, or null when there is none or it is no
 * amount. A number is read as it prints: accounts from before amounts were strings hold
 * one (Automerge hands back an integer past 2^53 as a bigint).
 */
function valueOf(stored: unknown): Decimal | null {
  if (typeof stored === "number") return Number.isFinite(stored) && stored >= 0 ? decimalFromNumber(stored) : null;
  if (typeof stored === "bigint") return stored >= 0n ? stored.toString() : null;
  const s = typeof stored === "string" ? stored : isImmutableString(stored) ? stored.toString() : "";
  return isDecimal(s) ? storedDecimal(s) : null;
}

/** The invoice and payment dates as recorded. */
export function paymentOf(doc: AccountDoc): PaymentView {
  const p = doc.payment;
  return {
    invoiceReference: readOrNull(p?.invoiceReference),
    invoiceDate: readOrNull(p?.invoiceDate),
    dueDate: readOrNull(p?.dueDate),
    paidDate: readOrNull(p?.paidDate),
  };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Where the money stands on `today` (YYYY-MM-DD): not invoiced; invoiced; overdue (the
 * due date has passed and nothing is paid); paid (a paid date is recorded).
 */
export function paymentState(doc: AccountDoc, today: string): PaymentState {
  const p = paymentOf(doc);
  const problems: string[] = [];
  if (p.invoiceDate && p.paidDate && p.paidDate < p.invoiceDate) problems.push(PAYMENT_MESSAGES.paidBeforeInvoice);
  if (p.invoiceDate && p.dueDate && p.dueDate < p.invoiceDate) problems.push(PAYMENT_MESSAGES.dueBeforeInvoice);
  let state: PaymentStateName;
  let daysOverdue: number | null = null;
  if (p.paidDate) state = "paid";
  else if (p.dueDate && p.dueDate < today) {
    state = "overdue";
    daysOverdue = daysBetween(p.dueDate, today);
  } else if (p.invoiceReference || p.invoiceDate || p.dueDate) state = "invoiced";
  else state = "not-invoiced";
  return { ...p, state, daysOverdue, problems };
}
