/**
 * Follow-up discipline before the order (PRODUCT.md, "Why it exists" 4): when a prospect
 * will not decide on the first call, the rep leaves with the reason for the callback, the
 * customer's feedback, the decision process, a precise agreed callback time and notes.
 * On the follow-up call the outcome is logged (reached / voicemail / no answer); a
 * voicemail schedules the retry, a reached call without a decision the next agreed call,
 * each linked to the call it follows on from.
 *
 * Times arrive here already checked (`validation/follow-ups.ts`): an ISO instant and the
 * IANA zone it was agreed in. Pure mutations, called inside `handle.change`.
 */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, CallOutcome, FeedbackDoc, DecisionProcessDoc, NextStepKind, Person } from "../account/schema";
import { fixed, fixedOrNull, personRef, read } from "../account/fixed";
import { assertWritable } from "./account";
import { newAssignee } from "./assignees";
import { logCallOutcome } from "./most-important-call";
import { containerOf, itemOf } from "./ranked";

/** What a person can schedule by hand (the most important call schedules itself). */
export const SCHEDULABLE_PURPOSES = ["follow-up", "call", "handoff-meeting"] as const;
/** A kind of call or meeting a person can schedule. */
export type SchedulablePurpose = (typeof SCHEDULABLE_PURPOSES)[number];

/** Arguments of `recordFollowUp`. */
export interface RecordFollowUpArgs {
  id: string;
  /** Default "follow-up". */
  purpose?: SchedulablePurpose;
  /** The agreed time, an ISO instant. */
  agreedTime: string;
  /** The IANA zone it was agreed in. */
  timeZone: string;
  /** The reason for the callback: the real objection. */
  reason: string;
  /** What was discussed and what is to happen before the call. */
  notes?: string;
  /** The call this one follows on from. */
  previousId?: string | null;
  /** Who makes the call (a person who shares the account); by default whoever schedules it. */
  assignee?: Person | null;
  by: Person;
  at: string;
}

/** Record a follow-up (or schedule a call or the handoff meeting) at an agreed time. */
export function recordFollowUp(doc: AccountDoc, a: RecordFollowUpArgs): void {
  assertWritable(doc);
  const followUps = containerOf(doc, "followUps", () => ({}));
  followUps[a.id] = {
    id: fixed(a.id),
    purpose: fixed(a.purpose ?? "follow-up"),
    agreedTime: fixed(a.agreedTime),
    timeZone: fixed(a.timeZone),
    reason: a.reason,
    callGuide: a.notes ?? "",
    outcome: null,
    nextStep: "",
    nextStepKind: null,
    previousId: fixedOrNull(a.previousId),
    assignee: newAssignee(doc, a.by, a.assignee),
    created: { by: personRef(a.by), at: fixed(a.at) },
  };
}

/** Arguments of `editFollowUp`: only the fields given change. */
export interface EditFollowUpArgs {
  id: string;
  reason?: string;
  notes?: string;
  nextStep?: string;
}

/** Change the reason, the notes or the next step (the words merge with concurrent typing). */
export function editFollowUp(doc: AccountDoc, a: EditFollowUpArgs): void {
  assertWritable(doc);
  itemOf(doc.followUps, "follow-up", a.id);
  if (a.reason !== undefined) updateText(doc, ["followUps", a.id, "reason"], a.reason);
  if (a.notes !== undefined) updateText(doc, ["followUps", a.id, "callGuide"], a.notes);
  if (a.nextStep !== undefined) updateText(doc, ["followUps", a.id, "nextStep"], a.nextStep);
}

/** Arguments of `rescheduleFollowUp`. */
export interface RescheduleFollowUpArgs {
  id: string;
  agreedTime: string;
  timeZone: string;
}

/** Move a call to another agreed time (its reminder fires again at the new time). */
export function rescheduleFollowUp(doc: AccountDoc, a: RescheduleFollowUpArgs): void {
  assertWritable(doc);
  const f = itemOf(doc.followUps, "follow-up", a.id);
  f.agreedTime = fixed(a.agreedTime);
  f.timeZone = fixed(a.timeZone);
}

