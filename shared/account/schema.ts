/**
 * The account document: one Automerge document per customer account, shared by the rep
 * and the delivery lead. Each record's shape, check, default and migration steps live in
 * records/, the values its fixed fields take in values.ts; this module gathers them for
 * everyone else.
 */
export * from "./values";
import type { Role } from "./values";
// The records of an account, each declared once with its validator, default and
// migration steps (shared/account/records/).
export type { PersonRefDoc, OwnerDoc, AttributionDoc } from "./records/people";
export type { StageMoveDoc } from "./records/stage-move";
export type { ContactDoc } from "./records/contact";
export type { RequirementDoc } from "./records/requirement";
export type { CommitmentDoc, CustomerConfirmationDoc } from "./records/commitment";
export type { MilestoneDoc } from "./records/milestone";
export type { RiskDoc } from "./records/risk";
export type { FollowUpDoc } from "./records/follow-up";
export type { ActivityDoc } from "./records/activity";
export type { OrderDoc, PaymentDoc, ChecksDoc } from "./records/order";
export type { ConcernDoc } from "./records/concern";
export type { SatisfactionCheckDoc, ReferralDoc, OpportunityDoc, RelationshipDoc } from "./records/relationship";
export type { DecisionProcessDoc, FeedbackDoc } from "./records/before-order";
export type { SignOffDoc, AgendaTickDoc, BaselineDoc, HandoffDoc } from "./records/handoff";
export type { AccountDoc } from "./records/account";

/** A person using Baton on this install. */
export interface Person {
  id: string;
  name: string;
}

/** The local profile: who is at this keyboard. */
export interface Profile extends Person {
  role: Role;
}

/** The whole local profile as the node keeps it: who is at this keyboard, how to reach them, how early to remind them. */
export interface ProfileSettings extends Profile {
  /** Where customers and colleagues reach this person (null: not given). */
  phone: string | null;
  email: string | null;
  /** Minutes before a call that its reminder comes. */
  reminderLeadMinutes: number;
}
