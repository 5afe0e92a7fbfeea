/**
 * After payment the account becomes a relationship: satisfaction checks, referrals
 * asked and given, the next opportunity. Satisfaction checks and referrals need the
 * payment recorded first (asking for a referral before the money is in is premature);
 * the next opportunity can be noted at any time — the most important call is also the
 * first call of the next sale.
 */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, Person, ReferralStatus, RelationshipDoc } from "../account/schema";
import { fixed, fixedOrNull, personRef, readOrNull } from "../account/fixed";
import { rankAtEnd } from "../account/rank";
import { assertWritable } from "./account";
import { containerOf, itemOf } from "./ranked";
import { StageRuleError } from "./stages";

function relationship(doc: AccountDoc): RelationshipDoc {
  const r = containerOf(doc, "relationship", () => ({ satisfactionChecks: {}, referrals: {}, opportunities: {} }));
  containerOf(r, "satisfactionChecks", () => ({}));
  containerOf(r, "referrals", () => ({}));
  containerOf(r, "opportunities", () => ({}));
  return r;
}

function assertPaid(doc: AccountDoc, what: string): void {
  if (readOrNull(doc.payment?.paidDate) === null) {
    throw new StageRuleError("not-paid", `${what} come after payment: record the payment first.`);
  }
}

/** Arguments of `recordSatisfaction`. */
export interface RecordSatisfactionArgs {
  id: string;
  /** SATISFACTION_MIN..SATISFACTION_MAX, or null for notes only. */
  score: number | null;
  notes?: string;
  by: Person;
  at: string;
}

/** Record a satisfaction check. Throws `StageRuleError` before payment. */
export function recordSatisfaction(doc: AccountDoc, a: RecordSatisfactionArgs): void {
  assertWritable(doc);
  assertPaid(doc, "Satisfaction checks");
  const checks = relationship(doc).satisfactionChecks;
  checks[a.id] = {
    id: fixed(a.id),
    rank: fixed(rankAtEnd(checks)),
    score: a.score,
    notes: a.notes ?? "",
    created: { by: personRef(a.by), at: fixed(a.at) },
  };
}

/** Change a satisfaction check's score or notes. */
export function editSatisfaction(doc: AccountDoc, a: { id: string; score?: number | null; notes?: string }): void {
  assertWritable(doc);
  const c = itemOf(doc.relationship?.satisfactionChecks, "satisfaction check", a.id);
  if (a.score !== undefined) c.score = a.score;
  if (a.notes !== undefined) updateText(doc, ["relationship", "satisfactionChecks", a.id, "notes"], a.notes);
}

/** Remove a satisfaction check recorded by mistake. */
export function removeSatisfaction(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  itemOf(doc.relationship?.satisfactionChecks, "satisfaction check", id);
  delete doc.relationship.satisfactionChecks[id];
}

/** Arguments of `askReferral`. */
export interface AskReferralArgs {
  id: string;
  /** Who was asked. */
  askedOf: string;
  notes?: string;
  by: Person;
  at: string;
}

/** Record that a referral was asked of someone. Throws `StageRuleError` before payment. */
export function askReferral(doc: AccountDoc, a: AskReferralArgs): void {
  assertWritable(doc);
  assertPaid(doc, "Referrals");
  const referrals = relationship(doc).referrals;
  referrals[a.id] = {
    id: fixed(a.id),
    rank: fixed(rankAtEnd(referrals)),
    status: fixed("asked"),
    askedOf: a.askedOf,
    referredTo: "",
    notes: a.notes ?? "",
    created: { by: personRef(a.by), at: fixed(a.at) },
  };
}

/** Arguments of `editReferral`: only the fields given change. */
export interface EditReferralArgs {
  id: string;
  status?: ReferralStatus;
  askedOf?: string;
  /** Who the customer referred us to (set it with status "given"). */
  referredTo?: string;
  notes?: string;
}

/** Record what came of a referral request, or correct it. */
export function editReferral(doc: AccountDoc, a: EditReferralArgs): void {
  assertWritable(doc);
  const r = itemOf(doc.relationship?.referrals, "referral", a.id);
  const path = ["relationship", "referrals", a.id];
  if (a.status !== undefined) r.status = fixed(a.status);
  if (a.askedOf !== undefined) updateText(doc, [...path, "askedOf"], a.askedOf);
  if (a.referredTo !== undefined) updateText(doc, [...path, "referredTo"], a.referredTo);
  if (a.notes !== undefined) updateText(doc, [...path, "notes"], a.notes);
}

/** Remove a referral recorded by mistake. */
export function removeReferral(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  itemOf(doc.relationship?.referrals, "referral", id);
  delete doc.relationship.referrals[id];
}

/** Arguments of `addOpportunity`. */
export interface AddOpportunityArgs {
  id: string;
  description: string;
  /** When it may come (YYYY-MM-DD). */
  expectedDate?: string | null;
  by: Person;
  at: string;
}

/** Note the next opportunity this account may bring. */
export function addOpportunity(doc: AccountDoc, a: AddOpportunityArgs): void {
  assertWritable(doc);
  const opportunities = relationship(doc).opportunities;
  opportunities[a.id] = {
    id: fixed(a.id),
    rank: fixed(rankAtEnd(opportunities)),
    description: a.description,
    expectedDate: fixedOrNull(a.expectedDate),
    created: { by: personRef(a.by), at: fixed(a.at) },
  };
}

/** Change an opportunity's description or expected date. */
export function editOpportunity(doc: AccountDoc, a: { id: string; description?: string; expectedDate?: string | null }): void {
  assertWritable(doc);
  const o = itemOf(doc.relationship?.opportunities, "opportunity", a.id);
  if (a.description !== undefined) updateText(doc, ["relationship", "opportunities", a.id, "description"], a.description);
  if (a.expectedDate !== undefined) o.expectedDate = fixedOrNull(a.expectedDate);
}

/** Remove an opportunity. */
export function removeOpportunity(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  itemOf(doc.relationship?.opportunities, "opportunity", id);
  delete doc.relationship.opportunities[id];
}
