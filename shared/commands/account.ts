/** Commands on the account as a whole: create, rename. Pure mutations, called inside `handle.change`. */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, Profile } from "../account/schema";
import { SCHEMA_VERSION } from "../account/schema";
import { fixed, fixedOrNull, ownerRef, personRef, readOrNull } from "../account/fixed";
import { migrate, versionOf } from "../account/migrations";
import { ReadOnlyDocumentError } from "./errors";

export interface CreateAccountArgs {
  name: string;
  /** The creator, who owns the account; with the phone and email their profile gives, if any. */
  by: Profile & { phone?: string | null; email?: string | null };
  /** ISO timestamp of creation. */
  at: string;
}

/** Fill an empty document as a new account owned by its creator. */
export function createAccount(doc: AccountDoc, { name, by, at }: CreateAccountArgs): void {
  assertWritable(doc);
  migrate(doc as unknown as Record<string, unknown>);
  doc.name = name;
  doc.created = { by: personRef(by), at: fixed(at) };
  if (by.role === "rep") doc.rep = ownerRef(by);
  else doc.deliveryLead = ownerRef(by);
  doc.owner = fixed(by.role);
}

/** Rename the account; merges character by character with a concurrent rename. */
export function renameAccount(doc: AccountDoc, { name }: { name: string }): void {
  assertWritable(doc);
  updateText(doc, ["name"], name);
}

/** Arguments of `setCustomer`: the company's domain and phone as checked by the form (validation/customer.ts); a field left out stays as it is, null removes it. */
export interface SetCustomerArgs {
  domain?: string | null;
  phone?: string | null;
}

/** Set the customer company's domain and phone; writes only what differs. */
export function setCustomer(doc: AccountDoc, args: SetCustomerArgs): void {
  assertWritable(doc);
  for (const key of ["domain", "phone"] as const) {
    if (args[key] === undefined) continue;
    const next = (args[key] ?? "").trim() || null;
    if (readOrNull(doc[key]) !== next) doc[key] = fixedOrNull(next);
  }
}

/** Throw unless this build of Baton may edit the document. */
export function assertWritable(doc: { schemaVersion?: unknown }): void {
  const v = versionOf(doc);
  if (v > SCHEMA_VERSION) throw new ReadOnlyDocumentError(v);
}
