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
  reason: string;
  callGuide: string;
  outcome: Fixed | null;
  nextStep: string;
  created: AttributionDoc;
}

export interface ActivityDoc {
  id: Fixed;
  kind: Fixed;
  summary: string;
  at: Fixed;
  by: PersonRefDoc;
}

export interface OrderDoc {
  reference: Fixed | null;
  date: Fixed | null;
  value: number | null;
  currency: Fixed | null;
  items: string;
}

export interface PaymentDoc {
  invoiceReference: Fixed | null;
  invoiceDate: Fixed | null;
  dueDate: Fixed | null;
  paidDate: Fixed | null;
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
  contacts: Record<string, ContactDoc>;
  requirements: Record<string, RequirementDoc>;
  commitments: Record<string, CommitmentDoc>;
  milestones: Record<string, MilestoneDoc>;
  risks: Record<string, RiskDoc>;
  followUps: Record<string, FollowUpDoc>;
  activities: ActivityDoc[];
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
