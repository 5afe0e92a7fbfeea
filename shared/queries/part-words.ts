/**
 * The parts of an account and the fields of its records in the user's words, for what
 * the domain writes about a change (the timeline's entries, a repair's change message).
 * The window words the same things its own way (src/renderer/ui/labels.ts).
 */
import type { ChangeKind } from "../attribution";

/** How a top-level part of the account is shaped, and how to say it. */
export type PartWords =
  /** A collection of items (a map by id, or a list): "a commitment", "3 commitments". */
  | { shape: "items"; kind: ChangeKind; one: string; many: string; list?: true }
  /** A record of named fields: "the order", with field words. */
  | { shape: "record"; kind: ChangeKind; label: string; short: string }
  /** One value: "the account name". */
  | { shape: "value"; kind: ChangeKind; label: string; short: string };

/** The account's top-level parts (AccountDoc), in the order the words list them: its items first. */
export const PARTS: Record<string, PartWords> = {
  contacts: { shape: "items", kind: "contact", one: "a contact", many: "contacts" },
  requirements: { shape: "items", kind: "requirement", one: "a requirement", many: "requirements" },
  commitments: { shape: "items", kind: "commitment", one: "a commitment", many: "commitments" },
  milestones: { shape: "items", kind: "milestone", one: "a milestone", many: "milestones" },
  risks: { shape: "items", kind: "risk", one: "a risk", many: "risks" },
  followUps: { shape: "items", kind: "follow-up", one: "a follow-up", many: "follow-ups" },
  concerns: { shape: "items", kind: "call", one: "a concern", many: "concerns" },
  activities: { shape: "items", kind: "activity", one: "a logged activity", many: "logged activities", list: true },
  stageHistory: { shape: "items", kind: "stage", one: "a stage move", many: "stage moves", list: true },
  order: { shape: "record", kind: "order", label: "the order", short: "order" },
  payment: { shape: "record", kind: "payment", label: "the payment", short: "payment" },
  checks: { shape: "record", kind: "check", label: "the credit and supply checks", short: "checks" },
  decisionProcess: { shape: "record", kind: "follow-up", label: "the decision process", short: "decision process" },
  feedback: { shape: "record", kind: "follow-up", label: "the customer's feedback", short: "feedback" },
  handoff: { shape: "record", kind: "handoff", label: "the handoff", short: "handoff" },
  relationship: { shape: "record", kind: "relationship", label: "the relationship", short: "relationship" },
  name: { shape: "value", kind: "account", label: "the account name", short: "name" },
  domain: { shape: "value", kind: "account", label: "the customer's domain", short: "domain" },
  phone: { shape: "value", kind: "account", label: "the customer's phone", short: "phone" },
  stage: { shape: "value", kind: "stage", label: "the stage", short: "stage" },
  owner: { shape: "value", kind: "handoff", label: "the account's owner", short: "owner" },
  rep: { shape: "value", kind: "account", label: "the rep", short: "rep" },
  deliveryLead: { shape: "value", kind: "account", label: "the delivery lead", short: "delivery lead" },
  created: { shape: "record", kind: "account", label: "the account's creation record", short: "creation record" },
  schemaVersion: { shape: "value", kind: "account", label: "the account format version", short: "format version" },
};

/** Fields of items and records, in the user's words; a field not listed is "a detail". */
export const FIELD_WORDS: Record<string, string> = {
  text: "wording",
  title: "title",
  name: "name",
  description: "description",
  rank: "position",
  status: "status",
  owner: "owner",
  dueDate: "due date",
  startDate: "start date",
  endDate: "end date",
  promisedBy: "promiser",
  requirementId: "requirement",
  confirmed: "customer confirmation",
  dependsOn: "dependencies",
  commitmentIds: "commitments",
  role: "role",
  email: "email",
  phone: "phone",
  notes: "notes",
  source: "source",
  sourceReference: "source reference",
  kind: "kind",
  severity: "severity",
  mitigation: "mitigation",
  purpose: "purpose",
  agreedTime: "agreed time",
  timeZone: "time zone",
  reason: "reason",
  callGuide: "call guide",
  outcome: "outcome",
  nextStep: "next step",
  nextStepKind: "next step",
  previousId: "previous call",
  summary: "summary",
  followUpId: "call",
  resolved: "resolution",
  created: "creation record",
  reference: "reference",
  date: "date",
  value: "value",
  currency: "currency",
  items: "ordered items",
  proposalReference: "proposal reference",
  quoteReference: "quote reference",
  invoiceReference: "invoice reference",
  invoiceDate: "invoice date",
  paidDate: "paid date",
  creditCheck: "credit check",
  creditCheckRecorded: "credit check record",
  supplyConfirmedDate: "supply date",
  supplyConfirmedRecorded: "supply confirmation record",
  otherDecisionMakers: "other decision makers",
  meetingDate: "meeting date",
  informationNeeded: "information needed",
  reviewTime: "review time",
  likes: "likes",
  optionsComfort: "comfort with the options",
  priceFit: "price fit",
  viability: "viability",
  signOffs: "sign-offs",
  customerAgreedBy: "customer's agreement",
  baseline: "baseline",
  agenda: "agenda",
  satisfactionChecks: "satisfaction checks",
  referrals: "referrals",
  opportunities: "opportunities",
  by: "author",
  at: "time",
  id: "id",
};
