/**
 * What changed between two points of an account's history: "changed since handoff",
 * "compare two points" and "since you last looked". Every part is covered — the account
 * itself (name, stage, owner, people), contacts, requirements, commitments, milestones,
 * risks, follow-ups and calls, logged activities, concerns, the order, the payment and the
 * checks — per item: added, removed, or which fields changed (before → after), with who
 * made those changes and when.
 *
 * The old state is `view(doc, fromHeads)` — the document as it was at those heads, which
 * works for any heads still in the history, including a baseline taken on a branch that
 * was merged later. The new state is the current document (or `view(doc, toHeads)`).
 * Both are read through the check, so a damaged item is left out of both. Attribution
 * comes from the changes after `fromHeads` (`getChangesMetaSince`, metadata only, no
 * operations decoded), matched by the item id their messages name (by the part, for the
 * order, payment, checks and the account itself).
 *
 * Counts: `items` is the list; a screen says "N changes" from `items.length`, so the count
 * always matches the list (`changeCount` is the number of edits behind them).
 * Cost: two checked views and one metadata read — a few milliseconds for hundreds of edits.
 */
import { getChangesMetaSince, getHeads, hasHeads, view, type Doc } from "@automerge/automerge/slim";
import type { AccountDoc, Person } from "../account/schema";
import { read, readOrNull } from "../account/fixed";
import { inOrder } from "../account/rank";
import { parseChangeMessage, type ChangeKind } from "../attribution";
import { checkAccount } from "../account/check";
import { commitmentsOf, headerOf, milestonesOf } from "./account-view";
import { contactsOf } from "./contacts";
import { requirementsOf } from "./requirements";
import { risksOf } from "./risks";
import { handoffOf } from "./handoff";

/** The parts a change list covers, in the order it lists them. */
export const CHANGE_PARTS = ["account", "contact", "requirement", "commitment", "milestone", "risk", "follow-up", "activity", "concern", "order", "payment", "check"] as const;
export type ChangePart = (typeof CHANGE_PARTS)[number];

/** A field that can change (see `CHANGED_FIELD_WORDS`). */
export type ChangedField = string;

/** Each field in the user's words. */
export const CHANGED_FIELD_WORDS: Record<ChangedField, string> = {
  name: "Name",
  stage: "Stage",
  owner: "Owner",
  rep: "Rep",
  deliveryLead: "Delivery lead",
  role: "Role",
  email: "Email",
  phone: "Phone",
  notes: "Notes",
  text: "Wording",
  title: "Title",
  source: "Source",
  sourceReference: "Source reference",
  promisedBy: "Promised by",
  requirement: "Requirement",
  confirmed: "Customer confirmed",
  dueDate: "Due date",
  startDate: "Start date",
  endDate: "End date",
  dependsOn: "Depends on",
  status: "Status",
  kind: "Kind",
  description: "Description",
  severity: "Severity",
  mitigation: "Mitigation",
  purpose: "Purpose",
  agreedTime: "Agreed time",
  reason: "Reason",
  outcome: "Outcome",
  nextStep: "Next step",
  summary: "Summary",
  at: "When",
  resolved: "Resolved",
  reference: "Reference",
  date: "Date",
  value: "Value",
  currency: "Currency",
  items: "Items ordered",
  proposalReference: "Proposal",
  quoteReference: "Quote",
  invoiceReference: "Invoice",
  invoiceDate: "Invoice date",
  paidDate: "Paid date",
  creditCheck: "Credit check",
  supplyConfirmedDate: "Supply-confirmed date",
};

/** One field's change. */
export interface FieldChange {
  field: ChangedField;
  before: string | null;
  after: string | null;
}

/** What happened to one item between the two points. */
export interface ItemChange {
  kind: ChangePart;
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
  /** In `CHANGE_PARTS` order, each part in the order of the newer state (removed ones last). */
  items: ItemChange[];
  /** How many edits were made between the two points (sign-offs and agenda ticks not counted). */
  changeCount: number;
}

/** One item of a part as the diff compares it: its fields as strings. */
interface Snapshot {
  id: string;
  name: string;
  fields: Record<ChangedField, string | null>;
}

const orNull = (v: string | null | undefined) => (v === undefined || v === null || v === "" ? null : v);

