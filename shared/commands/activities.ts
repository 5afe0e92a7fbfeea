/** Calls, meetings and notes people log on the account; they appear on the timeline at the time they happened. */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, ActivityKind, Person } from "../account/schema";
import { fixed, personRef, read } from "../account/fixed";
import { assertWritable } from "./account";
import { MissingItemError } from "./errors";
import { containerOf } from "./ranked";

/** Arguments of `logActivity`. */
export interface LogActivityArgs {
  id: string;
  kind: ActivityKind;
  summary: string;
  by: Person;
  /** When it happened (ISO instant); may be earlier than now. */
  at: string;
}

/** Log a call, meeting or note. */
export function logActivity(doc: AccountDoc, a: LogActivityArgs): void {
  assertWritable(doc);
  containerOf(doc, "activities", () => []).push({
    id: fixed(a.id),
    kind: fixed(a.kind),
    summary: a.summary,
    at: fixed(a.at),
    by: personRef(a.by),
    followUpId: null,
    outcome: null,
  });
}

function indexOf(doc: AccountDoc, id: string): number {
  const list: unknown[] = Array.isArray(doc.activities) ? doc.activities : [];
  const i = list.findIndex((x) => typeof x === "object" && x !== null && read((x as { id?: string }).id) === id);
  if (i < 0) throw new MissingItemError("activity", id);
  return i;
}

/** Change what an activity says (merges with concurrent typing). */
export function editActivity(doc: AccountDoc, a: { id: string; summary: string }): void {
  assertWritable(doc);
  updateText(doc, ["activities", indexOf(doc, a.id), "summary"], a.summary);
}

/** Remove an activity logged by mistake. */
export function removeActivity(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  doc.activities.splice(indexOf(doc, id), 1);
}
