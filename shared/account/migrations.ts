/**
 * Ordered, idempotent schema migrations (tldraw's migration sequences are the model).
 * A document records the version it was last migrated to; opening it runs every later
 * step in order inside one change. Each step only fills in what is missing, so running
 * it twice — or on two replicas at once — leaves the same document.
 * A document written by a newer Baton is never migrated down: it opens read-only.
 */
import { ImmutableString } from "@automerge/automerge/slim";
import type { AccountDoc } from "./schema";
import { SCHEMA_VERSION } from "./schema";

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
      const order = doc.order as Record<string, unknown>;
      ensure(order, "proposalReference", () => null);
      ensure(order, "quoteReference", () => null);
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
];

/** The version a document says it has; documents from before versioning count as 0. */
export function versionOf(doc: { schemaVersion?: unknown }): number {
  return typeof doc.schemaVersion === "number" && Number.isInteger(doc.schemaVersion) ? doc.schemaVersion : 0;
}

/** True when the document was written by a newer Baton than this one and must not be edited. */
export function isFromNewerApp(doc: { schemaVersion?: unknown }, current: number = SCHEMA_VERSION): boolean {
  return versionOf(doc) > current;
}

/** True when `migrate` has work to do on this document. */
export function needsMigration(
  doc: { schemaVersion?: unknown },
  migrations: readonly Migration[] = ACCOUNT_MIGRATIONS,
): boolean {
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

/** Type guard for code that has just migrated a document. */
export function asAccount(doc: Record<string, unknown>): AccountDoc {
  return doc as unknown as AccountDoc;
}
