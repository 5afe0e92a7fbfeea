/** The account as a relationship after payment: satisfaction, referrals, the next opportunity. */
import type { AccountDoc, Person, ReferralStatus } from "../account/schema";
import { read, readOrNull, readPerson } from "../account/fixed";
import { inOrder } from "../account/rank";

/** A satisfaction check as the UI shows it. */
export interface SatisfactionCheckView {
  id: string;
  score: number | null;
  notes: string;
  by: Person | null;
  at: string;
}

/** A referral as the UI shows it. */
export interface ReferralView {
  id: string;
  status: ReferralStatus;
  askedOf: string;
  referredTo: string;
  notes: string;
  by: Person | null;
  at: string;
}

/** An opportunity as the UI shows it. */
export interface OpportunityView {
  id: string;
  description: string;
  expectedDate: string | null;
  by: Person | null;
  at: string;
}

/** What `relationshipOf` returns. */
export interface RelationshipView {
  /** True once the payment is recorded: satisfaction checks and referrals can be recorded. */
  open: boolean;
  satisfactionChecks: SatisfactionCheckView[];
  /** The most recent score, or null. */
  latestScore: number | null;
  referrals: ReferralView[];
  opportunities: OpportunityView[];
}

/** Satisfaction checks, referrals and opportunities in their visible order. */
export function relationshipOf(doc: AccountDoc): RelationshipView {
  const r = doc.relationship;
  const satisfactionChecks = inOrder(r?.satisfactionChecks ?? {}).map((c) => ({
    id: read(c.id),
    score: typeof c.score === "number" ? c.score : null,
    notes: read(c.notes),
    by: readPerson(c.created?.by),
    at: read(c.created?.at),
  }));
  const scored = satisfactionChecks.filter((c) => c.score !== null).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    open: readOrNull(doc.payment?.paidDate) !== null,
    satisfactionChecks,
    latestScore: scored.at(-1)?.score ?? null,
    referrals: inOrder(r?.referrals ?? {}).map((x) => ({
      id: read(x.id),
      status: read(x.status) as ReferralStatus,
      askedOf: read(x.askedOf),
      referredTo: read(x.referredTo),
      notes: read(x.notes),
      by: readPerson(x.created?.by),
      at: read(x.created?.at),
    })),
    opportunities: inOrder(r?.opportunities ?? {}).map((o) => ({
      id: read(o.id),
      description: read(o.description),
      expectedDate: readOrNull(o.expectedDate),
      by: readPerson(o.created?.by),
      at: read(o.created?.at),
    })),
  };
}
