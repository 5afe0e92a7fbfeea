/** A call, meeting or note someone logged on the timeline. */
import { ACTIVITY_KINDS, CALL_OUTCOMES, type Fixed } from "../values";
import { choice, fixed, id, instant, nullable, orMissing, person, record, text, type Check } from "../stored";
import type { PersonRefDoc } from "./people";

export interface ActivityDoc {
  id: Fixed;
  kind: Fixed;
  summary: string;
  at: Fixed;
  by: PersonRefDoc;
  /** The scheduled call or meeting this logs, if any. */
  followUpId: Fixed | null;
  /** How that call went (a `CallOutcome`), if it logs one. */
  outcome: Fixed | null;
}

export const activityRecord: Check<ActivityDoc> = record({
  id,
  kind: choice(ACTIVITY_KINDS),
  summary: text,
  at: instant,
  by: person,
  // Absent on activities an older Baton logged after this account was upgraded (migration 2 fills them in).
  followUpId: orMissing(nullable(fixed)),
  outcome: orMissing(nullable(choice(CALL_OUTCOMES))),
});

/** Migration 2: the links added after schema 1 exist on every activity. */
export function activityV2(activity: Record<string, unknown>): void {
  if (activity.followUpId === undefined) activity.followUpId = null;
  if (activity.outcome === undefined) activity.outcome = null;
}
