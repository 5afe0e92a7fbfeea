/**
 * The account document as a whole: every part, what each holds, its default, and the
 * migration steps of its items. The checker (../check.ts) and migration 2 (../migrations.ts)
 * both walk `ACCOUNT_PARTS`, so a part declared here is checked and created everywhere.
 *
 * Every container exists from the moment the account is created: two laptops must never
 * create the same map apart (Automerge keeps one of the two and the other's items vanish).
 */
import { ImmutableString } from "@automerge/automerge/slim";
import { ROLES, SCHEMA_VERSION, SCHEMA_VERSION_MAX, STAGES, type Fixed } from "../values";
import { attribution, choice, fixed, nullable, text, wholeNumber, type Check } from "../stored";
import { activityRecord, activityV2, type ActivityDoc } from "./activity";
import { decisionProcessFields, feedbackFields, newDecisionProcess, newFeedback, type DecisionProcessDoc, type FeedbackDoc } from "./before-order";
import { commitmentRecord, type CommitmentDoc } from "./commitment";
import { concernRecord, type ConcernDoc } from "./concern";
import { contactRecord, type ContactDoc } from "./contact";
import type { FieldChecks } from "../stored";
import { followUpRecord, followUpV2, type FollowUpDoc } from "./follow-up";
import { reminderShownRecord, type ReminderShownDoc } from "./reminder";
import { agendaTickRecord, baselineRecord, newHandoff, signOffRecord, signOffV2, type HandoffDoc } from "./handoff";
import { milestoneRecord, type MilestoneDoc } from "./milestone";
import { checksFields, newChecks, newOrder, newPayment, orderFields, orderV2, paymentFields, type ChecksDoc, type OrderDoc, type PaymentDoc } from "./order";
import { assigneeV3, ownerRecord, type AttributionDoc, type OwnerDoc } from "./people";
import { customerDomainRecord, customerPhoneRecord, newCustomerDomain, newCustomerPhone, type CustomerDomainDoc, type CustomerPhoneDoc } from "./customer";
import { newRelationship, opportunityRecord, referralRecord, satisfactionCheckRecord, type RelationshipDoc } from "./relationship";
import { requirementRecord, type RequirementDoc } from "./requirement";
import { riskRecord, type RiskDoc } from "./risk";
import { stageMoveRecord, type StageMoveDoc } from "./stage-move";

/** The whole account document as stored. */
export interface AccountDoc {
  schemaVersion: number;
  /** The customer company's name. */
  name: string;
  /** The company's web domain (records/customer.ts); missing until someone sets it, which reads as none. */
  domain?: CustomerDomainDoc;
  /** The company's main phone number; missing until someone sets it. */
  phone?: CustomerPhoneDoc;
  created: AttributionDoc;
  /** The rep and the delivery lead, with the phone and email customers reach them on. */
  rep: OwnerDoc | null;
  deliveryLead: OwnerDoc | null;
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
  /** Reminders each person has been shown, on any of their laptops (records/reminder.ts). */
  remindersShown: Record<string, ReminderShownDoc>;
}