/** Each part's items, read from a checked account. */
const PART_ITEMS: Record<ChangePart, (doc: AccountDoc) => Snapshot[]> = {
  account: (doc) => {
    const h = headerOf(doc);
    // Owner and delivery lead move with the handoff itself, which is no change to what was agreed.
    return [{ id: "account", name: h.name, fields: { name: h.name, stage: h.stage } }];
  },
  contact: (doc) => contactsOf(doc).map((c) => ({ id: c.id, name: c.name, fields: { name: c.name, role: c.role, email: c.email, phone: c.phone, notes: orNull(c.notes) } })),
  requirement: (doc) => requirementsOf(doc).map((r) => ({ id: r.id, name: r.text, fields: { text: r.text, source: r.source, sourceReference: orNull(r.sourceReference) } })),
  commitment: (doc) => {
    const requirements = new Map(requirementsOf(doc).map((r) => [r.id, r.text]));
    return commitmentsOf(doc).map((c) => ({
      id: c.id,
      name: c.text,
      fields: {
        text: c.text,
        promisedBy: orNull(c.promisedBy),
        dueDate: c.dueDate,
        status: c.status,
        requirement: c.requirementId ? (requirements.get(c.requirementId) ?? null) : null,
        confirmed: c.confirmed ? "yes" : null,
      },
    }));
  },
  milestone: (doc) => {
    const list = milestonesOf(doc);
    const titles = new Map(list.map((m) => [m.id, m.title]));
    return list.map((m) => ({
      id: m.id,
      name: m.title,
      fields: {
        title: m.title,
        owner: orNull(m.owner),
        startDate: m.startDate,
        endDate: m.endDate,
        status: m.status,
        dependsOn: orNull(m.dependsOn.map((d) => titles.get(d) ?? d).sort().join(", ")),
      },
    }));
  },
  risk: (doc) =>
    risksOf(doc).map((r) => ({ id: r.id, name: r.description, fields: { kind: r.kind, description: r.description, severity: r.severity, mitigation: orNull(r.mitigation), status: r.status, owner: orNull(r.owner) } })),
  "follow-up": (doc) =>
    Object.values(doc.followUps ?? {})
      .map((f) => ({
        id: read(f.id),
        name: read(f.reason) || read(f.purpose),
        fields: {
          purpose: read(f.purpose),
          agreedTime: readOrNull(f.agreedTime),
          reason: orNull(read(f.reason)),
          notes: orNull(read(f.callGuide)),
          outcome: readOrNull(f.outcome),
          nextStep: orNull(read(f.nextStep)),
        },
      }))
      .sort((a, b) => ((a.fields.agreedTime ?? "") < (b.fields.agreedTime ?? "") ? -1 : 1)),
  activity: (doc) =>
    (Array.isArray(doc.activities) ? doc.activities : []).map((a) => ({
      id: read(a.id),
      name: read(a.summary),
      fields: { kind: read(a.kind), summary: orNull(read(a.summary)), at: readOrNull(a.at), outcome: readOrNull(a.outcome) },
    })),
  concern: (doc) =>
    inOrder(doc.concerns ?? {}).map((c) => ({ id: read(c.id), name: read(c.text), fields: { kind: read(c.kind), text: read(c.text), resolved: c.resolved ? "yes" : null } })),
  order: (doc) => {
    const o = doc.order;
    if (!o) return [];
    return [
      {
        id: "order",
        name: "Order",
        fields: {
          reference: readOrNull(o.reference),
          date: readOrNull(o.date),
          value: readOrNull(o.value),
          currency: readOrNull(o.currency),
          items: orNull(read(o.items)),
          proposalReference: readOrNull(o.proposalReference),
          quoteReference: readOrNull(o.quoteReference),
        },
      },
    ];
  },
  payment: (doc) => {
    const p = doc.payment;
    if (!p) return [];
    return [{ id: "payment", name: "Payment", fields: { invoiceReference: readOrNull(p.invoiceReference), invoiceDate: readOrNull(p.invoiceDate), dueDate: readOrNull(p.dueDate), paidDate: readOrNull(p.paidDate) } }];
  },
  check: (doc) => {
    const c = doc.checks;
    if (!c) return [];
    return [{ id: "checks", name: "Credit and supply checks", fields: { creditCheck: readOrNull(c.creditCheck), supplyConfirmedDate: readOrNull(c.supplyConfirmedDate) } }];
  },
};

/** The change kinds whose messages name no item but a part held once per account. */
const RECORD_KINDS: Partial<Record<ChangePart, readonly ChangeKind[]>> = {
  account: ["account", "stage", "handoff"],
  order: ["order"],
  payment: ["payment"],
  check: ["check"],
};

interface Attributed {
  by: Person;
  time: number;
}

/** The changes after `from` that `to` contains (all after `from` when `to` is null), by item id and by kind. */
function attributedChanges(doc: Doc<AccountDoc>, from: string[], to: string[] | null): { byItem: Map<string, Attributed[]>; byKind: Map<string, Attributed[]>; count: number } {
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
  const byKind = new Map<string, Attributed[]>();
  const add = (map: Map<string, Attributed[]>, key: string, a: Attributed) => {
    const list = map.get(key);
    if (list) list.push(a);
    else map.set(key, [a]);
  };
  let count = 0;
  for (const m of metas) {
    if (keep && !keep.has(m.hash)) continue;
    const author = parseChangeMessage(m.message);
    // A change without Baton's message is still someone's: the device it came from.
    const a: Attributed = { by: author ? { id: author.by, name: author.name } : { id: `device:${m.actor}`, name: `Unknown device ${m.actor.slice(0, 6)}` }, time: m.time };
    if (author?.kind) add(byKind, author.kind, a);
    // The sign-offs themselves are not changes to what was agreed; a reminder shown is not a change at all.
    if (author?.kind === "handoff" || author?.kind === "reminder") continue;
    count++;
    if (author?.item) add(byItem, author.item, a);
  }
  return { byItem, byKind, count };
}

