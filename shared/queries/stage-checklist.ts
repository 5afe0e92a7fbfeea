/**
 * "A promise of an order is not an order." For each stage, the facts that must be true
 * before the account can honestly be said to have reached it, and which of them are
 * still open. `moveStage` refuses to skip open items without a reason; the account page
 * shows the list for the current stage and the next.
 */
import type { AccountDoc, CreditCheckResult, Person, Stage } from "../account/schema";
import { STAGES } from "../account/schema";
import { read, readOrNull, readPerson } from "../account/fixed";
import { risksOf, type RiskView } from "./risks";
import { mostImportantCallOf } from "./call-guide";

/** The stages an account goes through when all goes well, in order. */
export const STAGE_PATH = ["follow-up", "promised", "ordered", "handed-off", "delivering", "delivered", "paid", "relationship"] as const satisfies readonly Stage[];

/** Stages that end an account; moving to one needs a reason. */
export const ENDING_STAGES = ["lost", "cancelled"] as const satisfies readonly Stage[];

/** Stages in the user's words. */
export const STAGE_LABELS: Record<Stage, string> = {
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

/** Every checklist item, in the order stages need them. */
export const CHECKLIST_ITEM_IDS = [
  "decision-maker",
  "requirements",
  "order-reference",
  "credit-check",
  "supply-date",
  "most-important-call",
  "customer-confirmed",
  "plan-covers-commitments",
  "handoff-signed-off",
  "delivery-started",
  "milestones-done",
  "commitments-delivered",
  "invoice-sent",
  "payment-received",
] as const;
/** One fact a stage rests on. */
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];

/** Each checklist item in the user's words. */
export const CHECKLIST_LABELS: Record<ChecklistItemId, string> = {
  "decision-maker": "The decision maker is known",
  requirements: "The customer's requirements are recorded",
  "order-reference": "Order reference received",
  "credit-check": "Credit check passed",
  "supply-date": "Delivery date confirmed by supply",
  "most-important-call": "Most important call held",
  "customer-confirmed": "Customer confirmed every commitment",
  "plan-covers-commitments": "Every commitment is in the delivery plan",
  "handoff-signed-off": "Handoff signed off by the rep and the delivery lead",
  "delivery-started": "Delivery has started",
  "milestones-done": "Every milestone is done",
  "commitments-delivered": "Every commitment is delivered",
  "invoice-sent": "Invoice sent",
  "payment-received": "Payment received",
};

/** What must be true to be at each stage (beyond what the stages before it need). */
export const STAGE_REQUIREMENTS: Record<Stage, readonly ChecklistItemId[]> = {
  "follow-up": [],
  promised: ["decision-maker", "requirements"],
  ordered: ["order-reference", "credit-check"],
  "handed-off": ["supply-date", "most-important-call", "customer-confirmed", "plan-covers-commitments", "handoff-signed-off"],
  delivering: ["delivery-started"],
  delivered: ["milestones-done", "commitments-delivered"],
  paid: ["invoice-sent", "payment-received"],
  relationship: [],
  lost: [],
  cancelled: [],
};

/** One fact a stage rests on, and whether it is true yet. */
export interface ChecklistItem {
  id: ChecklistItemId;
  label: string;
  done: boolean;
  /** More about where it stands ("2 of 5 commitments not confirmed yet"), or null. */
  detail: string | null;
}

/** The checklist of one stage. */
export interface ChecklistSection {
  stage: Stage;
  items: ChecklistItem[];
  /** How many items are still open. */
  open: number;
}

/** What `stageChecklist` returns: the current stage's checklist, the next one's, open risks, won or not. */
export interface StageChecklist {
  stage: Stage;
  /** What the current stage rests on; open items here were skipped with a reason. */
  current: ChecklistSection;
  /** What is still open before the next stage can honestly be called done; null at the end of the path. */
  next: ChecklistSection | null;
  /** Risks still open, whatever the stage. */
  openRisks: RiskView[];
  /** True only when the money is in (see `isWon`). */
  won: boolean;
}

/** One recorded stage move. */
export interface StageMoveView {
  id: string;
  from: Stage;
  to: Stage;
  reason: string;
  /** Checklist items that were open when the move was made. */
  skipped: ChecklistItemId[];
  by: Person | null;
  at: string;
}

