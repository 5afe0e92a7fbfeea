/** Words for the lifecycle's enum values (contacts, requirements, risks, checks, calls, relationship, timeline). */
import type {
  CallOutcome,
  ConcernKind,
  ContactRole,
  CreditCheckResult,
  PaymentStateName,
  ReferralStatus,
  RequirementSource,
  RiskKind,
  RiskSeverity,
  RiskStatus,
  TimelineKind,
} from "../../../shared";

export const CONTACT_ROLE_LABEL: Record<ContactRole, string> = {
  "decision-maker": "Decision maker",
  "functional-owner": "Functional owner",
  finance: "Finance / payables",
  "other-decision-maker": "Other decision maker",
};

export const REQUIREMENT_SOURCE_LABEL: Record<RequirementSource, string> = {
  "call-note": "Call note",
  email: "Email",
  quote: "Quote",
  proposal: "Proposal",
};

export const RISK_KIND_LABEL: Record<RiskKind, string> = {
  competitor: "Competitor one-up",
  "supply-date": "Supply cannot meet the date",
  credit: "Credit check",
  scope: "Scope",
  remorse: "Buyer's remorse",
  other: "Other",
};

export const RISK_SEVERITY_LABEL: Record<RiskSeverity, string> = { low: "Low", medium: "Medium", high: "High" };
export const RISK_SEVERITY_COLOR: Record<RiskSeverity, string> = { low: "gray", medium: "yellow", high: "red" };

export const RISK_STATUS_LABEL: Record<RiskStatus, string> = { open: "Open", mitigated: "Mitigated", closed: "Closed" };
export const RISK_STATUS_COLOR: Record<RiskStatus, string> = { open: "orange", mitigated: "blue", closed: "teal" };

export const CREDIT_CHECK_LABEL: Record<CreditCheckResult, string> = { pending: "Pending", passed: "Passed", failed: "Failed" };
export const CREDIT_CHECK_COLOR: Record<CreditCheckResult, string> = { pending: "gray", passed: "teal", failed: "red" };

export const PAYMENT_STATE_LABEL: Record<PaymentStateName, string> = {
  "not-invoiced": "Not invoiced",
  invoiced: "Invoiced, not paid",
  overdue: "Overdue",
  paid: "Paid",
};
export const PAYMENT_STATE_COLOR: Record<PaymentStateName, string> = { "not-invoiced": "gray", invoiced: "blue", overdue: "red", paid: "green" };

export const CALL_OUTCOME_LABEL: Record<CallOutcome, string> = { reached: "Reached the customer", voicemail: "Left a voicemail", "no-answer": "No answer" };

export const CONCERN_KIND_LABEL: Record<ConcernKind, string> = { concern: "Concern", "remorse-signal": "Remorse signal" };

export const REFERRAL_STATUS_LABEL: Record<ReferralStatus, string> = { asked: "Asked", given: "Given", declined: "Declined" };

export const TIMELINE_KIND_LABEL: Record<TimelineKind, string> = {
  account: "Account",
  stage: "Stage",
  check: "Checks",
  contact: "Contacts",
  requirement: "Requirements",
  commitment: "Commitments",
  milestone: "Milestones",
  risk: "Risks",
  order: "Order",
  payment: "Payment",
  call: "Calls",
  activity: "Activities",
  relationship: "Relationship",
  handoff: "Handoff",
  "follow-up": "Follow-ups",
  reminder: "Reminders shown",
  meeting: "Meetings",
  note: "Notes",
};

/** Options for a NativeSelect from a label map. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** Winning or losing the deal: the paid date, the move to Paid, the open risks. */
export const DEAL_WORDS = {
  paidTitle: (day: string) => `Payment received on ${day}`,
  moveToPaid: "Move the account to Paid",
  moveToPaidHint: "The deal is won when it is paid: record the date and the move in one step.",
  stillOpen: "Still open — Paid cannot honestly be called done yet:",
  reasonNeeded: "Give a reason to move on with these open.",
  saveAndMove: "Save and move to Paid",
  saveDate: "Save the date",
  paidAndWon: (day: string) => `Payment received on ${day}. The account is Paid: the deal is won.`,
  paidOnly: (day: string) => `Payment received on ${day}.`,
  risksQuestion: (n: number) => (n === 1 ? "The deal ends with 1 risk still open. What should happen to it?" : `The deal ends with ${n} risks still open. What should happen to them?`),
  closeRisks: "Close them with the deal",
  keepRisks: "Keep them open",
  risksHint: "Closed risks stay on the account and its timeline; they leave Today.",
} as const;

/** After a move: "Moved to Ordered. The most important call is scheduled for 3 Mar 2026, 09:00 (your time) …"; `callWhen` as shown. */
export function orderedWords(stage: string, callWhen: string | null): string {
  if (!callWhen) return `Moved to ${stage}.`;
  return `Moved to ${stage}. The most important call is scheduled for ${callWhen} (your time) — it is on Today, with its guide.`;
}
