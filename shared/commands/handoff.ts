/**
 * The handoff sign-off (PRODUCT.md "Why it exists" 3). The rep and the delivery lead
 * each sign off; the customer who agreed is recorded by name. When both sign-offs exist
 * the handoff completes: a named baseline ("As agreed at handoff, <date>") freezes the
 * document heads, and the account passes to the delivery lead.
 *
 * Offline and concurrent sign-offs: each sign-off is its own map entry keyed by role,
 * so two laptops signing apart both keep their record. The baseline is a pure function
 * of the two sign-offs (the union of the heads each signer saw, dated by the later
 * one), so whichever replica completes the handoff — or both at once — writes the same
 * value and every replica converges on one baseline.
 */
import type { AccountDoc, HandoffDoc, Person, Role, SignOffDoc } from "../account/schema";
import { ROLES } from "../account/schema";
import { fixed, ownerRef, personRef, read } from "../account/fixed";
import { updateOwnerContact } from "./owner-contact";
import { assertWritable } from "./account";
import { passDeliveryToLead } from "./assignees";

/** Why a sign-off was refused. */
export type HandoffRuleCode = "unknown-role" | "already-signed" | "same-person" | "customer-required" | "not-signed";

/** Raised when a sign-off breaks a rule; the message is written for the person. */
export class HandoffRuleError extends Error {
  constructor(
    readonly code: HandoffRuleCode,
    message: string,
  ) {
    super(message);
    this.name = "HandoffRuleError";
  }
}

/** Each role in the user's words. */
export const ROLE_WORDS: Record<Role, string> = { rep: "rep", "delivery-lead": "delivery lead" };

const otherRole = (role: Role): Role => (role === "rep" ? "delivery-lead" : "rep");

/** Arguments of `signOffHandoff`. */
export interface SignOffHandoffArgs {
  /** The role the person signs for (their profile's role). */
  role: Role;
  by: Person;
  /** ISO instant. */
  at: string;
  /** The document heads the signer sees (`getHeads(handle.doc())` just before the change). */
  heads: string[];
  /** The customer who agreed; required unless already recorded. */
  customerAgreedBy?: string;
  /** The signer's phone and email from their profile, written where the account names them as rep or delivery lead. */
  contact?: { phone: string | null; email: string | null };
}

function handoffOfDoc(doc: AccountDoc): HandoffDoc {
  if (!doc.handoff) doc.handoff = { signOffs: {}, customerAgreedBy: null, baseline: null, agenda: {} };
  if (!doc.handoff.signOffs) doc.handoff.signOffs = {};
  return doc.handoff;
}

/** The day of an ISO instant (YYYY-MM-DD, UTC). */
const dayOf = (iso: string) => iso.slice(0, 10);

/** The name of the baseline frozen on `at`. */
export function baselineName(at: string): string {
  return `As agreed at handoff, ${dayOf(at)}`;
}

/** The baseline the two sign-offs make: heads both signers saw, named and dated by the later sign-off. */
export function baselineOfSignOffs(a: SignOffDoc, b: SignOffDoc): { name: string; heads: string[]; at: string } {
  const heads = [...new Set([...(a.heads ?? []), ...(b.heads ?? [])].map(read))].sort();
  const at = [read(a.at), read(b.at)].sort()[1]!;
  return { name: baselineName(at), heads, at };
}

/** Throws `HandoffRuleError` when `args` may not sign off on `doc`. */
export function checkSignOff(doc: AccountDoc, args: Pick<SignOffHandoffArgs, "role" | "by" | "customerAgreedBy">): void {
  if (!(ROLES as readonly string[]).includes(args.role)) throw new HandoffRuleError("unknown-role", `“${String(args.role)}” is not a role that signs off.`);
  const signOffs = doc.handoff?.signOffs ?? {};
  const mine = signOffs[args.role];
  const words = ROLE_WORDS[args.role];
  if (mine) {
    const who = read(mine.by.name);
    throw new HandoffRuleError(
      "already-signed",
      read(mine.by.id) === args.by.id
        ? `You already signed off as the ${words} on ${dayOf(read(mine.at))}. Nothing was added.`
        : `${who} already signed off as the ${words} on ${dayOf(read(mine.at))}.`,
    );
  }
  const theirs = signOffs[otherRole(args.role)];
  if (theirs && read(theirs.by.id) === args.by.id) {
    throw new HandoffRuleError(
      "same-person",
      `You signed off as the ${ROLE_WORDS[otherRole(args.role)]}; the ${words} must sign off from their own profile. Nothing was added.`,
    );
  }
  if (!(args.customerAgreedBy ?? "").trim() && !read(doc.handoff?.customerAgreedBy)) {
    throw new HandoffRuleError("customer-required", "Name the customer who agreed to the handoff.");
  }
}

