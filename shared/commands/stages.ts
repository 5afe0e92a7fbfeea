/**
 * Moving an account through its stages. Every move is recorded (who, when, from, to,
 * why). A move forward that leaves checklist items open ("a promise of an order is not
 * an order") is refused unless the person gives a reason, which is recorded with the
 * move and shown on the timeline. Moving to ordered schedules the most important call.
 */
import { checkAccount } from "../account/check";
import type { AccountDoc, Person, Stage } from "../account/schema";
import { STAGES } from "../account/schema";
import { fixed, newId, personRef, read } from "../account/fixed";
import { localDateOf } from "../calendar";
import { CHECKLIST_LABELS, openItemsForMove, STAGE_LABELS, stageOf, type ChecklistItem } from "../queries/stage-checklist";
import { assertWritable } from "./account";
import { scheduleMostImportantCall } from "./most-important-call";
import { containerOf } from "./ranked";

/** Why a stage move was refused. */
export type StageRuleCode = "unknown-stage" | "same-stage" | "reason-required" | "open-items" | "not-paid";

/** Raised when a stage move breaks a rule; the message is for the person, `openItems` lists what is open. */
export class StageRuleError extends Error {
  constructor(
    readonly code: StageRuleCode,
    message: string,
    readonly openItems: readonly ChecklistItem[] = [],
  ) {
    super(message);
    this.name = "StageRuleError";
  }
}

/** Arguments of `moveStage`. */
export interface MoveStageArgs {
  to: Stage;
  /** Why. Required for lost / cancelled and for a move that leaves checklist items open. */
  reason?: string;
  by: Person;
  /** ISO instant of the move. */
  at: string;
  /** The mover's IANA time zone; the most important call is scheduled in it. */
  timeZone: string;
  /** The mover's calendar date (YYYY-MM-DD); by default the date in `timeZone` at `at`. */
  today?: string;
  /** Id of the move record; a new one by default. */
  id?: string;
  /**
   * Winning (Paid) or losing the deal ends its open risks' reason to exist: "close" closes
   * every open risk in the same change, "keep" leaves them open (absent: keep).
   */
  openRisks?: OpenRisksChoice;
}

/** What to do with the open risks when the deal is won or lost. */
export type OpenRisksChoice = "close" | "keep";

/** The stages that end the deal one way or the other: moving to one asks about the open risks. */
export const DEAL_ENDING_STAGES: readonly Stage[] = ["paid", "relationship", "lost", "cancelled"];

/** The open risks of `doc` (ids), which a move to a deal-ending stage asks about. */
export function openRiskIds(doc: AccountDoc): string[] {
  return Object.entries(doc.risks ?? {})
    .filter(([, r]) => r && typeof r === "object" && read(r.status) === "open")
    .map(([id]) => id);
}

/** The checklist items a move would skip, or throws `StageRuleError` when the move is not allowed as asked. */
export function checkStageMove(stored: AccountDoc, a: Omit<MoveStageArgs, "by" | "id">): ChecklistItem[] {
  // The checklist reads every part of the account: read it as checked, damaged items left out.
  const doc = checkAccount(stored).account;
  if (!(STAGES as readonly string[]).includes(a.to)) throw new StageRuleError("unknown-stage", `“${String(a.to)}” is not a stage.`);
  const from = stageOf(doc);
  if (from === a.to) throw new StageRuleError("same-stage", `The account is already at ${STAGE_LABELS[a.to]}.`);
  const reason = (a.reason ?? "").trim();
  if ((a.to === "lost" || a.to === "cancelled") && !reason) {
    throw new StageRuleError("reason-required", a.to === "lost" ? "Say why the account was lost." : "Say why the order was cancelled.");
  }
  const open = openItemsForMove(doc, from, a.to, a.today ?? localDateOf(a.at, a.timeZone));
  if (open.length && !reason) {
    const list = open.map((i) => CHECKLIST_LABELS[i.id].toLowerCase()).join("; ");
    throw new StageRuleError(
      "open-items",
      `${STAGE_LABELS[a.to]} cannot honestly be called done yet — still open: ${list}. Give a reason to move anyway.`,
      open,
    );
  }
  return open;
}

/** Move the account to another stage, recording who, when, from, to and why. */
export function moveStage(doc: AccountDoc, a: MoveStageArgs): void {
  assertWritable(doc);
  const from = stageOf(checkAccount(doc).account);
  const skipped = checkStageMove(doc, a);
  doc.stage = fixed(a.to);
  containerOf(doc, "stageHistory", () => []).push({
    id: fixed(a.id ?? newId()),
    from: fixed(from),
    to: fixed(a.to),
    reason: (a.reason ?? "").trim(),
    skipped: skipped.map((i) => fixed(i.id)),
    by: personRef(a.by),
    at: fixed(a.at),
  });
  if (a.to === "ordered") scheduleMostImportantCall(doc, { orderedAt: a.at, timeZone: a.timeZone, by: a.by });
  if (a.openRisks === "close" && DEAL_ENDING_STAGES.includes(a.to)) {
    for (const id of openRiskIds(doc)) doc.risks[id]!.status = fixed("closed");
  }
}
