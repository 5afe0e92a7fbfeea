/** A concern or remorse signal the customer raised (on the most important call or later). */
import { CONCERN_KINDS, type Fixed } from "../values";
import { attribution, choice, fixed, id, nullable, rank, record, text, type Check } from "../stored";
import type { AttributionDoc } from "./people";

export interface ConcernDoc {
  id: Fixed;
  rank: Fixed;
  /** A `ConcernKind`. */
  kind: Fixed;
  text: string;
  /** The call it came up on, if any. */
  followUpId: Fixed | null;
  /** Set when the concern has been dealt with. */
  resolved: AttributionDoc | null;
  created: AttributionDoc;
}

export const concernRecord: Check<ConcernDoc> = record({
  id,
  rank,
  kind: choice(CONCERN_KINDS),
  text,
  followUpId: nullable(fixed),
  resolved: nullable(attribution),
  created: attribution,
});