/** The credit check and the supply confirmation, with who recorded them and when. */
export interface ChecksView {
  creditCheck: CreditCheckResult;
  creditCheckBy: Person | null;
  creditCheckAt: string | null;
  supplyConfirmedDate: string | null;
  supplyConfirmedBy: Person | null;
  supplyConfirmedAt: string | null;
}

/** The account's current stage. */
export function stageOf(doc: AccountDoc): Stage {
  const s = read(doc.stage);
  return (STAGES as readonly string[]).includes(s) ? (s as Stage) : "follow-up";
}

/** The stage after `stage` on the path, or null after relationship and for lost / cancelled. */
export function nextStage(stage: Stage): Stage | null {
  const i = (STAGE_PATH as readonly Stage[]).indexOf(stage);
  return i >= 0 && i < STAGE_PATH.length - 1 ? STAGE_PATH[i + 1]! : null;
}

/** Credit check and supply confirmation as recorded. */
export function checksOf(doc: AccountDoc): ChecksView {
  const c = doc.checks;
  return {
    creditCheck: (readOrNull(c?.creditCheck) ?? "pending") as CreditCheckResult,
    creditCheckBy: readPerson(c?.creditCheckRecorded?.by),
    creditCheckAt: readOrNull(c?.creditCheckRecorded?.at),
    supplyConfirmedDate: readOrNull(c?.supplyConfirmedDate),
    supplyConfirmedBy: readPerson(c?.supplyConfirmedRecorded?.by),
    supplyConfirmedAt: readOrNull(c?.supplyConfirmedRecorded?.at),
  };
}

/** Every stage move, oldest first. */
export function stageHistoryOf(doc: AccountDoc): StageMoveView[] {
  return (doc.stageHistory ?? []).map((m) => ({
    id: read(m.id),
    from: read(m.from) as Stage,
    to: read(m.to) as Stage,
    reason: read(m.reason),
    skipped: (m.skipped ?? []).map(read) as ChecklistItemId[],
    by: readPerson(m.by),
    at: read(m.at),
  }));
}