function attribution(changes: readonly Attributed[]): Pick<ItemChange, "by" | "at"> {
  const people = new Map<string, Person>();
  let latest = 0;
  for (const c of changes) {
    if (!people.has(c.by.id)) people.set(c.by.id, c.by);
    if (c.time > latest) latest = c.time;
  }
  return { by: [...people.values()], at: latest > 0 ? new Date(latest * 1000).toISOString() : null };
}

function compare(kind: ChangePart, before: readonly Snapshot[], after: readonly Snapshot[], changesOf: (id: string) => Attributed[]): ItemChange[] {
  const old = new Map(before.map((v) => [v.id, v]));
  const now = new Set(after.map((v) => v.id));
  const out: ItemChange[] = [];
  for (const v of after) {
    const was = old.get(v.id);
    if (!was) {
      out.push({ kind, id: v.id, name: v.name, change: "added", fields: [], ...attribution(changesOf(v.id)) });
      continue;
    }
    const diffs: FieldChange[] = [];
    for (const field of Object.keys(v.fields)) {
      const a = was.fields[field] ?? null;
      const b = v.fields[field] ?? null;
      if (a !== b) diffs.push({ field, before: a, after: b });
    }
    if (diffs.length) out.push({ kind, id: v.id, name: v.name, change: "changed", fields: diffs, ...attribution(changesOf(v.id)) });
  }
  for (const v of before) {
    if (now.has(v.id)) continue;
    out.push({ kind, id: v.id, name: v.name, change: "removed", fields: [], ...attribution(changesOf(v.id)) });
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
 * What changed in every part between `fromHeads` and `toHeads` (the current document when
 * `toHeads` is omitted), with who and when. Pure; throws `UnknownHeadsError` when either
 * point is not in `doc`'s history.
 */
export function changesBetween(doc: Doc<AccountDoc>, fromHeads: readonly string[], toHeads?: readonly string[]): AccountChanges {
  if (!knows(doc, fromHeads) || (toHeads && !knows(doc, toHeads))) throw new UnknownHeadsError();
  // A past state is as untrusted as the present one: read both through the check.
  const before = checkAccount(view(doc, [...fromHeads])).account;
  const after = toHeads ? checkAccount(view(doc, [...toHeads])).account : checkAccount(doc).account;
  const { byItem, byKind, count } = attributedChanges(doc, [...fromHeads], toHeads ? [...toHeads] : null);
  const items: ItemChange[] = [];
  for (const part of CHANGE_PARTS) {
    const kinds = RECORD_KINDS[part];
    const changesOf = kinds ? () => kinds.flatMap((k) => byKind.get(k) ?? []) : (id: string) => byItem.get(id) ?? [];
    items.push(...compare(part, PART_ITEMS[part](before), PART_ITEMS[part](after), changesOf));
  }
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

/** What others changed since this person last looked: the changes since `seenHeads` that someone else made. */
export interface SinceLastLooked extends AccountChanges {
  /** When the person last had the account open (ISO). */
  seenAt: string;
}

/**
 * "Since you last looked": what changed after `seenHeads` (the heads this laptop kept when
 * `me` last had the account open, at `seenAt`), leaving out items only `me` changed. Null
 * when the point is not in this copy's history (then there is nothing trustworthy to say).
 */
export function sinceLastLooked(doc: Doc<AccountDoc>, seen: { heads: readonly string[]; at: string }, me: string): SinceLastLooked | null {
  let changes: AccountChanges;
  try {
    changes = changesBetween(doc, seen.heads);
  } catch (e) {
    if (e instanceof UnknownHeadsError) return null;
    throw e;
  }
  // An item whose changes nobody signed (none attributed) is someone else's too.
  const items = changes.items.filter((i) => i.by.length === 0 || i.by.some((p) => p.id !== me));
  return { items, changeCount: changes.changeCount, seenAt: seen.at };
}

/** The heads of the document as it is now (for "compare with now"). */
export function currentHeads(doc: Doc<AccountDoc>): string[] {
  return getHeads(doc);
}

/** The person who changed an item, for lists: "Dana Lead" or "Dana Lead, Riley Rep". */
export function changedByWords(c: ItemChange): string {
  return c.by.map((p) => p.name).join(", ");
}

