/** Words and colours for the domain's enum values, and date formatting. */
import type { CommitmentStatus, Expected, ItemKind, MilestoneStatus, Role, Stage, StoredType } from "../../../shared";

/** Each stage in the user's words: the domain's own (the timeline and change messages use the same). */
export { STAGE_LABELS as STAGE_LABEL } from "../../../shared";

export const STAGE_COLOR: Record<Stage, string> = {
  "follow-up": "gray",
  promised: "yellow",
  ordered: "blue",
  "handed-off": "indigo",
  delivering: "violet",
  delivered: "teal",
  paid: "green",
  relationship: "green",
  lost: "red",
  cancelled: "red",
};

/** The name of a dialog's close button (an icon). */
export const CLOSE_LABEL = "Close";

export const ROLE_LABEL: Record<Role, string> = { rep: "Rep", "delivery-lead": "Delivery lead" };

/** What a commitment or milestone with no words yet is called where it is named. */
export const UNTITLED = { commitment: "untitled commitment", milestone: "untitled milestone" } as const;

export const COMMITMENT_STATUS_LABEL: Record<CommitmentStatus, string> = {
  proposed: "Proposed",
  agreed: "Agreed",
  "at-risk": "At risk",
  delivered: "Delivered",
  dropped: "Dropped",
};

export const MILESTONE_STATUS_LABEL: Record<MilestoneStatus, string> = {
  planned: "Planned",
  "in-progress": "In progress",
  done: "Done",
  blocked: "Blocked",
};

export function label<K extends string>(labels: Record<K, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}

/** "3 Mar 2026" for a YYYY-MM-DD date or an ISO instant; the input itself when unreadable. */
export function formatDay(value: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  // One formatter for the window: building one per call (toLocaleDateString does) costs
  // more than the formatting, and a list of 1,000 accounts formats thousands of days.
  dayFormat ??= new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });
  return dayFormat.format(d);
}
let dayFormat: Intl.DateTimeFormat | undefined;

/** True when a YYYY-MM-DD date or instant is before today. */
export function isOverdue(value: string, now: Date = new Date()): boolean {
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return value.slice(0, 10) < today;
}

/** A message from elsewhere as a sentence: capital first letter, final full stop. */
/** "untitled commitment" → "Untitled commitment". */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const capital = capitalised(t);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/** Each kind of item of an account, as a noun ("a damaged commitment"). */
export const ITEM_KIND_LABEL: Record<ItemKind, string> = {
  "stage-move": "stage move",
  contact: "contact",
  requirement: "requirement",
  commitment: "commitment",
  milestone: "milestone",
  risk: "risk",
  "follow-up": "call",
  activity: "timeline entry",
  concern: "concern",
  "satisfaction-check": "satisfaction check",
  referral: "referral",
  opportunity: "opportunity",
  "sign-off": "sign-off",
  "agenda-tick": "agenda tick",
  "reminder-shown": "reminder shown",
};

/** Each part of an account and each field of its records, as a reader would name it. */
export const PART_LABEL: Record<string, string> = {
  schemaVersion: "format version",
  name: "name",
  created: "record of who created it",
  rep: "rep",
  deliveryLead: "delivery lead",
  owner: "owner",
  stage: "stage",
  stageHistory: "stage history",
  order: "order",
  payment: "payment",
  checks: "order checks",
  contacts: "contacts",
  requirements: "requirements",
  commitments: "commitments",
  milestones: "delivery plan",
  risks: "risks",
  followUps: "calls",
  activities: "timeline entries",
  concerns: "concerns",
  relationship: "relationship",
  satisfactionChecks: "satisfaction checks",
  referrals: "referrals",
  opportunities: "opportunities",
  decisionProcess: "decision process",
  feedback: "feedback",
  handoff: "handoff",
  signOffs: "sign-offs",
  agenda: "meeting agenda",
  baseline: "handoff baseline",
  customerAgreedBy: "customer who agreed",
  text: "wording",
  title: "title",
  dueDate: "due date",
  startDate: "start date",
  endDate: "end date",
  status: "status",
  promisedBy: "promised by",
  requirementId: "requirement link",
  commitmentIds: "commitment links",
  dependsOn: "dependencies",
  confirmed: "customer confirmation",
  rank: "place in the list",
  id: "id",
  role: "role",
  email: "email",
  phone: "phone",
  notes: "notes",
  kind: "kind",
  severity: "severity",
  mitigation: "mitigation",
  description: "description",
  agreedTime: "agreed time",
  timeZone: "time zone",
  reason: "reason",
  callGuide: "call guide",
  outcome: "outcome",
  summary: "summary",
  at: "time",
  by: "person",
  value: "value",
  currency: "currency",
  reference: "reference",
  date: "date",
  items: "items ordered",
  invoiceDate: "invoice date",
  paidDate: "paid date",
  score: "score",
  heads: "point in history",
};

