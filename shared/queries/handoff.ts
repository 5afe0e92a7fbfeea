/**
 * Where the handoff stands (who has signed, who is awaited, the baseline) and the agenda
 * of the handoff meeting, built from the account.
 */
import type { AccountDoc, Person, Role } from "../account/schema";
import { read, readOrNull, readPerson } from "../account/fixed";
import { baselineOfSignOffs, handoffNeedsCompletion } from "../commands/handoff";
import { commitmentsOf, milestonesOf } from "./account-view";
import { contactsOf } from "./contacts";
import { requirementsOf } from "./requirements";

/** One recorded sign-off. */
export interface SignOffView {
  role: Role;
  by: Person | null;
  at: string;
}

/** The frozen "as agreed at handoff" state. */
export interface BaselineView {
  name: string;
  heads: string[];
  at: string;
  /** False while the baseline is only implied by two sign-offs made apart and not written yet. */
  stored: boolean;
}

/** The handoff as the page shows it. */
export interface HandoffView {
  rep: SignOffView | null;
  deliveryLead: SignOffView | null;
  customerAgreedBy: string | null;
  /** The roles still awaited; empty once both have signed. */
  pending: Role[];
  baseline: BaselineView | null;
  /** Both signed apart: the baseline and ownership transfer still need writing (`completeHandoff`). */
  needsCompletion: boolean;
}

function signOffView(doc: AccountDoc, role: Role): SignOffView | null {
  const s = doc.handoff?.signOffs?.[role];
  return s ? { role, by: readPerson(s.by), at: read(s.at) } : null;
}

/** Where the handoff stands. */
export function handoffOf(doc: AccountDoc): HandoffView {
  const rep = signOffView(doc, "rep");
  const deliveryLead = signOffView(doc, "delivery-lead");
  const stored = doc.handoff?.baseline;
  let baseline: BaselineView | null = stored ? { name: read(stored.name), heads: (stored.heads ?? []).map(read), at: read(stored.at), stored: true } : null;
  const s = doc.handoff?.signOffs ?? {};
  if (!baseline && s.rep && s["delivery-lead"]) baseline = { ...baselineOfSignOffs(s.rep, s["delivery-lead"]), stored: false };
  return {
    rep,
    deliveryLead,
    customerAgreedBy: readOrNull(doc.handoff?.customerAgreedBy),
    pending: [rep ? null : ("rep" as const), deliveryLead ? null : ("delivery-lead" as const)].filter((r): r is Role => r !== null),
    baseline,
    needsCompletion: handoffNeedsCompletion(doc),
  };
}

/** The agenda items of the handoff meeting, in the order they are walked through. */
export const AGENDA_ITEM_IDS = ["requirements-commitments", "delivery-plan", "contacts-escalation", "who-to-call"] as const;
export type AgendaItemId = (typeof AGENDA_ITEM_IDS)[number];

/** One agenda item, with what the account says about it. */
export interface AgendaItem {
  id: AgendaItemId;
  title: string;
  /** What is on the table, from the account ("3 commitments, 2 confirmed by the customer"). */
  detail: string;
  agreed: { by: Person | null; at: string } | null;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The handoff meeting's agenda, built from the account. */
export function meetingAgenda(doc: AccountDoc): AgendaItem[] {
  const requirements = requirementsOf(doc);
  const commitments = commitmentsOf(doc).filter((c) => c.status !== "dropped");
  const milestones = milestonesOf(doc);
  const contacts = contactsOf(doc);
  const lead = readPerson(doc.deliveryLead);
  const confirmed = commitments.filter((c) => c.confirmed).length;
  const dated = milestones.filter((m) => m.endDate).length;
  const ticks = doc.handoff?.agenda ?? {};
  const detail: Record<AgendaItemId, [string, string]> = {
    "requirements-commitments": [
      "Requirements and commitments",
      `${count(requirements.length, "requirement", "requirements")}; ${count(commitments.length, "commitment", "commitments")}, ${confirmed} confirmed by the customer.`,
    ],
    "delivery-plan": [
      "The delivery plan: milestones, owners, dates",
      milestones.length ? `${count(milestones.length, "milestone", "milestones")}, ${dated} with an end date.` : "No milestones yet — the plan is agreed here.",
    ],
    "contacts-escalation": [
      "Contacts and escalation path",
      contacts.length ? contacts.map((c) => c.name || "(no name)").join(", ") : "No customer contacts recorded yet.",
    ],
    "who-to-call": ["Who the customer calls from now on", lead ? `${lead.name}, the delivery lead.` : "The delivery lead is not named yet."],
  };
  return AGENDA_ITEM_IDS.map((id) => {
    const tick = ticks[id];
    return { id, title: detail[id][0], detail: detail[id][1], agreed: tick ? { by: readPerson(tick.by), at: read(tick.at) } : null };
  });
}