/**
 * Sign off the handoff for one role. Refused (nothing written) when that role has signed
 * already, when the same person signed for the other role, or when no customer is named.
 * Completes the handoff when the other role has signed too.
 */
export function signOffHandoff(doc: AccountDoc, args: SignOffHandoffArgs): void {
  assertWritable(doc);
  checkSignOff(doc, args);
  const handoff = handoffOfDoc(doc);
  handoff.signOffs[args.role] = { role: fixed(args.role), by: personRef(args.by), at: fixed(args.at), heads: args.heads.map(fixed) };
  const customer = (args.customerAgreedBy ?? "").trim();
  if (customer) handoff.customerAgreedBy = fixed(customer);
  completeHandoff(doc, {});
  if (args.contact) updateOwnerContact(doc, { personId: args.by.id, phone: args.contact.phone, email: args.contact.email });
}

/** True when both roles have signed but the baseline or the ownership transfer is not written yet (sign-offs made apart). */
export function handoffNeedsCompletion(doc: AccountDoc): boolean {
  const s = doc.handoff?.signOffs ?? {};
  const lead = s["delivery-lead"];
  if (!s.rep || !lead) return false;
  return !doc.handoff.baseline || read(doc.owner) !== "delivery-lead" || read(doc.deliveryLead?.id) !== read(lead.by.id);
}

/**
 * Complete the handoff once both have signed: freeze the baseline and pass the account to
 * the delivery lead. Idempotent, and writes the same values on every replica (see top).
 * Does nothing while a sign-off is missing.
 */
export function completeHandoff(doc: AccountDoc, _args: Record<string, never>): void {
  assertWritable(doc);
  const s = doc.handoff?.signOffs ?? {};
  const rep = s.rep;
  const lead = s["delivery-lead"];
  if (!rep || !lead) return;
  const handoff = handoffOfDoc(doc);
  if (!handoff.baseline) {
    const b = baselineOfSignOffs(rep, lead);
    handoff.baseline = { name: fixed(b.name), heads: b.heads.map(fixed), at: fixed(b.at) };
  }
  const passing = read(doc.owner) !== "delivery-lead" || read(doc.deliveryLead?.id) !== read(lead.by.id);
  if (read(doc.owner) !== "delivery-lead") doc.owner = fixed("delivery-lead");
  if (read(doc.deliveryLead?.id) !== read(lead.by.id)) doc.deliveryLead = ownerRef({ id: read(lead.by.id), name: read(lead.by.name) });
  // Only as the account passes: what someone reassigns afterwards stays as they set it.
  if (passing) passDeliveryToLead(doc, { id: read(lead.by.id), name: read(lead.by.name) });
}

/** Arguments of `tickAgendaItem`. */
export interface TickAgendaItemArgs {
  /** The agenda item (see `meetingAgenda`). */
  itemId: string;
  agreed: boolean;
  by: Person;
  at: string;
}

/** Tick an item of the handoff meeting's agenda as agreed (or untick it). */
export function tickAgendaItem(doc: AccountDoc, args: TickAgendaItemArgs): void {
  assertWritable(doc);
  const handoff = handoffOfDoc(doc);
  if (!handoff.agenda) handoff.agenda = {};
  if (args.agreed) handoff.agenda[args.itemId] = { by: personRef(args.by), at: fixed(args.at) };
  else delete handoff.agenda[args.itemId];
}
