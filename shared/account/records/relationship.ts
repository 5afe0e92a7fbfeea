/** The account after payment: satisfaction checks, referrals and the next sale. */
import { REFERRAL_STATUSES, SATISFACTION_MAX, SATISFACTION_MIN, type Fixed } from "../values";
import { attribution, choice, date, id, nullable, rank, record, text, wholeNumber, type Check } from "../stored";
import type { AttributionDoc } from "./people";

/** A satisfaction check after payment. */
export interface SatisfactionCheckDoc {
  id: Fixed;
  rank: Fixed;
  /** SATISFACTION_MIN..SATISFACTION_MAX, or null when only notes were taken. */
  score: number | null;
  notes: string;
  created: AttributionDoc;
}

export const satisfactionCheckRecord: Check<SatisfactionCheckDoc> = record({
  id,
  rank,
  score: nullable(wholeNumber(SATISFACTION_MIN, SATISFACTION_MAX)),
  notes: text,
  created: attribution,
});

/** A referral asked of the customer, and what came of it. */
export interface ReferralDoc {
  id: Fixed;
  rank: Fixed;
  /** A `ReferralStatus`. */
  status: Fixed;
  /** Who was asked (a contact's name as typed). */
  askedOf: string;
  /** Who the customer referred us to. */
  referredTo: string;
  notes: string;
  created: AttributionDoc;
}

export const referralRecord: Check<ReferralDoc> = record({
  id,
  rank,
  status: choice(REFERRAL_STATUSES),
  askedOf: text,
  referredTo: text,
  notes: text,
  created: attribution,
});

/** The next sale this account may bring. */
export interface OpportunityDoc {
  id: Fixed;
  rank: Fixed;
  description: string;
  /** When it may come (ISO date). */
  expectedDate: Fixed | null;
  created: AttributionDoc;
}

export const opportunityRecord: Check<OpportunityDoc> = record({
  id,
  rank,
  description: text,
  expectedDate: nullable(date),
  created: attribution,
});

export interface RelationshipDoc {
  satisfactionChecks: Record<string, SatisfactionCheckDoc>;
  referrals: Record<string, ReferralDoc>;
  opportunities: Record<string, OpportunityDoc>;
}

export const newRelationship = (): RelationshipDoc => ({ satisfactionChecks: {}, referrals: {}, opportunities: {} });
