/**
 * Every change to an account carries its author in the change message, so "who changed
 * what" comes out of the document's own history — the same on every replica.
 *
 * A message is JSON: `{ by, name, what }`, plus (since the timeline) an optional `kind`
 * saying what part of the account the change is about and an optional `item` naming the
 * item's id. Messages written before `kind` existed stay readable: their kind is inferred
 * from their words (`kindOfChange`).
 */
import type { Person } from "./account/schema";
import { ID_MAX } from "./account/stored";
import { PERSON_NAME_MAX } from "./validation/fields";
import { cleanUntrustedText } from "./validation/untrusted-text";

/** Longest description of a change shown, in characters. */
const WHAT_MAX = 400;

/** Every kind of change, in the order the timeline filter lists them. */
export const CHANGE_KINDS = [
  "account",
  "stage",
  "check",
  "contact",
  "requirement",
  "commitment",
  "milestone",
  "risk",
  "order",
  "payment",
  "call",
  "activity",
  "relationship",
  "handoff",
  "follow-up",
  // Bookkeeping, not a change to what the account says: that a person was shown a reminder.
  "reminder",
] as const;
/** What part of the account a change is about; the timeline filters by it. */
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const KNOWN_KINDS: ReadonlySet<string> = new Set(CHANGE_KINDS);

/** True when `value` names a kind of change this build knows. */
export function isChangeKind(value: unknown): value is ChangeKind {
  return typeof value === "string" && KNOWN_KINDS.has(value);
}

/** A change message read back: who made the change and what it did. */
export interface ChangeAuthor {
  /** Person id. */
  by: string;
  /** Person name at the time of the change. */
  name: string;
  /** What the change did, in the user's words ("Added a commitment"). */
  what: string;
  /** What part of the account it is about; absent in messages written before kinds existed. */
  kind?: ChangeKind;
  /** The id of the item it is about, when there is one. */
  item?: string;
}

/**
 * The change message recorded with an edit: pass it as `message` to `handle.change`.
 * `kind` and `item` are optional; `commands/catalog.ts` supplies both for every command.
 */
export function changeMessage(person: Person, what: string, kind?: ChangeKind, item?: string): string {
  const author: ChangeAuthor = { by: person.id, name: person.name, what };
  if (kind) author.kind = kind;
  if (item) author.item = item;
  return JSON.stringify(author);
}

/** Read a change message back; null for changes made without one (e.g. by another tool). */
export function parseChangeMessage(message: string | null | undefined): ChangeAuthor | null {
  if (!message) return null;
  try {
    const v = JSON.parse(message) as Partial<Record<keyof ChangeAuthor, unknown>> | null;
    if (v && typeof v.by === "string" && typeof v.name === "string" && typeof v.what === "string") {
      // A message is whatever its sender wrote: shown only cleaned and cut (no direction overrides, no 100 KB names).
      const author: ChangeAuthor = { by: v.by.slice(0, ID_MAX), name: cleanUntrustedText(v.name, PERSON_NAME_MAX), what: cleanUntrustedText(v.what, WHAT_MAX, "…") };
      if (isChangeKind(v.kind)) author.kind = v.kind;
      if (typeof v.item === "string" && v.item !== "") author.item = v.item;
      return author;
    }
  } catch {
    // Not ours: fall through.
  }
  return null;
}

/** Words that give away the kind of an old message without one, checked in this order. */
const KIND_WORDS: [RegExp, ChangeKind][] = [
  [/commitment/i, "commitment"],
  [/milestone|delivery plan/i, "milestone"],
  [/requirement/i, "requirement"],
  [/risk/i, "risk"],
  [/contact/i, "contact"],
  [/payment|invoice|paid/i, "payment"],
  [/\border\b/i, "order"],
  [/stage/i, "stage"],
  [/sign(ed)?[- ]off|handoff|hand-off/i, "handoff"],
  [/follow-up|callback/i, "follow-up"],
];

/** The kind of a change: the one it names, or one inferred from its words ("account" when nothing fits). */
export function kindOfChange(author: Pick<ChangeAuthor, "what" | "kind">): ChangeKind {
  if (author.kind) return author.kind;
  for (const [words, kind] of KIND_WORDS) if (words.test(author.what)) return kind;
  return "account";
}
