/** Commands on the account as a whole: create, rename. Pure mutations, called inside `handle.change`. */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, Profile } from "../account/schema";
import { SCHEMA_VERSION } from "../account/schema";
import { fixed, personRef } from "../account/fixed";
import { migrate, versionOf } from "../account/migrations";
import { ReadOnlyDocumentError } from "./errors";

export interface CreateAccountArgs {
  name: string;
  by: Profile;
  /** ISO timestamp of creation. */
  at: string;
}

/** Fill an empty document as a new account owned by its creator. */
export function createAccount(doc: AccountDoc, { name, by, at }: CreateAccountArgs): void {
  assertWritable(doc);
  migrate(doc as unknown as Record<string, unknown>);
  doc.name = name;
  doc.created = { by: personRef(by), at: fixed(at) };
  if (by.role === "rep") doc.rep = personRef(by);
  else doc.deliveryLead = personRef(by);
  doc.owner = fixed(by.role);
}

/** Rename the account; merges character by character with a concurrent rename. */
export function renameAccount(doc: AccountDoc, { name }: { name: string }): void {
  assertWritable(doc);
  updateText(doc, ["name"], name);
}

/** Throw unless this build of Baton may edit the document. */
export function assertWritable(doc: { schemaVersion?: unknown }): void {
  const v = versionOf(doc);
  if (v > SCHEMA_VERSION) throw new ReadOnlyDocumentError(v);
}