/** Remove a call scheduled by mistake. Calls that others follow on from keep their links (they read as "no longer recorded"). */
export function removeFollowUp(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  itemOf(doc.followUps, "follow-up", id);
  delete doc.followUps[id];
}

/** The customer's feedback, field by field. */
export type FeedbackInput = Partial<Record<keyof FeedbackDoc, string>>;

/** Change what the customer said about the options and the price (each field merges with concurrent typing). */
export function editFeedback(doc: AccountDoc, a: FeedbackInput): void {
  assertWritable(doc);
  containerOf(doc, "feedback", () => ({ likes: "", optionsComfort: "", priceFit: "", viability: "" }));
  for (const key of ["likes", "optionsComfort", "priceFit", "viability"] as const) {
    const value = a[key];
    if (value !== undefined) updateText(doc, ["feedback", key], value);
  }
}

/** The decision process, field by field; `meetingDate` is YYYY-MM-DD or null. */
export type DecisionProcessInput = Partial<Record<Exclude<keyof DecisionProcessDoc, "meetingDate">, string>> & { meetingDate?: string | null };

/** Change who else decides, when they meet, what they need and how long they need to review. */
export function editDecisionProcess(doc: AccountDoc, a: DecisionProcessInput): void {
  assertWritable(doc);
  const dp = containerOf(doc, "decisionProcess", () => ({ otherDecisionMakers: "", meetingDate: null, informationNeeded: "", reviewTime: "", notes: "" }));
  for (const key of ["otherDecisionMakers", "informationNeeded", "reviewTime", "notes"] as const) {
    const value = a[key];
    if (value !== undefined) updateText(doc, ["decisionProcess", key], value);
  }
  if (a.meetingDate !== undefined) dp.meetingDate = fixedOrNull(a.meetingDate);
}

/** The next call agreed (or the retry planned) when logging a call. */
export interface NextCallArgs {
  id: string;
  agreedTime: string;
  timeZone: string;
  /** Default: the reason of the call being logged. */
  reason?: string;
}

/** Arguments of `logFollowUpCall`. */
export interface LogFollowUpCallArgs {
  followUpId: string;
  outcome: CallOutcome;
  /** What happened, in the rep's words. */
  summary: string;
  /** What advances the sale (reached calls). */
  nextStepKind?: NextStepKind | null;
  nextStep?: string;
  /** The retry after a voicemail or no answer, or the next agreed call when there is no decision yet. */
  next?: NextCallArgs | null;
  /** Id of the timeline activity this creates. */
  activityId: string;
  by: Person;
  /** When the call took place (ISO instant). */
  at: string;
}

/**
 * Log how a follow-up call went: the outcome goes on the timeline (as `logCallOutcome`),
 * a reached call keeps its next step, and the retry or next agreed call is scheduled,
 * linked back to this one. A retry keeps the reason and notes (nothing new was said);
 * the next call after a conversation starts from what was said on this one.
 */
export function logFollowUpCall(doc: AccountDoc, a: LogFollowUpCallArgs): void {
  assertWritable(doc);
  const call = itemOf(doc.followUps, "follow-up", a.followUpId);
  logCallOutcome(doc, {
    followUpId: a.followUpId,
    outcome: a.outcome,
    summary: a.summary,
    nextStep: a.nextStep,
    activityId: a.activityId,
    by: a.by,
    at: a.at,
  });
  if (a.nextStepKind !== undefined) call.nextStepKind = fixedOrNull(a.nextStepKind);
  if (a.next) {
    const reached = a.outcome === "reached";
    const purpose = read(call.purpose);
    recordFollowUp(doc, {
      id: a.next.id,
      purpose: (["follow-up", "call", "handoff-meeting"] as const).find((p) => p === purpose) ?? "call",
      agreedTime: a.next.agreedTime,
      timeZone: a.next.timeZone,
      reason: a.next.reason ?? read(call.reason),
      notes: reached ? [a.summary.trim(), (a.nextStep ?? "").trim()].filter(Boolean).join("\n") : read(call.callGuide),
      previousId: a.followUpId,
      by: a.by,
      at: a.at,
    });
  }
}
