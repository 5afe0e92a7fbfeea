/**
 * Commands on the customer's requirements, and the link from a commitment to the
 * requirement it meets. Removing a requirement unlinks its commitments; the UI keeps a
 * snapshot for "Undo", which puts the requirement and its links back.
 */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, Person, RequirementSource } from "../account/schema";
import { fixed, personRef, read, readPerson } from "../account/fixed";
import { rankAtEnd } from "../account/rank";
import { assertWritable } from "./account";
import { containerOf, itemOf, moveItem, soundItems } from "./ranked";

/** Arguments of `addRequirement`. */
export interface AddRequirementArgs {
  id: string;
  text: string;
  source: RequirementSource;
  /** Which call note, email, quote or proposal (e.g. "Proposal v3, §2"). */
  sourceReference?: string;
  by: Person;
  at: string;
}

/** Add a requirement at the end of the list. */
export function addRequirement(doc: AccountDoc, a: AddRequirementArgs): void {
  assertWritable(doc);
  const requirements = containerOf(doc, "requirements", () => ({}));
  requirements[a.id] = {
    id: fixed(a.id),
    rank: fixed(rankAtEnd(requirements)),
    text: a.text,
    source: fixed(a.source),
    sourceReference: a.sourceReference ?? "",
    created: { by: personRef(a.by), at: fixed(a.at) },
  };
}

/** Arguments of `editRequirement`: only the fields given change. */
export interface EditRequirementArgs {
  id: string;
  text?: string;
  source?: RequirementSource;
  sourceReference?: string;
}

/** Change some fields of a requirement; text merges with concurrent typing. */
export function editRequirement(doc: AccountDoc, a: EditRequirementArgs): void {
  assertWritable(doc);
  const r = itemOf(doc.requirements, "requirement", a.id);
  if (a.text !== undefined) updateText(doc, ["requirements", a.id, "text"], a.text);
  if (a.source !== undefined) r.source = fixed(a.source);
  if (a.sourceReference !== undefined) updateText(doc, ["requirements", a.id, "sourceReference"], a.sourceReference);
}

/** Put a requirement at position `toIndex` of the list. */
export function moveRequirement(doc: AccountDoc, { id, toIndex }: { id: string; toIndex: number }): void {
  assertWritable(doc);
  moveItem(doc.requirements, "requirement", id, toIndex);
}

/** Remove a requirement; commitments that met it are no longer linked to it. */
export function removeRequirement(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  itemOf(doc.requirements, "requirement", id);
  delete doc.requirements[id];
  for (const c of soundItems(doc.commitments, ["commitments"])) if (read(c.requirementId) === id) c.requirementId = null;
}

/** Link a commitment to the requirement it meets, or unlink it (`requirementId: null`). */
export function linkRequirement(doc: AccountDoc, a: { commitmentId: string; requirementId: string | null }): void {
  assertWritable(doc);
  const c = itemOf(doc.commitments, "commitment", a.commitmentId);
  if (a.requirementId !== null) itemOf(doc.requirements, "requirement", a.requirementId);
  c.requirementId = a.requirementId === null ? null : fixed(a.requirementId);
}

/** A removed requirement, as plain data. */
export interface RequirementSnapshot {
  id: string;
  rank: string;
  text: string;
  source: string;
  sourceReference: string;
  created: { by: Person; at: string };
  /** Commitments that met it. */
  commitmentIds: string[];
}

/** Take a snapshot of a requirement before removing it. */
export function snapshotRequirement(doc: AccountDoc, id: string): RequirementSnapshot {
  const r = itemOf(doc.requirements, "requirement", id);
  return {
    id,
    rank: read(r.rank),
    text: read(r.text),
    source: read(r.source),
    sourceReference: read(r.sourceReference),
    created: { by: readPerson(r.created?.by) ?? { id: "unknown", name: "Unknown" }, at: read(r.created?.at) },
    commitmentIds: soundItems(doc.commitments, ["commitments"])
      .filter((c) => read(c.requirementId) === id)
      .map((c) => read(c.id)),
  };
}

/** Put a removed requirement back where it was, relinking the commitments that still exist and are unlinked. */
export function restoreRequirement(doc: AccountDoc, s: RequirementSnapshot): void {
  assertWritable(doc);
  const requirements = containerOf(doc, "requirements", () => ({}));
  if (requirements[s.id]) return;
  requirements[s.id] = {
    id: fixed(s.id),
    rank: fixed(s.rank),
    text: s.text,
    source: fixed(s.source),
    sourceReference: s.sourceReference,
    created: { by: personRef(s.created.by), at: fixed(s.created.at) },
  };
  for (const cid of s.commitmentIds) {
    const c = doc.commitments?.[cid];
    if (c && !c.requirementId) c.requirementId = fixed(s.id);
  }
}
