/** Helpers to read and write fixed (immutable) strings in an account document. */
import { ImmutableString } from "@automerge/automerge/slim";
import type { Fixed, OwnerDoc, Person, PersonRefDoc } from "./schema";

/** Wrap a plain string as a fixed string for storage. */
export function fixed(value: string): Fixed {
  return new ImmutableString(value);
}

/** Wrap a nullable plain string. */
export function fixedOrNull(value: string | null | undefined): Fixed | null {
  return value === null || value === undefined || value === "" ? null : new ImmutableString(value);
}

/** Read a stored string (fixed or text) as a plain string. */
export function read(value: Fixed | string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : value.toString();
}

/** Read a nullable stored string; empty becomes null. */
export function readOrNull(value: Fixed | string | null | undefined): string | null {
  const s = read(value);
  return s === "" ? null : s;
}

export function personRef(person: Person): PersonRefDoc {
  return { id: fixed(person.id), name: fixed(person.name) };
}

/** The rep or delivery lead as an account records them: the person, and how customers reach them (none when not known here). */
export function ownerRef(person: Person & { phone?: string | null; email?: string | null }): OwnerDoc {
  return { id: fixed(person.id), name: fixed(person.name), phone: fixedOrNull(person.phone), email: fixedOrNull(person.email) };
}

export function readPerson(ref: PersonRefDoc | null | undefined): Person | null {
  return ref ? { id: read(ref.id), name: read(ref.name) } : null;
}

/** A new stable id for a list item. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}
