/**
 * The order, its payment, and the checks that tell a promise of an order from an order.
 * Each is one record of fields that people fill in one at a time; a damaged field is
 * shown as damaged and read as its default, the others stay.
 */
import { ImmutableString } from "@automerge/automerge/slim";
import { CREDIT_CHECK_RESULTS, type Fixed } from "../values";
import { attribution, choice, date, fixed, isStringLike, leaf, nullable, text, type Check } from "../stored";
import { decimalFromNumber, isStoredDecimal } from "../../money";
import type { AttributionDoc } from "./people";
import type { FieldChecks } from "../stored";

export interface OrderDoc {
  reference: Fixed | null;
  date: Fixed | null;
  /**
   * The amount as a decimal string in its shortest form: digits, optionally "." and
   * fraction digits; no grouping, sign or exponent ("18400.5"; see shared/money.ts).
   */
  value: Fixed | null;
  /** ISO 4217 code, e.g. EUR. */
  currency: Fixed | null;
  /** What was ordered (collaborative text). */
  items: string;
  /** The proposal the order rests on (a document name or number), for the call guide. */
  proposalReference: Fixed | null;
  /** The quote the order rests on. */
  quoteReference: Fixed | null;
}

/** An amount as stored: a decimal string, never a float (money.ts). */
const amount: Check<Fixed> = leaf("amount", (v) => isStringLike(v) && isStoredDecimal(String(v)));

export const orderFields: FieldChecks<OrderDoc> = {
  reference: nullable(fixed),
  date: nullable(date),
  value: nullable(amount),
  currency: nullable(fixed),
  items: text,
  proposalReference: nullable(fixed),
  quoteReference: nullable(fixed),
};

/**
 * Migration 2: an order value typed before amounts were decimal strings was a float;
 * it becomes the decimal string it printed as (exact for what was shown). A value that
 * was never an amount (negative, not a number) is left for the check to show as damaged.
 */
export function orderV2(order: Record<string, unknown>): void {
  const v = order.value;
  if (typeof v === "number" && Number.isFinite(v) && v >= 0) order.value = new ImmutableString(decimalFromNumber(v));
  else if (typeof v === "bigint" && v >= 0n) order.value = new ImmutableString(String(v));
}

export const newOrder = (): OrderDoc => ({
  reference: null,
  date: null,
  value: null,
  currency: null,
  items: "",
  proposalReference: null,
  quoteReference: null,
});

export interface PaymentDoc {
  invoiceReference: Fixed | null;
  invoiceDate: Fixed | null;
  dueDate: Fixed | null;
  paidDate: Fixed | null;
}

export const paymentFields: FieldChecks<PaymentDoc> = {
  invoiceReference: nullable(fixed),
  invoiceDate: nullable(date),
  dueDate: nullable(date),
  paidDate: nullable(date),
};

export const newPayment = (): PaymentDoc => ({ invoiceReference: null, invoiceDate: null, dueDate: null, paidDate: null });

/** The facts that tell a promise of an order from an order. */
export interface ChecksDoc {
  /** A `CreditCheckResult`. */
  creditCheck: Fixed;
  /** Who recorded the credit check result, and when. */
  creditCheckRecorded: AttributionDoc | null;
  /** The delivery date supply has confirmed (ISO date); null while unconfirmed. */
  supplyConfirmedDate: Fixed | null;
  /** Who recorded the supply confirmation, and when. */
  supplyConfirmedRecorded: AttributionDoc | null;
}

export const checksFields: FieldChecks<ChecksDoc> = {
  creditCheck: choice(CREDIT_CHECK_RESULTS),
  creditCheckRecorded: nullable(attribution),
  supplyConfirmedDate: nullable(date),
  supplyConfirmedRecorded: nullable(attribution),
};

export const newChecks = (): ChecksDoc => ({
  creditCheck: new ImmutableString("pending"),
  creditCheckRecorded: null,
  supplyConfirmedDate: null,
  supplyConfirmedRecorded: null,
});
