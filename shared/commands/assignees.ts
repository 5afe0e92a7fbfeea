/**
 * Assigning calls, milestones and commitments to a person who shares the account, and the
 * handoff's part: the delivery work passes to the delivery lead. Pure mutations, called
 * inside `handle.change`.
 */
import type { AccountDoc, Person, PersonRefDoc } from "../account/schema";
import { personRef, read } from "../account/fixed";
import { sharersOf, recordedAssignee } from "../queries/assignees";
import { assertWritable } from "./account";
import { MissingItemError } from "./errors";

/** What can be assigned. */
export const ASSIGNABLE_KINDS = ["follow-up", "milestone", "commitment"] as const;
export type AssignableKind = (typeof ASSIGNABLE_KINDS)[number];

const CONTAINER = { "follow-up": "followUps", milestone: "milestones", commitment: "commitments" } as const;

/** Raised when the person asked for does not share the account; the message is for the person. */
export class AssigneeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssigneeError";
  }
}

/** Arguments of `assign`. */
export interface AssignArgs {
  kind: AssignableKind;
  id: string;
  /** The id of a person who shares the account (its rep or delivery lead). */
  personId: string;
}

/** Assign an item to a person who shares the account; refused (nothing written) for anyone else. */
export function assign(doc: AccountDoc, a: AssignArgs): void {
  assertWritable(doc);
  const item = (doc[CONTAINER[a.kind]] as Record<string, { assignee?: PersonRefDoc | null }> | undefined)?.[a.id];
  if (!item) throw new MissingItemError(a.kind, a.id);
  const person = sharersOf(doc).find((p) => p.id === a.personId);
  if (!person) throw new AssigneeError("That person no longer shares this account: assign it to its rep or its delivery lead.");
  if (read(item.assignee?.id) === person.id && read(item.assignee?.name) === person.name) return;
  item.assignee = personRef(person);
}

/** Who a new item is assigned to: `wanted` when they share the account, else whoever makes it. */
export function newAssignee(doc: AccountDoc, by: Person, wanted?: Person | null): PersonRefDoc {
  const p = wanted && sharersOf(doc).some((s) => s.id === wanted.id) ? wanted : by;
  return personRef(p);
}

/**
 * The handoff passes the delivery work to `lead`: every milestone not done and every
 * commitment still open that is the rep's, nobody's, or someone's who no longer shares the
 * account. Calls stay with whoever has them (the rep keeps their callbacks). Writes only
 * what differs, the same on every replica, so two laptops completing the handoff agree.
 */
export function passDeliveryToLead(doc: AccountDoc, lead: Person): void {
  const sharers = sharersOf(doc).map((p) => p.id);
  const moves = (assignee: Person | null) => !assignee || assignee.id !== lead.id && (assignee.id === read(doc.rep?.id) || !sharers.includes(assignee.id));
  for (const m of Object.values(doc.milestones ?? {})) {
    if (!m || typeof m !== "object" || read(m.status) === "done") continue;
    if (moves(recordedAssignee(m))) m.assignee = personRef(lead);
  }
  for (const c of Object.values(doc.commitments ?? {})) {
    if (!c || typeof c !== "object" || !["proposed", "agreed", "at-risk"].includes(read(c.status))) continue;
    if (moves(recordedAssignee(c))) c.assignee = personRef(lead);
  }
}
