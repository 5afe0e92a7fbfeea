/**
 * Who does a call, a milestone or a commitment, and so who is reminded of it. An assignee
 * is a person who shares the account — its rep or its delivery lead. An item whose
 * assignee no longer shares it (the delivery lead changed) or that has none falls to the
 * account's current owner, so nothing is left without someone to remind; the item says
 * so, and one click assigns it again.
 */
import type { AccountDoc, AttributionDoc, Person, PersonRefDoc } from "../account/schema";
import { read, readPerson } from "../account/fixed";

/** An item that can be assigned, as stored. */
export interface Assignable {
  assignee?: PersonRefDoc | null;
  created?: AttributionDoc;
}

/** Who is assigned and who is reminded. */
export interface Assignment {
  /** The person reminded: the assignee while they share the account, else the account's owner. */
  person: Person | null;
  /** The assignee as recorded, when they no longer share the account (shown, to reassign). */
  gone: Person | null;
}

/** The people who share the account: its rep and its delivery lead (each at most once). */
export function sharersOf(doc: Pick<AccountDoc, "rep" | "deliveryLead">): Person[] {
  const out: Person[] = [];
  for (const ref of [doc.rep, doc.deliveryLead]) {
    const p = readPerson(ref);
    if (p && p.id && !out.some((o) => o.id === p.id)) out.push(p);
  }
  return out;
}

/** The person who owns the account now: the rep until handoff, then the delivery lead. */
export function ownerPersonOf(doc: Pick<AccountDoc, "rep" | "deliveryLead" | "owner">): Person | null {
  return readPerson(read(doc.owner) === "delivery-lead" ? doc.deliveryLead : doc.rep) ?? readPerson(doc.rep) ?? readPerson(doc.deliveryLead);
}

/**
 * The assignee as recorded. An item an older Baton made after the account was upgraded
 * has no assignee field: it reads as its maker, as migration 3 would have written it.
 */
export function recordedAssignee(item: Assignable): Person | null {
  if (item.assignee === undefined) return readPerson(item.created?.by);
  return readPerson(item.assignee);
}

/** Who is reminded of `item` on `doc`, and whether its assignee no longer shares the account. */
export function assignmentOf(doc: Pick<AccountDoc, "rep" | "deliveryLead" | "owner">, item: Assignable): Assignment {
  const recorded = recordedAssignee(item);
  const sharers = sharersOf(doc);
  if (recorded && sharers.some((p) => p.id === recorded.id)) return { person: sharers.find((p) => p.id === recorded.id)!, gone: null };
  return { person: ownerPersonOf(doc), gone: recorded };
}
