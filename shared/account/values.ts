/**
 * The values an account's fixed fields take (stages, statuses, kinds) and the schema
 * version this build writes: what every record's declaration (records/) checks against.
 */
import type { ImmutableString } from "@automerge/automerge/slim";

/** The schema version this build of Baton writes. */
export const SCHEMA_VERSION = 4;

/**
 * The highest schema version an account can claim. Versions grow by one per shape change,
 * so no Baton writes one anywhere near this: a higher one is a peer's nonsense, shown as
 * damage and restored, never taken for a newer Baton's account (which opens read-only and
 * could then not be repaired by anyone).
 */
export const SCHEMA_VERSION_MAX = 1_000;

/** A fixed string: ids, enum values, ISO dates, emails. */
export type Fixed = ImmutableString;

export const ROLES = ["rep", "delivery-lead"] as const;
/** What a person does on an account. */
export type Role = (typeof ROLES)[number];

export const STAGES = [
  "follow-up",
  "promised",
  "ordered",
  "handed-off",
  "delivering",
  "delivered",
  "paid",
  "relationship",
  "lost",
  "cancelled",
] as const;
/** Where an account is between the first promise and a lasting relationship. */
export type Stage = (typeof STAGES)[number];

export const COMMITMENT_STATUSES = ["proposed", "agreed", "at-risk", "delivered", "dropped"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const MILESTONE_STATUSES = ["planned", "in-progress", "done", "blocked"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const CONTACT_ROLES = ["decision-maker", "functional-owner", "finance", "other-decision-maker"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const RISK_KINDS = ["competitor", "supply-date", "credit", "scope", "remorse", "other"] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export const RISK_SEVERITIES = ["low", "medium", "high"] as const;
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];

export const RISK_STATUSES = ["open", "mitigated", "closed"] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export const REQUIREMENT_SOURCES = ["call-note", "email", "quote", "proposal"] as const;
export type RequirementSource = (typeof REQUIREMENT_SOURCES)[number];

export const CONFIRMATION_OCCASIONS = ["most-important-call", "handoff-meeting"] as const;
export type ConfirmationOccasion = (typeof CONFIRMATION_OCCASIONS)[number];

export const ACTIVITY_KINDS = ["call", "meeting", "note"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const CREDIT_CHECK_RESULTS = ["pending", "passed", "failed"] as const;
/** Where the customer's credit check stands. */
export type CreditCheckResult = (typeof CREDIT_CHECK_RESULTS)[number];

export const FOLLOW_UP_PURPOSES = ["call", "most-important-call", "handoff-meeting", "follow-up"] as const;
/** Why a call or meeting was scheduled. */
export type FollowUpPurpose = (typeof FOLLOW_UP_PURPOSES)[number];

export const CALL_OUTCOMES = ["reached", "voicemail", "no-answer"] as const;
/** How a scheduled call went. */
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const NEXT_STEP_KINDS = ["resend-material", "walk-through", "joint-call", "cost-of-inaction", "other"] as const;
/**
 * What advances the sale after a follow-up call where the customer was reached: resend
 * the material, walk through it again, a joint call with the other decision maker, state
 * the cost of doing nothing (PRODUCT.md, "Why it exists" 4).
 */
export type NextStepKind = (typeof NEXT_STEP_KINDS)[number];

export const CONCERN_KINDS = ["concern", "remorse-signal"] as const;
/** Something the customer raised on a call: a concern, or a sign of buyer's remorse. */
export type ConcernKind = (typeof CONCERN_KINDS)[number];

export const REFERRAL_STATUSES = ["asked", "given", "declined"] as const;
/** Where a request for a referral stands. */
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Satisfaction scores run from 1 (very unhappy) to 5 (very happy). */
export const SATISFACTION_MIN = 1;
export const SATISFACTION_MAX = 5;
