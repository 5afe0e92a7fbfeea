/** A step of the delivery plan, with the commitments it fulfils and what must finish first. */
import { MILESTONE_STATUSES, type Fixed } from "../values";
import { attribution, choice, date, fixed, id, ids, nullable, orMissing, person, rank, record, text, type Check } from "../stored";
import type { AttributionDoc, PersonRefDoc } from "./people";

export interface MilestoneDoc {
  id: Fixed;
  rank: Fixed;
  title: string;
  owner: Fixed;
  startDate: Fixed | null;
  endDate: Fixed | null;
  status: Fixed;
  /** Ids of milestones that must finish first. */
  dependsOn: Fixed[];
  /** Ids of the commitments this milestone fulfils. */
  commitmentIds: Fixed[];
  /** Who does it and is reminded of it: a person who shares the account (rep or delivery lead); null when nobody is. */
  assignee: PersonRefDoc | null;
  created: AttributionDoc;
}

export const milestoneRecord: Check<MilestoneDoc> = record({
  id,
  rank,
  title: text,
  owner: fixed,
  startDate: nullable(date),
  endDate: nullable(date),
  status: choice(MILESTONE_STATUSES),
  dependsOn: ids,
  commitmentIds: ids,
  // Absent on items an older Baton made after this account was upgraded (migration 3 fills it in).
  assignee: orMissing(nullable(person)),
  created: attribution,
});
