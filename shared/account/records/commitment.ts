/** What we promised the customer, for which requirement, by whom and by when. */
import { COMMITMENT_STATUSES, CONFIRMATION_OCCASIONS, type Fixed } from "../values";
import { attribution, choice, date, fixed, id, instant, nullable, orMissing, person, rank, record, text, type Check } from "../stored";
import type { AttributionDoc, PersonRefDoc } from "./people";

/** The customer confirmed a commitment: on the most important call or in the handoff meeting. */
export interface CustomerConfirmationDoc {
  occasion: Fixed;
  at: Fixed;
  by: PersonRefDoc;
}

export interface CommitmentDoc {
  id: Fixed;
  rank: Fixed;
  /** What we promised (collaborative text). */
  text: string;
  requirementId: Fixed | null;
  /** Who promised it (a person's name as typed). */
  promisedBy: Fixed;
  /** By when (ISO date). */
  dueDate: Fixed | null;
  status: Fixed;
  confirmed: CustomerConfirmationDoc | null;
  /** Who does it and is reminded of it: a person who shares the account (rep or delivery lead); null when nobody is. */
  assignee: PersonRefDoc | null;
  created: AttributionDoc;
}

export const commitmentRecord: Check<CommitmentDoc> = record({
  id,
  rank,
  text,
  requirementId: nullable(fixed),
  promisedBy: fixed,
  dueDate: nullable(date),
  status: choice(COMMITMENT_STATUSES),
  confirmed: nullable(record({ occasion: choice(CONFIRMATION_OCCASIONS), at: instant, by: person })),
  // Absent on items an older Baton made after this account was upgraded (migration 3 fills it in).
  assignee: orMissing(nullable(person)),
  created: attribution,
});
