/**
 * The account document, schema v1: one Automerge document per customer account,
 * shared by the rep and the delivery lead.
 *
 * Storage conventions (DESIGN.md "Automerge notes"):
 * - ids, enums, dates and emails are `ImmutableString` (no per-character history);
 * - fields people type into together (names, commitment text, notes) are collaborative text;
 * - list-like collections are maps keyed by a stable id with a fractional `rank`, so a
 *   concurrent move never duplicates an item and a concurrent edit is never lost to a move.
 */
import type { ImmutableString } from "@automerge/automerge/slim";

/** The schema version this build of Baton writes. */
export const SCHEMA_VERSION = 1;

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

/** A person as recorded on an account (a local profile from some install). */
export interface PersonRefDoc {
  id: Fixed;
  name: Fixed;
}

/** Who did something, and when (ISO timestamp). */
export interface AttributionDoc {
  by: PersonRefDoc;
  at: Fixed;
}

export interface StageMoveDoc {
  id: Fixed;
  from: Fixed;
  to: Fixed;
  /** Why, when the move skipped open items or ended the account (lost / cancelled). */
  reason: string;
  /** Checklist items that were still open when the move was made (ids, see `stageChecklist`). */
  skipped: Fixed[];
  by: PersonRefDoc;
  at: Fixed;
}

export interface ContactDoc {
  id: Fixed;
  rank: Fixed;
  name: string;
  role: Fixed;
  email: Fixed | null;
  phone: Fixed | null;
  notes: string;
}

export interface RequirementDoc {
  id: Fixed;
  rank: Fixed;
  text: string;
  source: Fixed;
  /** Which call note, email, quote or proposal it came from. */
  sourceReference: string;
  created: AttributionDoc;
}

export interface CustomerConfirmationDoc {
  occasion: Fixed;
  at: Fixed;
  by: PersonRefDoc;
}

export interface CommitmentDoc {
  id: Fixed;
  rank: Fixed;
  /** What we promised (collaborative text). */
  text: string;
  requirementId: Fixed | null;
  /** Who promised it (a person's name as typed). */
  promisedBy: Fixed;
  /** By when (ISO date). */
  dueDate: Fixed | null;
  status: Fixed;
  confirmed: CustomerConfirmationDoc | null;
  created: AttributionDoc;
}

export interface MilestoneDoc {
  id: Fixed;
  rank: Fixed;
  title: string;
  owner: Fixed;
  startDate: Fixed | null;
  endDate: Fixed | null;
  status: Fixed;
  /** Ids of milestones that must finish first. */
  dependsOn: Fixed[];
  /** Ids of the commitments this milestone fulfils. */
  commitmentIds: Fixed[];
  created: AttributionDoc;
}

export interface RiskDoc {
  id: Fixed;
  rank: Fixed;
  kind: Fixed;
  description: string;
  severity: Fixed;
  mitigation: string;
  status: Fixed;
  owner: Fixed;
  created: AttributionDoc;
}

export interface FollowUpDoc {
  id: Fixed;
  /** "call", "most-important-call", "handoff-meeting", "follow-up". */
  purpose: Fixed;
  /** The agreed time, an ISO instant. */
  agreedTime: Fixed;
  /** The IANA time zone it was agreed in. */
  timeZone: Fixed;
  /** Why we call back: the real objection (a follow-up), or what the call is for. */
  reason: string;
  /** Notes for the call: what was discussed (goals, options presented) and what is to happen before it. */
  callGuide: string;
  outcome: Fixed | null;
  nextStep: string;
  /** A `NextStepKind`, once a reached call has one (absent on calls from before follow-up records). */
  nextStepKind?: Fixed | null;
  /** The call this one follows on from (a retry after a voicemail, or the next agreed call). */
  previousId?: Fixed | null;
  created: AttributionDoc;
}

export interface ActivityDoc {
  id: Fixed;
  kind: Fixed;
  summary: string;
  at: Fixed;
  by: PersonRefDoc;
  /** The scheduled call or meeting this logs, if any. */
  followUpId?: Fixed | null;
  /** How that call went (a `CallOutcome`), if it logs one. */
  outcome?: Fixed | null;
}