/** True when the deal counts as won: the account is paid (or a relationship since) and the payment is recorded. */
export function isWon(doc: AccountDoc): boolean {
  const stage = stageOf(doc);
  return (stage === "paid" || stage === "relationship") && readOrNull(doc.payment?.paidDate) !== null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Work out one checklist item. */
function evaluate(doc: AccountDoc, id: ChecklistItemId, today: string): ChecklistItem {
  const item = (done: boolean, detail: string | null = null): ChecklistItem => ({ id, label: CHECKLIST_LABELS[id], done, detail });
  const commitments = Object.values(doc.commitments ?? {}).filter((c) => read(c.status) !== "dropped");
  const milestones = Object.values(doc.milestones ?? {});
  switch (id) {
    case "decision-maker": {
      const dm = Object.values(doc.contacts ?? {}).find((c) => read(c.role) === "decision-maker");
      return dm ? item(true, read(dm.name)) : item(false, "Add the decision maker to the contacts.");
    }
    case "requirements": {
      const n = Object.keys(doc.requirements ?? {}).length;
      return n ? item(true, plural(n, "requirement", "requirements")) : item(false, "No requirements recorded yet.");
    }
    case "order-reference": {
      const ref = readOrNull(doc.order?.reference);
      return ref ? item(true, ref) : item(false, "No order reference yet: the customer has not sent the order.");
    }
    case "credit-check": {
      const result = checksOf(doc).creditCheck;
      return item(result === "passed", result === "failed" ? "The credit check failed." : result === "pending" ? "The credit check is still pending." : null);
    }
    case "supply-date": {
      const date = checksOf(doc).supplyConfirmedDate;
      return date ? item(true, `Confirmed for ${date}`) : item(false, "Supply has not confirmed the delivery date.");
    }
    case "most-important-call": {
      const call = mostImportantCallOf(doc);
      if (!call) return item(false, "Not scheduled yet: it is scheduled when the account moves to ordered.");
      if (call.outcome === "reached") return item(true, null);
      return item(false, call.outcome ? `Last attempt: ${call.outcome === "voicemail" ? "left a voicemail" : "no answer"}.` : `Scheduled for ${call.agreedTime}.`);
    }
    case "customer-confirmed": {
      if (!commitments.length) return item(false, "No commitments recorded yet.");
      const open = commitments.filter((c) => !c.confirmed).length;
      return open ? item(false, `${plural(open, "commitment", "commitments")} of ${commitments.length} not confirmed yet.`) : item(true);
    }
    case "plan-covers-commitments": {
      if (!commitments.length) return item(false, "No commitments recorded yet.");
      const planned = new Set(milestones.flatMap((m) => m.commitmentIds.map(read)));
      const open = commitments.filter((c) => !planned.has(read(c.id))).length;
      return open ? item(false, `${plural(open, "commitment has", "commitments have")} no milestone.`) : item(true);
    }
    case "handoff-signed-off": {
      const roles = new Set(Object.values(doc.handoff?.signOffs ?? {}).map((s) => read(s.role)));
      const missing = [roles.has("rep") ? null : "the rep", roles.has("delivery-lead") ? null : "the delivery lead"].filter(Boolean);
      return missing.length ? item(false, `Waiting for ${missing.join(" and ")}.`) : item(true);
    }
    case "delivery-started": {
      const started = milestones.some((m) => ["in-progress", "done"].includes(read(m.status)));
      return started ? item(true) : item(false, milestones.length ? "No milestone is in progress yet." : "The delivery plan has no milestones.");
    }
    case "milestones-done": {
      if (!milestones.length) return item(false, "The delivery plan has no milestones.");
      const open = milestones.filter((m) => read(m.status) !== "done").length;
      return open ? item(false, `${plural(open, "milestone", "milestones")} of ${milestones.length} not done.`) : item(true);
    }
    case "commitments-delivered": {
      if (!commitments.length) return item(false, "No commitments recorded yet.");
      const open = commitments.filter((c) => read(c.status) !== "delivered").length;
      return open ? item(false, `${plural(open, "commitment", "commitments")} of ${commitments.length} not delivered.`) : item(true);
    }
    case "invoice-sent": {
      const ref = readOrNull(doc.payment?.invoiceReference);
      const date = readOrNull(doc.payment?.invoiceDate);
      return ref && date ? item(true, `${ref}, ${date}`) : item(false, ref || date ? "Record both the invoice reference and its date." : "No invoice yet.");
    }
    case "payment-received": {
      const paid = readOrNull(doc.payment?.paidDate);
      if (paid) return item(true, `Paid on ${paid}`);
      const due = readOrNull(doc.payment?.dueDate);
      return item(false, due ? (due < today ? `Overdue since ${due}.` : `Due on ${due}.`) : "Not paid yet.");
    }
  }
}

function section(doc: AccountDoc, stage: Stage, today: string): ChecklistSection {
  const items = STAGE_REQUIREMENTS[stage].map((id) => evaluate(doc, id, today));
  return { stage, items, open: items.filter((i) => !i.done).length };
}

/**
 * The items a move from `from` to `to` would leave open: everything the stages after
 * `from` up to and including `to` rest on. Moving back, or to lost / cancelled, skips nothing.
 */
export function openItemsForMove(doc: AccountDoc, from: Stage, to: Stage, today: string): ChecklistItem[] {
  const path = STAGE_PATH as readonly Stage[];
  const target = path.indexOf(to);
  if (target < 0) return [];
  const start = path.indexOf(from); // -1 for lost / cancelled: reopening checks the whole way.
  if (start >= target) return [];
  return path
    .slice(start + 1, target + 1)
    .flatMap((stage) => section(doc, stage, today).items)
    .filter((i) => !i.done);
}

/** What is open for the current stage and the next, on `today` (YYYY-MM-DD). */
export function stageChecklist(doc: AccountDoc, today: string): StageChecklist {
  const stage = stageOf(doc);
  const next = nextStage(stage);
  return {
    stage,
    current: section(doc, stage, today),
    next: next ? section(doc, next, today) : null,
    openRisks: risksOf(doc, { status: "open" }),
    won: isWon(doc),
  };
}
