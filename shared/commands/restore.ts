/**
 * Undo for removals. Before removing a commitment or a milestone the UI takes a plain
 * snapshot (strings only, detached from the document); "Undo" writes it back with the
 * same id and rank, so the item returns to the same place with the same attribution,
 * and the links that the removal cut (milestone → commitment, milestone → milestone)
 * are restored where both ends still exist.
 */
import type { AccountDoc, Person } from "../account/schema";
import { fixed, fixedOrNull, personRef, read, readOrNull, readPerson } from "../account/fixed";
import { assertWritable } from "./account";
import { soundAt } from "../account/check";
import { soundItems } from "./ranked";
import { MissingItemError } from "./errors";
import { recordedAssignee } from "../queries/assignees";

/** A removed commitment, as plain data. */
export interface CommitmentSnapshot {
  id: string;
  rank: string;
  text: string;
  requirementId: string | null;
  promisedBy: string;
  dueDate: string | null;
  status: string;
  confirmed: { occasion: string; at: string; by: Person } | null;
  assignee: Person | null;
  created: { by: Person; at: string };
  /** Milestones that fulfilled this commitment. */
  linkedMilestoneIds: string[];
}

/** A removed milestone, as plain data. */
export interface MilestoneSnapshot {
  id: string;
  rank: string;
  title: string;
  owner: string;
  startDate: string | null;
  endDate: string | null;
  status: string;
  dependsOn: string[];
  commitmentIds: string[];
  assignee: Person | null;
  created: { by: Person; at: string };
  /** Milestones that depended on this one. */
  dependentMilestoneIds: string[];
}

const unknownPerson: Person = { id: "unknown", name: "Unknown" };

/** Take a snapshot of a commitment before removing it. */
export function snapshotCommitment(doc: AccountDoc, id: string): CommitmentSnapshot {
  const c = doc.commitments[id];
  if (!c) throw new MissingItemError("commitment", id);
  return {
    id,
    rank: read(c.rank),
    text: read(c.text),
    requirementId: readOrNull(c.requirementId),
    promisedBy: read(c.promisedBy),
    dueDate: readOrNull(c.dueDate),
    status: read(c.status),
    confirmed: c.confirmed
      ? { occasion: read(c.confirmed.occasion), at: read(c.confirmed.at), by: readPerson(c.confirmed.by) ?? unknownPerson }
      : null,
    assignee: recordedAssignee(c),
    created: { by: readPerson(c.created?.by) ?? unknownPerson, at: read(c.created?.at) },
    linkedMilestoneIds: soundItems(doc.milestones, ["milestones"])
      .filter((m) => m.commitmentIds.some((x) => read(x) === id))
      .map((m) => read(m.id)),
  };
}

/** Put a removed commitment back where it was. Does nothing if it is already there. */
export function restoreCommitment(doc: AccountDoc, s: CommitmentSnapshot): void {
  assertWritable(doc);
  if (doc.commitments[s.id]) return;
  doc.commitments[s.id] = {
    id: fixed(s.id),
    rank: fixed(s.rank),
    text: s.text,
    requirementId: fixedOrNull(s.requirementId),
    promisedBy: fixed(s.promisedBy),
    dueDate: fixedOrNull(s.dueDate),
    status: fixed(s.status),
    confirmed: s.confirmed ? { occasion: fixed(s.confirmed.occasion), at: fixed(s.confirmed.at), by: personRef(s.confirmed.by) } : null,
    assignee: s.assignee ? personRef(s.assignee) : null,
    created: { by: personRef(s.created.by), at: fixed(s.created.at) },
  };
  for (const mid of s.linkedMilestoneIds) {
    const m = doc.milestones[mid];
    // A milestone damaged since the removal is left as it is (it is shown as damaged).
    if (m && soundAt(["milestones", mid], m) && !m.commitmentIds.some((x) => read(x) === s.id)) m.commitmentIds.push(fixed(s.id));
  }
}

/** Take a snapshot of a milestone before removing it. */
export function snapshotMilestone(doc: AccountDoc, id: string): MilestoneSnapshot {
  const m = doc.milestones[id];
  if (!m) throw new MissingItemError("milestone", id);
  return {
    id,
    rank: read(m.rank),
    title: read(m.title),
    owner: read(m.owner),
    startDate: readOrNull(m.startDate),
    endDate: readOrNull(m.endDate),
    status: read(m.status),
    dependsOn: m.dependsOn.map(read),
    commitmentIds: m.commitmentIds.map(read),
    assignee: recordedAssignee(m),
    created: { by: readPerson(m.created?.by) ?? unknownPerson, at: read(m.created?.at) },
    dependentMilestoneIds: soundItems(doc.milestones, ["milestones"])
      .filter((other) => other.dependsOn.some((x) => read(x) === id))
      .map((other) => read(other.id)),
  };
}

/** Put a removed milestone back where it was. Does nothing if it is already there. */
export function restoreMilestone(doc: AccountDoc, s: MilestoneSnapshot): void {
  assertWritable(doc);
  if (doc.milestones[s.id]) return;
  doc.milestones[s.id] = {
    id: fixed(s.id),
    rank: fixed(s.rank),
    title: s.title,
    owner: fixed(s.owner),
    startDate: fixedOrNull(s.startDate),
    endDate: fixedOrNull(s.endDate),
    status: fixed(s.status),
    // Links only to what still exists: the other laptop may have removed it meanwhile.
    dependsOn: s.dependsOn.filter((x) => doc.milestones[x]).map(fixed),
    commitmentIds: s.commitmentIds.filter((x) => doc.commitments[x]).map(fixed),
    assignee: s.assignee ? personRef(s.assignee) : null,
    created: { by: personRef(s.created.by), at: fixed(s.created.at) },
  };
  for (const mid of s.dependentMilestoneIds) {
    const other = doc.milestones[mid];
    if (other && soundAt(["milestones", mid], other) && !other.dependsOn.some((x) => read(x) === s.id)) other.dependsOn.push(fixed(s.id));
  }
}
