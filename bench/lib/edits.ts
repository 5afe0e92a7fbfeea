/**
 * The edits the bench makes, all through Baton's own domain commands (shared/commands)
 * with attributed change messages, exactly as the renderer makes them.
 */
import type { AccountDoc, ActivityKind, CommitmentStatus, MilestoneStatus, Person } from "../../shared";
import { addCommitment, addMilestone, changeMessage, editCommitment, editMilestone, logActivity } from "../../shared";

/** Deterministic PRNG (mulberry32), so both runs of a scenario make the same edits. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

export const PROMISES = [
  "Installed and running by the agreed date",
  "Training for twelve people on site",
  "Data migration from the old system, checked by finance",
  "Weekly status call with the functional owner",
  "Spare parts kit delivered with the first shipment",
  "Integration with the customer's ERP for purchase orders",
  "Two days of configuration support after go-live",
  "Invoice split across two cost centres",
  "Extended warranty to 36 months at the quoted price",
  "Delivery to the second warehouse in the same week",
];
export const MILESTONES = ["Kick-off", "Site survey", "Hardware delivered", "Installation", "Configuration", "User training", "Acceptance test", "Go-live", "Hypercare", "Handover to support"];
const ACTIVITIES = [
  "Called the decision maker to confirm the delivery window; they want the installation before the quarter ends.",
  "Handoff meeting with the delivery lead and the functional owner; walked through every commitment and the plan.",
  "Note: finance asked for the invoice to reference the purchase order number and to be sent to the payables inbox.",
  "Most important call: walked the customer back through their requirements and what we committed for each.",
  "Follow-up call as promised; the customer needs the revised quote before their board meets on Thursday.",
  "Delivery lead visited the site; the server room needs a second power feed before installation can start.",
];

/** One planned edit: what the person did (for the change message) and the command. */
export interface PlannedEdit {
  what: string;
  apply: (doc: AccountDoc) => void;
}

/**
 * The live-edit sequence of a fast typist in a meeting: add a commitment, then type its
 * text one character per edit (each keystroke is one edit, as in the renderer's text
 * fields), then the next commitment. Item ids are fixed so two runs match.
 */
export function liveEditPlan(count: number, by: Person, prefix = "live"): PlannedEdit[] {
  const plan: PlannedEdit[] = [];
  const typed = "Installed and running by 3 March with on-site training for twelve people. ";
  let item = -1;
  let text = "";
  for (let i = 0; i < count; i++) {
    if (i % 20 === 0) {
      item += 1;
      const id = `${prefix}-${String(item)}`;
      text = "";
      plan.push({ what: "Added a commitment", apply: (d) => addCommitment(d, { id, text: "", by, at: new Date().toISOString() }) });
    } else {
      const id = `${prefix}-${String(item)}`;
      text += typed[(i % 20) - 1 + ((item * 7) % 40)] ?? "x";
      const snapshot = text;
      plan.push({ what: "Edited a commitment", apply: (d) => editCommitment(d, { id, text: snapshot }) });
    }
  }
  return plan;
}

/** A timestamp spread over the past year: day in [0, 365). */
export function dayInYear(day: number, r: () => number): string {
  const start = Date.UTC(2025, 0, 6, 8);
  return new Date(start + day * 86_400_000 + Math.floor(r() * 9 * 3_600_000)).toISOString();
}

/** Log a call, meeting or note on the timeline (shared/commands/activities). */
export function activityEdit(r: () => number, by: Person, at: string, id: string): PlannedEdit {
  const kind = pick<ActivityKind>(r, ["call", "meeting", "note"]);
  const summary = pick(r, ACTIVITIES);
  return { what: kind === "call" ? "Logged a call" : kind === "meeting" ? "Logged a meeting" : "Added a note", apply: (d) => logActivity(d, { id, kind, summary, by, at }) };
}

const C_STATUS: CommitmentStatus[] = ["proposed", "agreed", "at-risk", "delivered"];
const M_STATUS: MilestoneStatus[] = ["planned", "in-progress", "done", "blocked"];

export function newCommitmentEdit(r: () => number, by: Person, at: string, id: string): PlannedEdit {
  const due = dayInYear(Math.floor(r() * 365), r).slice(0, 10);
  return {
    what: "Added a commitment",
    apply: (d) => addCommitment(d, { id, text: pick(r, PROMISES), promisedBy: by.name, dueDate: due, status: pick(r, C_STATUS), by, at }),
  };
}

export function newMilestoneEdit(r: () => number, by: Person, at: string, id: string, commitmentIds: string[]): PlannedEdit {
  const start = Math.floor(r() * 300);
  return {
    what: "Added a milestone",
    apply: (d) =>
      addMilestone(d, {
        id,
        title: pick(r, MILESTONES),
        owner: by.name,
        startDate: dayInYear(start, r).slice(0, 10),
        endDate: dayInYear(start + 14, r).slice(0, 10),
        status: pick(r, M_STATUS),
        commitmentIds,
        by,
        at,
      }),
  };
}

/** A change to an existing item, as people make them over the life of an account. */
export function changeEdit(r: () => number, commitmentIds: string[], milestoneIds: string[]): PlannedEdit {
  const roll = r();
  if (milestoneIds.length > 0 && roll < 0.25) {
    const id = pick(r, milestoneIds);
    return { what: "Changed a milestone's status", apply: (d) => editMilestone(d, { id, status: pick(r, M_STATUS) }) };
  }
  const id = pick(r, commitmentIds);
  if (roll < 0.55) return { what: "Changed a commitment's status", apply: (d) => editCommitment(d, { id, status: pick(r, C_STATUS) }) };
  if (roll < 0.7) return { what: "Changed a commitment's due date", apply: (d) => editCommitment(d, { id, dueDate: dayInYear(Math.floor(r() * 365), r).slice(0, 10) }) };
  const suffix = pick(r, [" (confirmed on the call)", " — customer asked for a written recap", " before the audit", ", see the proposal"]);
  return {
    what: "Edited a commitment",
    apply: (d) => {
      const c = d.commitments[id];
      if (c) editCommitment(d, { id, text: `${c.text.slice(0, 120)}${suffix}` });
    },
  };
}

/**
 * One offline edit of a person working on an account without a network: mostly typing
 * into and re-statusing existing commitments (so both sides touch the same items), some
 * new commitments, milestones and timeline notes.
 */
export function offlineEdit(r: () => number, doc: AccountDoc, by: Person, n: number): PlannedEdit {
  const at = new Date().toISOString();
  const commitmentIds = Object.keys(doc.commitments);
  const milestoneIds = Object.keys(doc.milestones);
  const roll = r();
  if (roll < 0.1 || commitmentIds.length === 0) return newCommitmentEdit(r, by, at, `${by.id}-c-${String(n)}`);
  if (roll < 0.15) return newMilestoneEdit(r, by, at, `${by.id}-m-${String(n)}`, [pick(r, commitmentIds)]);
  if (roll < 0.25) return activityEdit(r, by, at, `${by.id}-a-${String(n)}`);
  return changeEdit(r, commitmentIds, milestoneIds);
}

export function messageFor(by: Person, what: string): string {
  return changeMessage(by, what);
}
