/** The risks on an account, as plain views for the UI. */
import type { AccountDoc, Person, RiskKind, RiskSeverity, RiskStatus } from "../account/schema";
import { read, readPerson } from "../account/fixed";
import { inOrder } from "../account/rank";

/** A risk as the UI shows it. */
export interface RiskView {
  id: string;
  kind: RiskKind;
  description: string;
  severity: RiskSeverity;
  mitigation: string;
  status: RiskStatus;
  owner: string;
  createdBy: Person | null;
  createdAt: string;
}

/** The risks in their visible order; `status` narrows to one status (e.g. "open"). */
export function risksOf(doc: AccountDoc, filter: { status?: RiskStatus } = {}): RiskView[] {
  return inOrder(doc.risks ?? {})
    .map((r) => ({
      id: read(r.id),
      kind: read(r.kind) as RiskKind,
      description: read(r.description),
      severity: read(r.severity) as RiskSeverity,
      mitigation: read(r.mitigation),
      status: read(r.status) as RiskStatus,
      owner: read(r.owner),
      createdBy: readPerson(r.created?.by),
      createdAt: read(r.created?.at),
    }))
    .filter((r) => !filter.status || r.status === filter.status);
}