/** What a stored value should have been ("should be a date"). */
export const EXPECTED_LABEL: Record<Expected, string> = {
  text: "text",
  fixed: "text",
  id: "an id",
  rank: "a place in the list",
  date: "a date",
  instant: "a point in time",
  choice: "one of the values Baton knows",
  number: "a number",
  "whole-number": "a whole number in range",
  list: "a list",
  record: "a record",
  map: "a collection of items",
  person: "a person",
  "same-id": "the id the item is filed under",
  heads: "a point in the account's history",
  amount: "an amount",
};

/** What a stored value was instead ("it is a number"). */
export const STORED_TYPE_LABEL: Record<StoredType, string> = {
  nothing: "missing",
  null: "empty (null)",
  text: "text",
  number: "a number",
  "true-false": "true or false",
  list: "a list",
  record: "a record",
  other: "something else",
};

/** A name cut to `max` characters for a notice or a choice ("untitled" when empty). */
export function truncate(text: string, max = 60): string {
  const t = text.trim() || "untitled";
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The customer company's own details (the account's customer section and header). */
export const CUSTOMER_WORDS = {
  title: "Customer",
  inHeader: "The customer's domain and phone",
  hint: "The company itself: its web domain and main phone. Imports and exports carry them.",
  domain: "Web domain",
  domainPlaceholder: "acme.com",
  domainHint: "Paste the web address if you like: Baton keeps the domain.",
  phone: "Main phone",
  phonePlaceholder: "+1 555 0100",
  phoneHint: "The switchboard or reception; people's own numbers go with the contacts.",
  website: (domain: string) => `Open ${domain}`,
} as const;

/** The profile form's explanations. */
export const PROFILE_WORDS = {
  phoneHint: "Customers get it in the recap once you own their account.",
  emailHint: "Optional; also in the customer's recap.",
  leadHint: "Calls assigned to you remind you this long before the agreed time (0: at the time).",
  personId: "Your person id",
  carryLabel: "Already use Baton on another laptop? Its person id",
  carryHint: "Paste the id shown under Profile on your other laptop, so your assignments and reminders follow you here. Leave empty otherwise.",
} as const;

/** Today's words that depend on whose work it shows. */
export const TODAY_WORDS = {
  scopeLabel: "Whose work",
  mine: "Mine",
  everyone: "Everyone",
  nothingMine: "No calls, milestones, commitments, payments or open risks of yours are due. Agree a callback on an account and it shows here, with a reminder before the agreed time.",
  nothingEveryone: "Nothing is due on any of your accounts, for anyone.",
  milestone: "Milestone",
  commitment: "Commitment",
  assignedTo: (name: string) => `Assigned to ${name}`,
} as const;

/** The most important call's own guide. */
export const MOST_IMPORTANT_CALL_WORDS = {
  aim: "Walk the customer back through each requirement, what we committed to meet it and exactly what will be delivered when — so the first delivery meets what they expect.",
  noContact: "No contact to call yet: add the decision maker under Customer.",
  occasionLabel: "Confirmations are given",
  onThisCall: "On this call",
  inHandoffMeeting: "In the handoff meeting",
  ordered: "What was ordered",
  orderReference: "Order",
  notRecorded: "not recorded (Order & payment)",
} as const;

/** Who does a call, milestone or commitment. */
export const ASSIGNEE_WORDS = {
  label: (what: string) => `Assigned to: ${what}`,
  gone: (name: string) => `${name} no longer shares this account: the owner is reminded until you assign it again.`,
} as const;
