/**
 * Every change to an account carries its author in the change message, so "who changed
 * what" comes out of the document's own history — the same on every replica.
 */
import type { Person } from "./account/schema";

export interface ChangeAuthor {
  /** Person id. */
  by: string;
  /** Person name at the time of the change. */
  name: string;
  /** What the change did, in the user's words ("Added a commitment"). */
  what: string;
}

/** The change message recorded with an edit. */
export function changeMessage(person: Person, what: string): string {
  const author: ChangeAuthor = { by: person.id, name: person.name, what };
  return JSON.stringify(author);
}

/** Read a change message back; null for changes made without one (e.g. by another tool). */
export function parseChangeMessage(message: string | null | undefined): ChangeAuthor | null {
  if (!message) return null;
  try {
    const v = JSON.parse(message) as Partial<ChangeAuthor>;
    if (typeof v.by === "string" && typeof v.name === "string" && typeof v.what === "string") {
      return { by: v.by, name: v.name, what: v.what };
    }
  } catch {
    // Not ours: fall through.
  }
  return null;
}
