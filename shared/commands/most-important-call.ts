/**
 * The most important call: scheduled the next business day after the order at 09:00 in
 * the rep's time zone; during it the rep ticks "customer confirmed" per commitment,
 * notes concerns and remorse signals, and logs the outcome on the timeline.
 */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, CallOutcome, ConcernKind, ConfirmationOccasion, Person } from "../account/schema";
import { fixed, fixedOrNull, personRef, readPerson } from "../account/fixed";
import { rankAtEnd } from "../account/rank";
import { localDateOf, nextBusinessDay, zonedTimeToInstant } from "../calendar";
import { MOST_IMPORTANT_CALL_ID } from "../queries/call-guide";
import { assertWritable } from "./account";
import { newAssignee } from "./assignees";
import { containerOf, itemOf } from "./ranked";

/** The time of day the most important call is scheduled at, in the rep's zone. */
export const MOST_IMPORTANT_CALL_TIME = "09:00";

/** When the most important call falls for an order received at `orderedAt` (ISO instant): the next business day, 09:00 in `timeZone`. */
export function mostImportantCallTime(orderedAt: string, timeZone: string, time: string = MOST_IMPORTANT_CALL_TIME): string {
  return zonedTimeToInstant(nextBusinessDay(localDateOf(orderedAt, timeZone)), time, timeZone);
}

/** Arguments of `scheduleMostImportantCall`. */
export interface ScheduleMostImportantCallArgs {
  /** When the order was received (ISO instant). */
  orderedAt: string;
  /** The rep's IANA time zone. */
  timeZone: string;
  by: Person;
}

/**
 * Schedule the most important call for the next business day at 09:00, unless one is
 * already scheduled (moving back and forth through ordered schedules it once).
 */
export function scheduleMostImportantCall(doc: AccountDoc, a: ScheduleMostImportantCallArgs): void {
  assertWritable(doc);
  const followUps = containerOf(doc, "followUps", () => ({}));
  if (followUps[MOST_IMPORTANT_CALL_ID] || Object.values(followUps).some((f) => f.purpose?.toString() === "most-important-call")) return;
  followUps[MOST_IMPORTANT_CALL_ID] = {
    id: fixed(MOST_IMPORTANT_CALL_ID),
    purpose: fixed("most-important-call"),
    agreedTime: fixed(mostImportantCallTime(a.orderedAt, a.timeZone)),
    timeZone: fixed(a.timeZone),
    // Short: the Today view and the account summary show it as the call's title.
    reason: "Most important call: confirm requirements, commitments and delivery dates",
    callGuide: "",
    outcome: null,
    nextStep: "",
    nextStepKind: null,
    previousId: null,
    // The rep makes it (PRODUCT.md: the rep runs the most important call).
    assignee: newAssignee(doc, a.by, readPerson(doc.rep)),
    created: { by: personRef(a.by), at: fixed(a.orderedAt) },
  };
}

/** Arguments of `rescheduleMostImportantCall`. */
export interface RescheduleMostImportantCallArgs {
  /** YYYY-MM-DD in `timeZone`. */
  date: string;
  /** HH:MM in `timeZone`. */
  time: string;
  timeZone: string;
}

/** Move the most important call to another date and time. */
export function rescheduleMostImportantCall(doc: AccountDoc, a: RescheduleMostImportantCallArgs): void {
  assertWritable(doc);
  const call = itemOf(doc.followUps, "call", MOST_IMPORTANT_CALL_ID);
  call.agreedTime = fixed(zonedTimeToInstant(a.date, a.time, a.timeZone));
  call.timeZone = fixed(a.timeZone);
}

/** Arguments of `confirmCommitment`. */
export interface ConfirmCommitmentArgs {
  commitmentId: string;
  /** Where the customer confirmed it. */
  occasion: ConfirmationOccasion;
  /** False takes the tick back. */
  confirmed: boolean;
  by: Person;
  at: string;
}

/** Tick (or untick) "customer confirmed" on a commitment. */
export function confirmCommitment(doc: AccountDoc, a: ConfirmCommitmentArgs): void {
  assertWritable(doc);
  const c = itemOf(doc.commitments, "commitment", a.commitmentId);
  c.confirmed = a.confirmed ? { occasion: fixed(a.occasion), at: fixed(a.at), by: personRef(a.by) } : null;
}

/** Arguments of `addConcern`. */
export interface AddConcernArgs {
  id: string;
  kind: ConcernKind;
  text: string;
  /** The call it came up on. */
  followUpId?: string | null;
  by: Person;
  at: string;
}

/** Note a concern or remorse signal the customer raised. */
export function addConcern(doc: AccountDoc, a: AddConcernArgs): void {
  assertWritable(doc);
  const concerns = containerOf(doc, "concerns", () => ({}));
  concerns[a.id] = {
    id: fixed(a.id),
    rank: fixed(rankAtEnd(concerns)),
    kind: fixed(a.kind),
    text: a.text,
    followUpId: fixedOrNull(a.followUpId),
    resolved: null,
    created: { by: personRef(a.by), at: fixed(a.at) },
  };
}

/** Arguments of `editConcern`: only the fields given change. */
export interface EditConcernArgs {
  id: string;
  kind?: ConcernKind;
  text?: string;
}

/** Change a concern's kind or words (the words merge with concurrent typing). */
export function editConcern(doc: AccountDoc, a: EditConcernArgs): void {
  assertWritable(doc);
  const c = itemOf(doc.concerns, "concern", a.id);
  if (a.kind !== undefined) c.kind = fixed(a.kind);
  if (a.text !== undefined) updateText(doc, ["concerns", a.id, "text"], a.text);
}

/** Mark a concern as dealt with, or open it again. */
export function resolveConcern(doc: AccountDoc, a: { id: string; resolved: boolean; by: Person; at: string }): void {
  assertWritable(doc);
  const c = itemOf(doc.concerns, "concern", a.id);
  c.resolved = a.resolved ? { by: personRef(a.by), at: fixed(a.at) } : null;
}

/** Remove a concern noted by mistake. */
export function removeConcern(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  itemOf(doc.concerns, "concern", id);
  delete doc.concerns[id];
}

/** Arguments of `logCallOutcome`. */
export interface LogCallOutcomeArgs {
  /** The scheduled call (e.g. `MOST_IMPORTANT_CALL_ID`). */
  followUpId: string;
  outcome: CallOutcome;
  /** What happened, in the rep's words. */
  summary: string;
  nextStep?: string;
  /** Id of the timeline activity this creates. */
  activityId: string;
  by: Person;
  /** When the call took place (ISO instant). */
  at: string;
}

/** Record how a scheduled call went; the call goes on the timeline as an activity. */
export function logCallOutcome(doc: AccountDoc, a: LogCallOutcomeArgs): void {
  assertWritable(doc);
  const call = itemOf(doc.followUps, "call", a.followUpId);
  call.outcome = fixed(a.outcome);
  if (a.nextStep !== undefined) updateText(doc, ["followUps", a.followUpId, "nextStep"], a.nextStep);
  containerOf(doc, "activities", () => []).push({
    id: fixed(a.activityId),
    kind: fixed("call"),
    summary: a.summary,
    at: fixed(a.at),
    by: personRef(a.by),
    followUpId: fixed(a.followUpId),
    outcome: fixed(a.outcome),
  });
}
