/** Words and colours for the domain's enum values, and date formatting. */
import type { CommitmentStatus, MilestoneStatus, Role, Stage } from "../../../shared";

export const STAGE_LABEL: Record<Stage, string> = {
  "follow-up": "Follow-up",
  promised: "Promised",
  ordered: "Ordered",
  "handed-off": "Handed off",
  delivering: "Delivering",
  delivered: "Delivered",
  paid: "Paid",
  relationship: "Relationship",
  lost: "Lost",
  cancelled: "Cancelled",
};

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

export const ROLE_LABEL: Record<Role, string> = { rep: "Rep", "delivery-lead": "Delivery lead" };

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
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
