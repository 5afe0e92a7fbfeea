/** A call or meeting agreed for a precise time: a follow-up, the most important call, the handoff meeting. */
import { CALL_OUTCOMES, FOLLOW_UP_PURPOSES, NEXT_STEP_KINDS, type Fixed } from "../values";
import { attribution, choice, fixed, id, instant, nullable, orMissing, person, record, text, type Check } from "../stored";
import type { AttributionDoc, PersonRefDoc } from "./people";

export interface FollowUpDoc {
  id: Fixed;
  /** "call", "most-important-call", "handoff-meeting", "follow-up". */
  purpose: Fixed;
  /** The agreed time, an ISO instant. */
  agreedTime: Fixed;
  /** The IANA time zone it was agreed in. */
  timeZone: Fixed;
  /** Why we call back: the real objection (a follow-up), or what the call is for. */
  reason: string;
  /** Notes for the call: what was discussed (goals, options presented) and what is to happen before it. */
  callGuide: string;
  outcome: Fixed | null;
  nextStep: string;
  /** A `NextStepKind`, once a reached call has one. */
  nextStepKind: Fixed | null;
  /** The call this one follows on from (a retry after a voicemail, or the next agreed call). */
  previousId: Fixed | null;
  /** Who does it and is reminded of it: a person who shares the account (rep or delivery lead); null when nobody is. */
  assignee: PersonRefDoc | null;
  created: AttributionDoc;
}

export const followUpRecord: Check<FollowUpDoc> = record({
  id,
  purpose: choice(FOLLOW_UP_PURPOSES),
  agreedTime: instant,
  timeZone: fixed,
  reason: text,
  callGuide: text,
  outcome: nullable(choice(CALL_OUTCOMES)),
  nextStep: text,
  // Absent on calls an older Baton made after this account was upgraded (migration 2 fills them in).
  nextStepKind: orMissing(nullable(choice(NEXT_STEP_KINDS))),
  previousId: orMissing(nullable(fixed)),
  // Absent on items an older Baton made after this account was upgraded (migration 3 fills it in).
  assignee: orMissing(nullable(person)),
  created: attribution,
});

/** Migration 2: the fields added after schema 1 exist on every call. */
export function followUpV2(call: Record<string, unknown>): void {
  if (call.nextStepKind === undefined) call.nextStepKind = null;
  if (call.previousId === undefined) call.previousId = null;
}
