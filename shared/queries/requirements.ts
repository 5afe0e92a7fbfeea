/** The customer's requirements, as plain views for the UI. */
import type { AccountDoc, Person, RequirementSource } from "../account/schema";
import { read, readPerson } from "../account/fixed";
import { inOrder } from "../account/rank";

/** A requirement as the UI shows it. */
export interface RequirementView {
  id: string;
  text: string;
  source: RequirementSource;
  sourceReference: string;
  /** Commitments that say they meet this requirement (dropped ones included), in list order. */
  commitmentIds: string[];
  createdBy: Person | null;
  createdAt: string;
}

/** The requirements in their visible order, each with the commitments linked to it. */
export function requirementsOf(doc: AccountDoc): RequirementView[] {
  const commitments = inOrder(doc.commitments ?? {});
  return inOrder(doc.requirements ?? {}).map((r) => {
    const id = read(r.id);
    return {
      id,
      text: read(r.text),
      source: read(r.source) as RequirementSource,
      sourceReference: read(r.sourceReference),
      commitmentIds: commitments.filter((c) => read(c.requirementId) === id).map((c) => read(c.id)),
      createdBy: readPerson(r.created?.by),
      createdAt: read(r.created?.at),
    };
  });
}
