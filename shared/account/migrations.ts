/**
 * Ordered, idempotent schema migrations (tldraw's migration sequences are the model).
 * A document records the version it was last migrated to; opening it runs every later
 * step in order inside one change. Each step only fills in what is missing, so running
 * it twice leaves the same document, and it never assumes the document is well formed
 * (a peer may have replaced any part).
 *
 * Two laptops that migrate the same account apart must not each create the same new
 * container: Automerge would keep one and the other's items would vanish. So a migration
 * is made as the same change on every replica (`sameChangeEverywhere`): from the same
 * heads, every laptop writes the very same bytes, and the two changes are one.
 * A document written by a newer Baton is never migrated down: it opens read-only.
 */
import { ImmutableString, type Doc } from "@automerge/automerge/slim";
import { sameChangeEverywhere } from "./same-change";
import type { AccountDoc } from "./schema";
import { SCHEMA_VERSION, SCHEMA_VERSION_MAX } from "./schema";
import { ACCOUNT_PARTS, emptyContainer, type PartSpec } from "./records/account";

/** One step: brings a document from `version - 1` to `version`. */
export interface Migration {
  version: number;
  description: string;
  up: (doc: Record<string, unknown>) => void;
}

function ensure(doc: Record<string, unknown>, key: string, value: () => unknown): void {
  if (doc[key] === undefined) doc[key] = value();
}

const fx = (s: string) => new ImmutableString(s);

/** The migrations of the account document, oldest first. */
export const ACCOUNT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "Account v1: every part of an account present (stages, order, payment, checks, contacts, requirements, commitments, plan, risks, follow-ups, concerns, timeline, relationship, handoff).",
    up: (doc) => {
      ensure(doc, "name", () => "");
      ensure(doc, "created", () => ({ by: { id: fx("unknown"), name: fx("Unknown") }, at: fx(new Date(0).toISOString()) }));
      ensure(doc, "rep", () => null);
      ensure(doc, "deliveryLead", () => null);
      ensure(doc, "owner", () => fx("rep"));
      ensure(doc, "stage", () => fx("follow-up"));
      ensure(doc, "stageHistory", () => []);
      ensure(doc, "order", () => ({
        reference: null, date: null, value: null, currency: null, items: "", proposalReference: null, quoteReference: null,
      }));
      // A peer may have replaced the order with anything: only a record gets the fields.
      const order = doc.order;
      if (isRecord(order)) {
        ensure(order, "proposalReference", () => null);
        ensure(order, "quoteReference", () => null);
      }
      ensure(doc, "payment", () => ({ invoiceReference: null, invoiceDate: null, dueDate: null, paidDate: null }));
      ensure(doc, "checks", () => ({
        creditCheck: fx("pending"), creditCheckRecorded: null, supplyConfirmedDate: null, supplyConfirmedRecorded: null,
      }));
      for (const key of ["contacts", "requirements", "commitments", "milestones", "risks", "followUps", "concerns"]) {
        ensure(doc, key, () => ({}));
      }
      ensure(doc, "activities", () => []);
      ensure(doc, "relationship", () => ({ satisfactionChecks: {}, referrals: {}, opportunities: {} }));
      ensure(doc, "decisionProcess", () => ({ otherDecisionMakers: "", meetingDate: null, informationNeeded: "", reviewTime: "", notes: "" }));
      ensure(doc, "feedback", () => ({ likes: "", optionsComfort: "", priceFit: "", viability: "" }));
      ensure(doc, "handoff", () => ({ signOffs: {}, customerAgreedBy: null, baseline: null }));
    },
  },
  {
    version: 2,
    description: "Account v2: every container and field exists from the start (the handoff agenda too), and every item has the fields added since v1.",
    up: (doc) => upgradeParts(ACCOUNT_PARTS, doc, 2),
  },
  {
    version: 3,
    description: "Account v3: calls, milestones and commitments have an assignee (whoever made them, until someone else is assigned), and the reminders each person was shown are kept.",
    up: (doc) => upgradeParts(ACCOUNT_PARTS, doc, 3),
  },
  {
    version: 4,
    description:
      "Account v4: the customer's domain and phone, and the phone and email of the rep and the delivery lead. Nothing is written: each reads as none until someone sets it, so no upgrade's \"none\" can win over a value set on a laptop that upgraded apart.",
    up: (doc) => upgradeParts(ACCOUNT_PARTS, doc, 4),
  },
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Bring the parts declared in `parts` to `version`: create what is missing with its
 * default, and run each item's step for that version. Damaged parts are left as they
 * are (they are shown as damaged and restored from there).
 */
