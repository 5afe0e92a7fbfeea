/**
 * The phone and email of the people who own an account, kept from their own profile. The
 * rep and the delivery lead are who the customer calls (the recap's "who to call"); only
 * the person's own laptop knows their current phone and email, so that laptop writes them:
 * when the person takes the account (creates it, signs off the handoff) and when they open
 * it with a profile that says otherwise. Nothing is written when nothing differs, so
 * opening an account costs no change.
 */
import { getObjectId } from "@automerge/automerge/slim";
import type { AccountDoc, OwnerDoc } from "../account/schema";
import { fixedOrNull, read, readOrNull } from "../account/fixed";
import { assertWritable } from "./account";

/** Arguments of `updateOwnerContact`: a person and how customers reach them now. */
export interface OwnerContactArgs {
  personId: string;
  /** Null: none given. */
  phone: string | null;
  email: string | null;
}

const norm = (s: string | null | undefined) => (s ?? "").trim() || null;

/** The owners (rep, delivery lead) recorded as this person. */
function ownersOf(doc: AccountDoc, personId: string): OwnerDoc[] {
  return [doc.rep, doc.deliveryLead].filter((o): o is OwnerDoc => !!o && typeof o === "object" && read(o.id) === personId);
}

/** True when the account names this person as rep or delivery lead with another phone or email than `args`. */
export function ownerContactStale(doc: AccountDoc, args: OwnerContactArgs): boolean {
  return ownersOf(doc, args.personId).some((o) => readOrNull(o.phone) !== norm(args.phone) || readOrNull(o.email) !== norm(args.email));
}

/**
 * Which stored records name this person as an owner (their Automerge object ids; empty for a
 * copy that is not a document's own). Two laptops completing a handoff at once each make the
 * delivery lead's record, and Automerge keeps one: details written into the other are not
 * seen. A window that wrote once writes again when the record it sees is another one.
 */
export function ownerRecordsOf(doc: AccountDoc, personId: string): string {
  return ownersOf(doc, personId)
    .map((o) => getObjectId(o) ?? "")
    .join(" ");
}

/** Write the person's phone and email on each owner record that names them, only the fields that differ. */
export function updateOwnerContact(doc: AccountDoc, args: OwnerContactArgs): void {
  assertWritable(doc);
  const phone = norm(args.phone);
  const email = norm(args.email);
  for (const o of ownersOf(doc, args.personId)) {
    if (readOrNull(o.phone) !== phone) o.phone = fixedOrNull(phone);
    if (readOrNull(o.email) !== email) o.email = fixedOrNull(email);
  }
}
