/** Commands on the customer's contacts. Pure mutations, called inside `handle.change`. */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, ContactRole } from "../account/schema";
import { fixed, fixedOrNull } from "../account/fixed";
import { rankAtEnd } from "../account/rank";
import { assertWritable } from "./account";
import { containerOf, itemOf, moveItem } from "./ranked";

/** Arguments of `addContact`. */
export interface AddContactArgs {
  id: string;
  name: string;
  role: ContactRole;
  email?: string | null;
  phone?: string | null;
  notes?: string;
}

/** Add a contact at the end of the list. Validate with `contactInputSchema` first. */
export function addContact(doc: AccountDoc, a: AddContactArgs): void {
  assertWritable(doc);
  const contacts = containerOf(doc, "contacts", () => ({}));
  contacts[a.id] = {
    id: fixed(a.id),
    rank: fixed(rankAtEnd(contacts)),
    name: a.name,
    role: fixed(a.role),
    email: fixedOrNull(a.email),
    phone: fixedOrNull(a.phone),
    notes: a.notes ?? "",
  };
}

/** Arguments of `editContact`: only the fields given change. */
export interface EditContactArgs {
  id: string;
  name?: string;
  role?: ContactRole;
  /** Empty or null clears it. */
  email?: string | null;
  phone?: string | null;
  notes?: string;
}

/** Change some fields of a contact; name and notes merge with concurrent typing. */
export function editContact(doc: AccountDoc, a: EditContactArgs): void {
  assertWritable(doc);
  const c = itemOf(doc.contacts, "contact", a.id);
  if (a.name !== undefined) updateText(doc, ["contacts", a.id, "name"], a.name);
  if (a.role !== undefined) c.role = fixed(a.role);
  if (a.email !== undefined) c.email = fixedOrNull(a.email);
  if (a.phone !== undefined) c.phone = fixedOrNull(a.phone);
  if (a.notes !== undefined) updateText(doc, ["contacts", a.id, "notes"], a.notes);
}

/** Put a contact at position `toIndex` of the list. */
export function moveContact(doc: AccountDoc, { id, toIndex }: { id: string; toIndex: number }): void {
  assertWritable(doc);
  moveItem(doc.contacts, "contact", id, toIndex);
}

/** Remove a contact. */
export function removeContact(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  itemOf(doc.contacts, "contact", id);
  delete doc.contacts[id];
}
