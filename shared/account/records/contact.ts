/** A person at the customer, with the role they play in the decision. */
import { CONTACT_ROLES, type Fixed } from "../values";
import { choice, fixed, id, nullable, rank, record, text, type Check } from "../stored";

export interface ContactDoc {
  id: Fixed;
  rank: Fixed;
  name: string;
  role: Fixed;
  email: Fixed | null;
  phone: Fixed | null;
  notes: string;
}

export const contactRecord: Check<ContactDoc> = record({
  id,
  rank,
  name: text,
  role: choice(CONTACT_ROLES),
  email: nullable(fixed),
  phone: nullable(fixed),
  notes: text,
});
