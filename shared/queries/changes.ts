/**
 * "What changed since handoff" (and between any two points of the timeline): per
 * commitment and milestone, added / removed / wording / dates / status / owner, with who
 * made those changes and when.
 *
 * The old state is `view(doc, fromHeads)` — the document as it was at those heads, which
 * works for any heads still in the history, including a baseline taken on a branch that
 * was merged later. The new state is the current document (or `view(doc, toHeads)`).
 * Attribution comes from the changes after `fromHeads` (`getChangesMetaSince`, metadata
 * only, no operations decoded), matched by the item id and words of their messages.
 * Cost: two views read through the account's list queries and one metadata read —
 * a few milliseconds for hundreds of edits.
 */
import { getChangesMetaSince, getHeads, hasHeads, view, type Doc } from "@automerge/automerge/slim";
import type { AccountDoc, Person } from "../account/schema";
import { parseChangeMessage } from "../attribution";
import { checkAccount } from "../account/check";
import { commitmentsOf, milestonesOf, type CommitmentView, type MilestoneView } from "./account-view";
import { handoffOf } from "./handoff";

/** A field of a commitment or milestone that can change. */
export type ChangedField = "text" | "title" | "promisedBy" | "dueDate" | "startDate" | "endDate" | "status" | "owner";

/** Each field in the user's words. */
export const CHANGED_FIELD_WORDS: Record<ChangedField, string> = {
  text: "Wording",
  title: "Title",
  promisedBy: "Promised by",
  dueDate: "Due date",
  startDate: "Start date",
  endDate: "End date",
  status: "Status",
  owner: "Owner",
};

/** One field's change. */
export interface FieldChange {
  field: ChangedField;
  before: string | null;
  after: string | null;
}

/** What happened to one commitment or milestone between the two points. */
export interface ItemChange {
  kind: "commitment" | "milestone";
  id: string;
  /** Its name now (or, when removed, at the older point). */
  name: string;
  change: "added" | "removed" | "changed";
  /** The fields that differ (for "changed"). */
  fields: FieldChange[];
  /** Who made these changes, in the order they first did. */
  by: Person[];
  /** ISO instant of the latest of these changes; null when none is attributed. */
  at: string | null;
}

/** Everything that changed between two points. */
export interface AccountChanges {
  /** Commitments first, then milestones, each in the order of the newer state (removed ones last). */
  items: ItemChange[];
  /** How many changes were made between the two points (sign-offs and agenda ticks not counted). */
  changeCount: number;
}

interface Attributed {
  what: string;
  by: Person;
  time: number;
}

type Fields<V> = readonly (readonly [ChangedField, (v: V) => string | null])[];
const COMMITMENT_FIELDS: Fields<CommitmentView> = [
  ["text", (c) => c.text],
  ["promisedBy", (c) => c.promisedBy || null],
  ["dueDate", (c) => c.dueDate],
  ["status", (c) => c.status],
];
const MILESTONE_FIELDS: Fields<MilestoneView> = [
  ["title", (m) => m.title],
  ["owner", (m) => m.owner || null],
  ["startDate", (m) => m.startDate],
  ["endDate", (m) => m.endDate],
  ["status", (m) => m.status],
];

/** Words of a change message that say it touched a field (catalog.ts describes each edit). */
const FIELD_WORDS: Record<ChangedField, RegExp> = {
  text: /wording|^added|^restored/i,
  title: /title|^added|^restored/i,
  promisedBy: /who promised|^added/i,
  dueDate: /due date|^added/i,
  startDate: /start date|^added/i,
  endDate: /end date|^added/i,
  status: /marked|status|^added/i,
  owner: /owner|^added/i,
};

/** The changes after `from` that `to` contains (all after `from` when `to` is null). */
function attributedChanges(doc: Doc<AccountDoc>, from: string[], to: string[] | null): { byItem: Map<string, Attributed[]>; count: number } {
  const metas = getChangesMetaSince(doc, from);
  let keep: Set<string> | null = null;
  if (to) {
    const byHash = new Map(metas.map((m) => [m.hash, m]));
    keep = new Set();
    const stack = [...to];
    while (stack.length) {
      const h = stack.pop()!;
      if (keep.has(h)) continue;
      const m = byHash.get(h);
      if (!m) continue; // At or before `from`.
      keep.add(h);
      stack.push(...m.deps);
    }
  }
  const byItem = new Map<string, Attributed[]>();
  let count = 0;
  for (const m of metas) {
    if (keep && !keep.has(m.hash)) continue;
    const author = parseChangeMessage(m.message);
    if (author?.kind === "handoff") continue; // The sign-offs themselves are not changes to what was agreed.
    count++;
    if (!author?.item) continue;
    const list = byItem.get(author.item) ?? [];
    list.push({ what: author.what, by: { id: author.by, name: author.name }, time: m.time });
    byItem.set(author.item, list);
  }
  return { byItem, count };
}

