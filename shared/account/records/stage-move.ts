/** A move of the account from one stage to another, kept in order in `stageHistory`. */
import { STAGES, type Fixed } from "../values";
import { choice, fixed, id, instant, listOf, person, record, text, type Check } from "../stored";
import type { PersonRefDoc } from "./people";

export interface StageMoveDoc {
  id: Fixed;
  from: Fixed;
  to: Fixed;
  /** Why, when the move skipped open items or ended the account (lost / cancelled). */
  reason: string;
  /** Checklist items that were still open when the move was made (ids, see `stageChecklist`). */
  skipped: Fixed[];
  by: PersonRefDoc;
  at: Fixed;
}

export const stageMoveRecord: Check<StageMoveDoc> = record({
  id,
  from: choice(STAGES),
  to: choice(STAGES),
  reason: text,
  skipped: listOf(fixed),
  by: person,
  at: instant,
});
