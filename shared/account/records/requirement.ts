/** Something the customer needs, with where we learnt it. */
import { REQUIREMENT_SOURCES, type Fixed } from "../values";
import { attribution, choice, id, rank, record, text, type Check } from "../stored";
import type { AttributionDoc } from "./people";

export interface RequirementDoc {
  id: Fixed;
  rank: Fixed;
  text: string;
  source: Fixed;
  /** Which call note, email, quote or proposal it came from. */
  sourceReference: string;
  created: AttributionDoc;
}

export const requirementRecord: Check<RequirementDoc> = record({
  id,
  rank,
  text,
  source: choice(REQUIREMENT_SOURCES),
  sourceReference: text,
  created: attribution,
});
