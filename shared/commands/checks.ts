/** The facts that make an order real: the credit check and the delivery date supply confirmed. */
import type { AccountDoc, CreditCheckResult, Person } from "../account/schema";
import { fixed, fixedOrNull, personRef } from "../account/fixed";
import { assertWritable } from "./account";
import { containerOf } from "./ranked";

function checks(doc: AccountDoc) {
  return containerOf(doc, "checks", () => ({
    creditCheck: fixed("pending"),
    creditCheckRecorded: null,
    supplyConfirmedDate: null,
    supplyConfirmedRecorded: null,
  }));
}

/** Arguments of `recordCreditCheck`. */
export interface RecordCreditCheckArgs {
  result: CreditCheckResult;
  by: Person;
  at: string;
}

/** Record the result of the customer's credit check (pending, passed, failed). */
export function recordCreditCheck(doc: AccountDoc, a: RecordCreditCheckArgs): void {
  assertWritable(doc);
  const c = checks(doc);
  c.creditCheck = fixed(a.result);
  c.creditCheckRecorded = { by: personRef(a.by), at: fixed(a.at) };
}

/** Arguments of `confirmSupplyDate`. */
export interface ConfirmSupplyDateArgs {
  /** The delivery date supply confirmed (YYYY-MM-DD), or null to withdraw it. */
  date: string | null;
  by: Person;
  at: string;
}

/** Record the delivery date supply has confirmed, or withdraw it. */
export function confirmSupplyDate(doc: AccountDoc, a: ConfirmSupplyDateArgs): void {
  assertWritable(doc);
  const c = checks(doc);
  c.supplyConfirmedDate = fixedOrNull(a.date);
  c.supplyConfirmedRecorded = a.date ? { by: personRef(a.by), at: fixed(a.at) } : null;
}