export interface OrderDoc {
  reference: Fixed | null;
  date: Fixed | null;
  /** The amount as a decimal string in its shortest form: digits, optionally "." and fraction digits; no grouping, sign or exponent ("18400.5"; see shared/money.ts). */
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

export interface PaymentDoc {
  invoiceReference: Fixed | null;
  invoiceDate: Fixed | null;
  dueDate: Fixed | null;
  paidDate: Fixed | null;
}

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

/** A concern or remorse signal the customer raised (on the most important call or later). */
export interface ConcernDoc {
  id: Fixed;
  rank: Fixed;
  /** A `ConcernKind`. */
  kind: Fixed;
  text: string;
  /** The call it came up on, if any. */
  followUpId: Fixed | null;
  /** Set when the concern has been dealt with. */
  resolved: AttributionDoc | null;
  created: AttributionDoc;
}

/** A satisfaction check after payment. */
export interface SatisfactionCheckDoc {
  id: Fixed;
  rank: Fixed;
  /** SATISFACTION_MIN..SATISFACTION_MAX, or null when only notes were taken. */
  score: number | null;
  notes: string;
  created: AttributionDoc;
}

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

/** The next sale this account may bring. */
export interface OpportunityDoc {
  id: Fixed;
  rank: Fixed;
  description: string;
  /** When it may come (ISO date). */
  expectedDate: Fixed | null;
  created: AttributionDoc;
}

/** The account after payment: a relationship that gives referrals and the next order. */
export interface RelationshipDoc {
  satisfactionChecks: Record<string, SatisfactionCheckDoc>;
  referrals: Record<string, ReferralDoc>;
  opportunities: Record<string, OpportunityDoc>;
}

export interface DecisionProcessDoc {
  otherDecisionMakers: string;
  meetingDate: Fixed | null;
  informationNeeded: string;
  reviewTime: string;
  notes: string;
}

export interface FeedbackDoc {
  likes: string;
  optionsComfort: string;
  priceFit: string;
  viability: string;
}

export interface SignOffDoc {
  role: Fixed;
  by: PersonRefDoc;
  at: Fixed;
  /** The document heads the signer saw when signing (absent on sign-offs from before issue 5). */
  heads?: Fixed[];
}

/** An item of the handoff meeting's agenda ticked as agreed. */
export interface AgendaTickDoc {
  by: PersonRefDoc;
  at: Fixed;
}

export interface BaselineDoc {
  name: Fixed;
  heads: Fixed[];
  at: Fixed;
}

export interface HandoffDoc {
  signOffs: Record<string, SignOffDoc>;
  customerAgreedBy: Fixed | null;
  baseline: BaselineDoc | null;
  /** Agenda items of the handoff meeting ticked as agreed, by agenda item id (added in issue 5; optional). */
  agenda?: Record<string, AgendaTickDoc>;
}

/** The whole account document as stored. */
export interface AccountDoc {
  schemaVersion: number;
  name: string;
  created: AttributionDoc;
  rep: PersonRefDoc | null;
  deliveryLead: PersonRefDoc | null;
  /** Who owns the account now: the rep until handoff, then the delivery lead. */
  owner: Fixed;
  stage: Fixed;
  stageHistory: StageMoveDoc[];
  order: OrderDoc;
  payment: PaymentDoc;
  /** Credit check and supply confirmation. */
  checks: ChecksDoc;
  contacts: Record<string, ContactDoc>;
  requirements: Record<string, RequirementDoc>;
  commitments: Record<string, CommitmentDoc>;
  milestones: Record<string, MilestoneDoc>;
  risks: Record<string, RiskDoc>;
  followUps: Record<string, FollowUpDoc>;
  activities: ActivityDoc[];
  /** Concerns and remorse signals the customer raised. */
  concerns: Record<string, ConcernDoc>;
  relationship: RelationshipDoc;
  decisionProcess: DecisionProcessDoc;
  feedback: FeedbackDoc;
  handoff: HandoffDoc;
}

/** A person using Baton on this install. */
export interface Person {
  id: string;
  name: string;
}

/** The local profile: who is at this keyboard. */
export interface Profile extends Person {
  role: Role;
}
