/** The customer's contacts, as plain views for the UI. */
import type { AccountDoc, ContactRole } from "../account/schema";
import { read, readOrNull } from "../account/fixed";
import { inOrder } from "../account/rank";

/** A contact as the UI shows it. */
export interface ContactView {
  id: string;
  name: string;
  role: ContactRole;
  email: string | null;
  phone: string | null;
  notes: string;
}

/** The contacts in their visible order. */
export function contactsOf(doc: AccountDoc): ContactView[] {
  return inOrder(doc.contacts ?? {}).map((c) => ({
    id: read(c.id),
    name: read(c.name),
    role: read(c.role) as ContactRole,
    email: readOrNull(c.email),
    phone: readOrNull(c.phone),
    notes: read(c.notes),
  }));
}