function attribution(changes: readonly Attributed[], test: (what: string) => boolean): Pick<ItemChange, "by" | "at"> {
  const matching = changes.filter((c) => test(c.what));
  const used = matching.length ? matching : changes;
  const people = new Map<string, Person>();
  let latest = 0;
  for (const c of used) {
    if (!people.has(c.by.id)) people.set(c.by.id, c.by);
    if (c.time > latest) latest = c.time;
  }
  return { by: [...people.values()], at: latest > 0 ? new Date(latest * 1000).toISOString() : null };
}

function compare<V extends { id: string }>(
  kind: ItemChange["kind"],
  before: readonly V[],
  after: readonly V[],
  fields: Fields<V>,
  nameOf: (v: V) => string,
  byItem: Map<string, Attributed[]>,
): ItemChange[] {
  const old = new Map(before.map((v) => [v.id, v]));
  const now = new Set(after.map((v) => v.id));
  const out: ItemChange[] = [];
  for (const v of after) {
    const changes = byItem.get(v.id) ?? [];
    const was = old.get(v.id);
    if (!was) {
      out.push({ kind, id: v.id, name: nameOf(v), change: "added", fields: [], ...attribution(changes, (w) => /^(added|restored)/i.test(w)) });
      continue;
    }
    const diffs: FieldChange[] = [];
    for (const [field, get] of fields) {
      const a = get(was);
      const b = get(v);
      if (a !== b) diffs.push({ field, before: a, after: b });
    }
    if (diffs.length) {
      out.push({ kind, id: v.id, name: nameOf(v), change: "changed", fields: diffs, ...attribution(changes, (w) => diffs.some((d) => FIELD_WORDS[d.field].test(w))) });
    }
  }
  for (const v of before) {
    if (now.has(v.id)) continue;
    out.push({ kind, id: v.id, name: nameOf(v), change: "removed", fields: [], ...attribution(byItem.get(v.id) ?? [], (w) => /^removed/i.test(w)) });
  }
  return out;
}

/** True when every head is in `doc`'s history; false for heads that are not hashes at all (a peer can write anything). */
function knows(doc: Doc<AccountDoc>, heads: readonly string[]): boolean {
  try {
    return hasHeads(doc, [...heads]);
  } catch {
    return false;
  }
}

/** Raised when a point is not in this copy's history (not synced yet, or another account). */
export class UnknownHeadsError extends Error {
  constructor() {
    super("That point is not in this copy's history yet.");
    this.name = "UnknownHeadsError";
  }
}

/**
 * What changed to the commitments and milestones between `fromHeads` and `toHeads`
 * (the current document when `toHeads` is omitted), with who and when. Pure; throws
 * `UnknownHeadsError` when either point is not in `doc`'s history.
 */
export function changesBetween(doc: Doc<AccountDoc>, fromHeads: readonly string[], toHeads?: readonly string[]): AccountChanges {
  if (!knows(doc, fromHeads) || (toHeads && !knows(doc, toHeads))) throw new UnknownHeadsError();
  // A past state is as untrusted as the present one: read both through the check.
  const before = checkAccount(view(doc, [...fromHeads])).account;
  const after = toHeads ? checkAccount(view(doc, [...toHeads])).account : checkAccount(doc).account;
  const { byItem, count } = attributedChanges(doc, [...fromHeads], toHeads ? [...toHeads] : null);
  const items = [
    ...compare("commitment", commitmentsOf(before), commitmentsOf(after), COMMITMENT_FIELDS, (c) => c.text, byItem),
    ...compare("milestone", milestonesOf(before), milestonesOf(after), MILESTONE_FIELDS, (m) => m.title, byItem),
  ];
  return { items, changeCount: count };
}

/**
 * What changed since the handoff baseline ("as agreed at handoff"); null before both
 * have signed off. The measured function for the "changed since handoff" budget.
 */
export function changedSinceHandoff(doc: Doc<AccountDoc>): (AccountChanges & { baselineName: string; baselineAt: string }) | null {
  const baseline = handoffOf(doc).baseline;
  if (!baseline || !baseline.heads.length) return null;
  return { ...changesBetween(doc, baseline.heads), baselineName: baseline.name, baselineAt: baseline.at };
}

/** The heads of the document as it is now (for "compare with now"). */
export function currentHeads(doc: Doc<AccountDoc>): string[] {
  return getHeads(doc);
}
