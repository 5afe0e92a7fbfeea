/** A person as an account records them, and who did something when. */
import { ImmutableString, isImmutableString } from "@automerge/automerge/slim";
import type { Fixed } from "../values";
import { attribution, fixed, id, nullable, orMissing, person, record, type Check } from "../stored";

/** A person as recorded on an account (a local profile from some install). */
export interface PersonRefDoc {
  id: Fixed;
  name: Fixed;
}
export const personRecord: Check<PersonRefDoc> = person;

/**
 * A person who owns the account (the rep, the delivery lead), with how the customer
 * reaches them: written from that person's own profile when they take the account and
 * kept current from it (commands/owner-contact.ts). Scalars on the person's own record,
 * so two laptops writing them at once keep one of the two values and lose no container.
 */
export interface OwnerDoc extends PersonRefDoc {
  /** The phone customers call them on; null or missing (never written yet): not given. */
  phone?: Fixed | null;
  email?: Fixed | null;
}
/**
 * An owner. Phone and email are never written by the upgrade (migrations.ts, version 4)
 * and an older Baton naming a rep or lead leaves them out: missing reads as none.
 */
export const ownerRecord: Check<OwnerDoc> = record<OwnerDoc>({ id, name: fixed, phone: orMissing(nullable(fixed)), email: orMissing(nullable(fixed)) }, "person");

/** Who did something, and when (ISO timestamp). */
export interface AttributionDoc {
  by: PersonRefDoc;
  at: Fixed;
}
export const attributionRecord: Check<AttributionDoc> = attribution;

/**
 * Migration 3: who a call, milestone or commitment is assigned to, for an item made before
 * assignees existed — the person who made it. Read from the item alone, so every laptop
 * that upgrades the account writes the same value (migrations.ts).
 */
export function assigneeV3(item: Record<string, unknown>): void {
  if (item.assignee !== undefined) return;
  const created = item.created;
  const by = typeof created === "object" && created !== null ? (created as Record<string, unknown>).by : undefined;
  item.assignee = person(by) === null ? { id: fixedCopy((by as Record<string, unknown>).id), name: fixedCopy((by as Record<string, unknown>).name) } : null;
}

const fixedCopy = (v: unknown) => new ImmutableString(isImmutableString(v) ? v.val : String(v));
