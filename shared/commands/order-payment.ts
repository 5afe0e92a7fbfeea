/**
 * The order (reference, date, value, currency, what was ordered) and its payment
 * (invoice, due and paid dates). Fields not given are left as they are, so two people
 * filling different fields at once both keep their edit. Validate with
 * `orderInputSchema` / `paymentInputSchema` first: the domain assumes valid values.
 */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, Person } from "../account/schema";
import { fixed, fixedOrNull, read } from "../account/fixed";
import { moveStage, type OpenRisksChoice } from "./stages";
import { storedDecimal } from "../money";
import { assertWritable } from "./account";
import { containerOf } from "./ranked";

/** Arguments of `setOrder`: only the fields given change; null clears one. */
export interface SetOrderArgs {
  reference?: string | null;
  /** YYYY-MM-DD. */
  date?: string | null;
  /** A decimal string ("18400.50"); stored in its shortest form ("18400.5"). */
  value?: string | null;
  /** ISO 4217 code, e.g. EUR. */
  currency?: string | null;
  /** What was ordered (merges with concurrent typing). */
  items?: string;
  proposalReference?: string | null;
  quoteReference?: string | null;
}

/** Record (some of) the order's details. */
export function setOrder(doc: AccountDoc, a: SetOrderArgs): void {
  assertWritable(doc);
  const o = containerOf(doc, "order", () => ({
    reference: null, date: null, value: null, currency: null, items: "", proposalReference: null, quoteReference: null,
  }));
  if (a.reference !== undefined) o.reference = fixedOrNull(a.reference);
  if (a.date !== undefined) o.date = fixedOrNull(a.date);
  if (a.value !== undefined) o.value = a.value === null ? null : fixed(storedDecimal(a.value));
  if (a.currency !== undefined) o.currency = fixedOrNull(a.currency);
  if (a.items !== undefined) {
    if (typeof o.items === "string") updateText(doc, ["order", "items"], a.items);
    else o.items = a.items;
  }
  if (a.proposalReference !== undefined) o.proposalReference = fixedOrNull(a.proposalReference);
  if (a.quoteReference !== undefined) o.quoteReference = fixedOrNull(a.quoteReference);
}

/** Arguments of `setPayment`: only the fields given change; null clears one. */
export interface SetPaymentArgs {
  invoiceReference?: string | null;
  /** YYYY-MM-DD for each date; null clears it. */
  invoiceDate?: string | null;
  dueDate?: string | null;
  paidDate?: string | null;
}

/** Record (some of) the invoice and payment. */
export function setPayment(doc: AccountDoc, a: SetPaymentArgs): void {
  assertWritable(doc);
  const p = containerOf(doc, "payment", () => ({ invoiceReference: null, invoiceDate: null, dueDate: null, paidDate: null }));
  if (a.invoiceReference !== undefined) p.invoiceReference = fixedOrNull(a.invoiceReference);
  if (a.invoiceDate !== undefined) p.invoiceDate = fixedOrNull(a.invoiceDate);
  if (a.dueDate !== undefined) p.dueDate = fixedOrNull(a.dueDate);
  if (a.paidDate !== undefined) p.paidDate = fixedOrNull(a.paidDate);
}

/** Arguments of `recordPaid`. */
export interface RecordPaidArgs {
  /** YYYY-MM-DD. */
  paidDate: string;
  /** Move the account to Paid in the same change. */
  moveToPaid: boolean;
  /** Why, when the move leaves checklist items open. */
  reason?: string;
  /** What to do with the open risks once the deal is won. */
  openRisks?: OpenRisksChoice;
  by: Person;
  at: string;
  timeZone: string;
}

/**
 * The payment arrived: record the date and, in the same change, move the account to Paid
 * (won when paid). Refused whole, nothing written, when the move is (stages.ts).
 */
export function recordPaid(doc: AccountDoc, a: RecordPaidArgs): void {
  setPayment(doc, { paidDate: a.paidDate });
  if (a.moveToPaid && read(doc.stage) !== "paid") moveStage(doc, { to: "paid", reason: a.reason, openRisks: a.openRisks, by: a.by, at: a.at, timeZone: a.timeZone });
}
