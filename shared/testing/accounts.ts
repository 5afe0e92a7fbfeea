/**
 * Test support for the domain: people, a fresh account, two laptops and syncing them.
 * Real Automerge throughout (importing the full package initialises its wasm).
 */
import * as A from "@automerge/automerge";
import type { AccountDoc, Profile } from "../account/schema";
import { createAccount } from "../commands/account";
import { prepareChange, type CommandArgs, type CommandName, type PreparedChange } from "../commands/catalog";

export type Doc = A.Doc<AccountDoc>;

export const rep: Profile = { id: "p-rep", name: "Riley Rep", role: "rep" };
export const lead: Profile = { id: "p-lead", name: "Dana Lead", role: "delivery-lead" };
export const AT = "2026-03-02T09:00:00.000Z";
export const ACTOR_A = "aa".repeat(16);
export const ACTOR_B = "bb".repeat(16);

/** A new account created by the rep. */
export function newAccount(name = "Acme", actor?: string): Doc {
  return A.change(A.init<AccountDoc>(actor ? { actor } : undefined), { message: prepareChange(rep, "createAccount", { name, by: rep, at: AT }).message, time: 1_772_000_000 }, (d) =>
    createAccount(d, { name, by: rep, at: AT }),
  );
}

/** Run a catalog command as `person`, with its change message (and an explicit time in seconds, if given). */
export function run<N extends CommandName>(doc: Doc, person: Profile, name: N, args: CommandArgs<N>, time?: number): Doc {
  const change = prepareChange(person, name, args, doc);
  return A.change(doc, time === undefined ? { message: change.message } : { message: change.message, time }, change.run);
}

/** Two laptops holding the same account, each with its own actor. */
export function laptops(doc: Doc, [x, y]: readonly [string, string] = [ACTOR_A, ACTOR_B]): [Doc, Doc] {
  return [A.clone(doc, { actor: x }), A.clone(doc, { actor: y })];
}

/** Both replicas after exchanging everything they have. */
export function sync(a: Doc, b: Doc): [Doc, Doc] {
  const [a2] = A.applyChanges(a, A.getAllChanges(b));
  const [b2] = A.applyChanges(b, A.getAllChanges(a));
  return [a2, b2];
}

/** The error a function throws (fails the test if it does not throw). */
export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, none was thrown");
}

/**
 * The edits that fill a new account in every part, each made from the account as it is
 * (the sign-offs record its heads): `fullAccount` applies them to a document here, and
 * the reliability fuzzers apply them on a real node's handle.
 */
export const FULL_ACCOUNT_EDITS: ReadonlyArray<(doc: Doc) => PreparedChange> = [
  (doc) => prepareChange(rep, "addContact", { id: "k1", name: "Kim Buyer", role: "decision-maker", email: "kim@acme.test", phone: "+1 555 0100" }, doc),
  (doc) => prepareChange(rep, "addRequirement", { id: "r1", text: "Two admins trained", source: "call-note", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "addCommitment", { id: "c1", text: "Train two admins", requirementId: "r1", dueDate: "2026-03-20", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "addCommitment", { id: "c2", text: "Install by March", dueDate: "2026-03-31", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "confirmCommitment", { commitmentId: "c1", occasion: "most-important-call", confirmed: true, by: rep, at: AT }, doc),
  (doc) => prepareChange(lead, "addMilestone", { id: "m1", title: "Training", commitmentIds: ["c1"], startDate: "2026-03-10", endDate: "2026-03-20", by: lead, at: AT }, doc),
  (doc) => prepareChange(lead, "addMilestone", { id: "m2", title: "Go live", commitmentIds: ["c2"], endDate: "2026-03-31", by: lead, at: AT }, doc),
  (doc) => prepareChange(rep, "addRisk", { id: "x1", kind: "competitor", description: "Rival discount", severity: "high", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "recordFollowUp", { id: "f1", agreedTime: "2026-03-03T09:00:00.000Z", timeZone: "Europe/Berlin", reason: "Price objection", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "logActivity", { id: "a1", kind: "note", summary: "Sent the proposal", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "addConcern", { id: "n1", kind: "concern", text: "Worried about the date", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "setOrder", { reference: "PO-1", date: "2026-03-02", value: "18400", currency: "USD", items: "Ten seats" }, doc),
  (doc) => prepareChange(rep, "recordCreditCheck", { result: "passed", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "confirmSupplyDate", { date: "2026-03-15", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "tickAgendaItem", { itemId: "requirements", agreed: true, by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "signOffHandoff", { role: "rep", by: rep, at: AT, heads: A.getHeads(doc), customerAgreedBy: "Kim Buyer" }, doc),
  (doc) => prepareChange(lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(doc) }, doc),
  (doc) => prepareChange(rep, "setPayment", { invoiceReference: "INV-1", invoiceDate: "2026-04-01", dueDate: "2026-04-30", paidDate: "2026-04-20" }, doc),
  (doc) => prepareChange(rep, "moveStage", { to: "paid", reason: "Paid early", by: rep, at: AT, timeZone: "UTC" }, doc),
  (doc) => prepareChange(rep, "recordSatisfaction", { id: "s1", score: 5, notes: "Happy", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "askReferral", { id: "f9", askedOf: "Kim Buyer", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "addOpportunity", { id: "o1", description: "Second site", expectedDate: "2026-09-01", by: rep, at: AT }, doc),
  (doc) => prepareChange(rep, "recordReminderShown", { personId: rep.id, key: "doc/f1@2026-03-03T09:00:00.000Z", at: AT }, doc),
];

/**
 * An account with something in every part: contacts, requirements, commitments (one
 * confirmed), milestones, risks, calls, activities, concerns, order, payment, checks,
 * stage moves, the relationship's items, both sign-offs and an agenda tick.
 */
export function fullAccount(name = "Acme", actor?: string): Doc {
  let doc = newAccount(name, actor);
  for (const edit of FULL_ACCOUNT_EDITS) {
    const change = edit(doc);
    doc = A.change(doc, { message: change.message }, change.run);
  }
  return doc;
}