function upgradeParts(parts: Readonly<Record<string, PartSpec>>, record: Record<string, unknown>, version: number): void {
  for (const [key, spec] of Object.entries(parts)) {
    if (spec.kind === "value" && spec.unwritten) continue;
    if (record[key] === undefined) {
      const empty = spec.kind === "value" ? spec.fallback() : emptyContainer(spec);
      if (empty !== undefined) record[key] = empty;
      if (spec.kind !== "group") continue;
    }
    const part = record[key];
    if (spec.kind === "group" && isRecord(part)) {
      upgradeParts(spec.parts, part, version);
      spec.steps?.[version]?.(part);
      continue;
    }
    const step = (spec.kind === "map" || spec.kind === "list") && spec.steps?.[version];
    if (!step) continue;
    const items = spec.kind === "list" ? (Array.isArray(part) ? part : []) : isRecord(part) ? Object.values(part) : [];
    for (const item of items) if (isRecord(item)) step(item);
  }
}

/** The version a document says it has; documents from before versioning, and versions no Baton writes, count as 0. */
export function versionOf(doc: { schemaVersion?: unknown }): number {
  const v = doc.schemaVersion;
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= SCHEMA_VERSION_MAX ? v : 0;
}

/**
 * True when a peer broke the document's schema version: a value no Baton writes (text, a
 * fraction, 0, a number past `SCHEMA_VERSION_MAX`), or none at all on an account made
 * since versioning (it has its `created` record; only accounts from before versioning
 * have neither). Taken for an older version, it would let every part the peer deleted
 * pass as "not there yet", and edits of those parts would fail.
 */
export function versionBroken(doc: { schemaVersion?: unknown; created?: unknown }): boolean {
  if (doc.schemaVersion === undefined) return doc.created !== undefined;
  return versionOf(doc) !== doc.schemaVersion;
}

/** True when the document was written by a newer Baton than this one and must not be edited. */
export function isFromNewerApp(doc: { schemaVersion?: unknown }, current: number = SCHEMA_VERSION): boolean {
  return versionOf(doc) > current;
}

/**
 * True when `migrate` has work to do on this document. Never for a document whose version
 * a peer broke (text, a fraction, a number no Baton writes): that is damage, shown and
 * restored by a person. Migrating over it would fill every part the peer deleted with
 * empty defaults, and nothing would be left to show as damaged or to restore.
 */
export function needsMigration(
  doc: { schemaVersion?: unknown },
  migrations: readonly Migration[] = ACCOUNT_MIGRATIONS,
): boolean {
  if (versionBroken(doc)) return false;
  const v = versionOf(doc);
  return migrations.some((m) => m.version > v);
}

/**
 * Bring a document up to the newest version in `migrations`, in order.
 * Call inside `handle.change`. Does nothing for a current or newer document.
 */
export function migrate(doc: Record<string, unknown>, migrations: readonly Migration[] = ACCOUNT_MIGRATIONS): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const step of sorted) {
    if (versionOf(doc) >= step.version) continue;
    step.up(doc);
    doc.schemaVersion = step.version;
  }
}

/** The message of a migration's change: made by Baton, not by a person. */
export const MIGRATION_MESSAGE = JSON.stringify({ by: "baton", name: "Baton", what: "Upgraded the account format" });

/**
 * `doc` brought up to this build's schema as the change every replica makes alike
 * (same-change.ts), so two laptops upgrading the same account apart make one change.
 */
export function migrated<T>(doc: Doc<T>): Doc<T> {
  return sameChangeEverywhere(doc, `migrate to ${SCHEMA_VERSION}`, MIGRATION_MESSAGE, (d) => migrate(d as Record<string, unknown>));
}

/** Type guard for code that has just migrated a document. */
export function asAccount(doc: Record<string, unknown>): AccountDoc {
  return doc as unknown as AccountDoc;
}
