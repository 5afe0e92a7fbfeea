/** Something that can still stop the deal or the delivery, with its mitigation. */
import { RISK_KINDS, RISK_SEVERITIES, RISK_STATUSES, type Fixed } from "../values";
import { attribution, choice, fixed, id, rank, record, text, type Check } from "../stored";
import type { AttributionDoc } from "./people";

export interface RiskDoc {
  id: Fixed;
  rank: Fixed;
  kind: Fixed;
  description: string;
  severity: Fixed;
  mitigation: string;
  status: Fixed;
  owner: Fixed;
  created: AttributionDoc;
}

export const riskRecord: Check<RiskDoc> = record({
  id,
  rank,
  kind: choice(RISK_KINDS),
  description: text,
  severity: choice(RISK_SEVERITIES),
  mitigation: text,
  status: choice(RISK_STATUSES),
  owner: fixed,
  created: attribution,
});
