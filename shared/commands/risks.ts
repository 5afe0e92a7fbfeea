/** Commands on the risks that can still cost the deal. Pure mutations, called inside `handle.change`. */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, Person, RiskKind, RiskSeverity, RiskStatus } from "../account/schema";
import { fixed, personRef } from "../account/fixed";
import { rankAtEnd } from "../account/rank";
import { assertWritable } from "./account";
import { containerOf, itemOf, moveItem } from "./ranked";

/** Arguments of `addRisk`. */
export interface AddRiskArgs {
  id: string;
  kind: RiskKind;
  description: string;
  severity?: RiskSeverity;
  mitigation?: string;
  status?: RiskStatus;
  /** Who looks after it (a name as typed). */
  owner?: string;
  by: Person;
  at: string;
}

/** Add a risk at the end of the list (open, medium severity unless said otherwise). */
export function addRisk(doc: AccountDoc, a: AddRiskArgs): void {
  assertWritable(doc);
  const risks = containerOf(doc, "risks", () => ({}));
  risks[a.id] = {
    id: fixed(a.id),
    rank: fixed(rankAtEnd(risks)),
    kind: fixed(a.kind),
    description: a.description,
    severity: fixed(a.severity ?? "medium"),
    mitigation: a.mitigation ?? "",
    status: fixed(a.status ?? "open"),
    owner: fixed(a.owner ?? ""),
    created: { by: personRef(a.by), at: fixed(a.at) },
  };
}

/** Arguments of `editRisk`: only the fields given change. */
export interface EditRiskArgs {
  id: string;
  kind?: RiskKind;
  description?: string;
  severity?: RiskSeverity;
  mitigation?: string;
  status?: RiskStatus;
  owner?: string;
}

/** Change some fields of a risk; description and mitigation merge with concurrent typing. */
export function editRisk(doc: AccountDoc, a: EditRiskArgs): void {
  assertWritable(doc);
  const r = itemOf(doc.risks, "risk", a.id);
  if (a.kind !== undefined) r.kind = fixed(a.kind);
  if (a.description !== undefined) updateText(doc, ["risks", a.id, "description"], a.description);
  if (a.severity !== undefined) r.severity = fixed(a.severity);
  if (a.mitigation !== undefined) updateText(doc, ["risks", a.id, "mitigation"], a.mitigation);
  if (a.status !== undefined) r.status = fixed(a.status);
  if (a.owner !== undefined) r.owner = fixed(a.owner);
}

/** Put a risk at position `toIndex` of the list. */
export function moveRisk(doc: AccountDoc, { id, toIndex }: { id: string; toIndex: number }): void {
  assertWritable(doc);
  moveItem(doc.risks, "risk", id, toIndex);
}

/** Remove a risk recorded by mistake (a risk that is over is closed, not removed). */
export function removeRisk(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  itemOf(doc.risks, "risk", id);
  delete doc.risks[id];
}