/** What kind of item a list or map holds, for the words next to a damaged one. */
export const ITEM_KINDS = [
  "stage-move",
  "contact",
  "requirement",
  "commitment",
  "milestone",
  "risk",
  "follow-up",
  "activity",
  "concern",
  "satisfaction-check",
  "referral",
  "opportunity",
  "sign-off",
  "agenda-tick",
  "reminder-shown",
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** A migration step for one item of a list or map, by the schema version it brings the item to. */
export type ItemSteps = Readonly<Record<number, (item: Record<string, unknown>) => void>>;

/** How one part of the account is stored and checked. */
export type PartSpec = (
  /**
   * One value checked as a whole; a damaged one reads as `fallback()`. An `unwritten`
   * value is never written by a migration or at creation: it stays missing, which its
   * readers take as none, until someone sets it. For a scalar added to existing accounts — an upgrade that wrote its
   * default on one laptop could win over the value a person sets on another laptop that
   * upgraded apart (Automerge keeps one of two concurrent values, by its own order).
   */
  | { kind: "value"; check: Check<unknown>; fallback: () => unknown; unwritten?: true }
  /** Items keyed by id (or by another key); a damaged item is left out. */
  | { kind: "map"; item: Check<unknown>; itemKind: ItemKind; keyedById: boolean; steps?: ItemSteps }
  /** Items in order; a damaged item is left out. */
  | { kind: "list"; item: Check<unknown>; itemKind: ItemKind; steps?: ItemSteps }
  /** A record of parts (fields filled one at a time, or containers); its steps run on the record itself. */
  | { kind: "group"; parts: Readonly<Record<string, PartSpec>>; fallback: () => object; steps?: ItemSteps }
) & {
  /** The schema version from which every account has this part (1 when absent); older documents get it by migration. */
  since?: number;
};

const value = (check: Check<unknown>, fallback: () => unknown): PartSpec => ({ kind: "value", check, fallback });
/** A value never written until someone sets it (see `unwritten` above). */
const unwritten = (check: Check<unknown>, fallback: () => unknown): PartSpec => ({ kind: "value", check, fallback, unwritten: true });
const map = (item: Check<unknown>, itemKind: ItemKind, steps?: ItemSteps): PartSpec => ({ kind: "map", item, itemKind, keyedById: true, steps });
const list = (item: Check<unknown>, itemKind: ItemKind, steps?: ItemSteps): PartSpec => ({ kind: "list", item, itemKind, steps });

/** A record of fields, each checked on its own; a damaged field reads as its default. */
function fields<T extends object>(checks: FieldChecks<T>, fallback: () => T, steps?: ItemSteps): PartSpec {
  const parts: Record<string, PartSpec> = {};
  for (const [key, check] of Object.entries(checks) as [string, Check<unknown>][]) {
    parts[key] = value(check, () => (fallback() as Record<string, unknown>)[key]);
  }
  return { kind: "group", parts, fallback, steps };
}

const unknownPerson = () => ({ id: new ImmutableString("unknown"), name: new ImmutableString("Unknown") });

/** Every part of an account, in the order the document lists them. */
export const ACCOUNT_PARTS: Readonly<Record<keyof AccountDoc, PartSpec>> = {
  schemaVersion: value(wholeNumber(1, SCHEMA_VERSION_MAX), () => SCHEMA_VERSION),
  name: value(text, () => ""),
  domain: unwritten(customerDomainRecord, newCustomerDomain),
  phone: unwritten(customerPhoneRecord, newCustomerPhone),
  created: value(attribution, () => ({ by: unknownPerson(), at: new ImmutableString(new Date(0).toISOString()) })),
  rep: value(nullable(ownerRecord), () => null),
  deliveryLead: value(nullable(ownerRecord), () => null),
  owner: value(choice(ROLES), () => new ImmutableString("rep")),
  stage: value(choice(STAGES), () => new ImmutableString("follow-up")),
  stageHistory: list(stageMoveRecord, "stage-move"),
  order: fields(orderFields, newOrder, { 2: orderV2 }),
  payment: fields(paymentFields, newPayment),
  checks: fields(checksFields, newChecks),
  contacts: map(contactRecord, "contact"),
  requirements: map(requirementRecord, "requirement"),
  commitments: map(commitmentRecord, "commitment", { 3: assigneeV3 }),
  milestones: map(milestoneRecord, "milestone", { 3: assigneeV3 }),
  risks: map(riskRecord, "risk"),
  followUps: map(followUpRecord, "follow-up", { 2: followUpV2, 3: assigneeV3 }),
  activities: list(activityRecord, "activity", { 2: activityV2 }),
  concerns: map(concernRecord, "concern"),
  relationship: {
    kind: "group",
    parts: {
      satisfactionChecks: map(satisfactionCheckRecord, "satisfaction-check"),
      referrals: map(referralRecord, "referral"),
      opportunities: map(opportunityRecord, "opportunity"),
    },
    fallback: newRelationship,
  },
  decisionProcess: fields(decisionProcessFields, newDecisionProcess),
  feedback: fields(feedbackFields, newFeedback),
  handoff: {
    kind: "group",
    parts: {
      signOffs: { kind: "map", item: signOffRecord, itemKind: "sign-off", keyedById: false, steps: { 2: signOffV2 } },
      customerAgreedBy: value(nullable(fixed), () => null),
      baseline: value(nullable(baselineRecord), () => null),
      agenda: { kind: "map", item: agendaTickRecord, itemKind: "agenda-tick", keyedById: false, since: 2 },
    },
    fallback: newHandoff,
  },
  remindersShown: { kind: "map", item: reminderShownRecord, itemKind: "reminder-shown", keyedById: false, since: 3 },
};

/** The empty value of a container part (a map, list or group); undefined for a single value. */
export function emptyContainer(spec: PartSpec): unknown {
  if (spec.kind === "map") return {};
  if (spec.kind === "list") return [];
  if (spec.kind === "group") return spec.fallback();
  return undefined;
}
