/** Commands on commitments: what we promised the customer. Pure mutations, called inside `handle.change`. */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, CommitmentStatus, Person } from "../account/schema";
import { fixed, fixedOrNull, personRef } from "../account/fixed";
import { rankAtEnd, ranksForMove } from "../account/rank";
import { assertWritable } from "./account";
import { newAssignee } from "./assignees";
import { soundItems } from "./ranked";
import { MissingItemError } from "./errors";

export interface AddCommitmentArgs {
  id: string;
  text: string;
  promisedBy?: string;
  dueDate?: string | null;
  status?: CommitmentStatus;
  requirementId?: string | null;
  /** Who sees it through (a person who shares the account); by default whoever adds it. */
  assignee?: Person | null;
  by: Person;
  at: string;
}

export function addCommitment(doc: AccountDoc, a: AddCommitmentArgs): void {
  assertWritable(doc);
  doc.commitments[a.id] = {
    id: fixed(a.id),
    rank: fixed(rankAtEnd(doc.commitments)),
    text: a.text,
    requirementId: fixedOrNull(a.requirementId),
    promisedBy: fixed(a.promisedBy ?? ""),
    dueDate: fixedOrNull(a.dueDate),
    status: fixed(a.status ?? "proposed"),
    confirmed: null,
    assignee: newAssignee(doc, a.by, a.assignee),
    created: { by: personRef(a.by), at: fixed(a.at) },
  };
}

export interface EditCommitmentArgs {
  id: string;
  text?: string;
  promisedBy?: string;
  dueDate?: string | null;
  status?: CommitmentStatus;
  requirementId?: string | null;
}

/** Change some fields of a commitment; text merges with concurrent typing. */
export function editCommitment(doc: AccountDoc, a: EditCommitmentArgs): void {
  assertWritable(doc);
  const c = doc.commitments[a.id];
  if (!c) throw new MissingItemError("commitment", a.id);
  if (a.text !== undefined) updateText(doc, ["commitments", a.id, "text"], a.text);
  if (a.promisedBy !== undefined) c.promisedBy = fixed(a.promisedBy);
  if (a.dueDate !== undefined) c.dueDate = fixedOrNull(a.dueDate);
  if (a.status !== undefined) c.status = fixed(a.status);
  if (a.requirementId !== undefined) c.requirementId = fixedOrNull(a.requirementId);
}

/** Put a commitment at position `toIndex` of the list. */
export function moveCommitment(doc: AccountDoc, { id, toIndex }: { id: string; toIndex: number }): void {
  assertWritable(doc);
  const c = doc.commitments[id];
  if (!c) throw new MissingItemError("commitment", id);
  const ranks = ranksForMove(doc.commitments, id, toIndex) ?? {};
  for (const [itemId, rank] of Object.entries(ranks)) doc.commitments[itemId]!.rank = fixed(rank);
}

/** Remove a commitment and every milestone's link to it. */
export function removeCommitment(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  if (!doc.commitments[id]) throw new MissingItemError("commitment", id);
  delete doc.commitments[id];
  // Every occurrence: two people linking it at once leave it in the list twice.
  for (const m of soundItems(doc.milestones, ["milestones"])) {
    for (let i = m.commitmentIds.length - 1; i >= 0; i--) if (m.commitmentIds[i]!.toString() === id) m.commitmentIds.splice(i, 1);
  }
}
