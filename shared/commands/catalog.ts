/**
 * The catalog of every account command: what kind of change it makes and how to say
 * what it did. The UI runs commands through `prepareChange`, so the change message (and
 * so the timeline) reads the same whoever made the change and from whichever screen:
 *
 *   const change = prepareChange(profile, "moveStage", args, handle.doc());
 *   handle.change(change.run, { message: change.message });
 *
 * `describe` gets the document as it was before the change (optional) to name the item
 * ("Marked the commitment “Train two admins” as delivered"). Typing into a text field
 * is described without the typed words, so that a run of keystrokes reads as one entry.
 */
import type { AccountDoc, Person } from "../account/schema";
import { read } from "../account/fixed";
import { changeMessage, type ChangeKind } from "../attribution";
import { checkAccount } from "../account/check";
import { quoteName } from "../queries/gaps";
import { STAGE_LABELS, stageOf } from "../queries/stage-checklist";
import { mostImportantCallOf } from "../queries/call-guide";
import { isTimeZone, localDateOf, nextBusinessDay } from "../calendar";
import { createAccount, renameAccount, setCustomer } from "./account";
import { addCommitment, editCommitment, moveCommitment, removeCommitment } from "./commitments";
import { addMilestone, editMilestone, linkCommitment, moveMilestone, removeMilestone, setMilestoneDependencies } from "./milestones";
import { restoreCommitment, restoreMilestone } from "./restore";
import { restoreAccount, restoreItem, undoChange } from "./history";
import { DEAL_ENDING_STAGES, moveStage } from "./stages";
import { completeHandoff, ROLE_WORDS, signOffHandoff, tickAgendaItem } from "./handoff";
import { confirmSupplyDate, recordCreditCheck } from "./checks";
import { addContact, editContact, moveContact, removeContact } from "./contacts";
import { addRequirement, editRequirement, linkRequirement, moveRequirement, removeRequirement, restoreRequirement } from "./requirements";
import { addRisk, editRisk, moveRisk, removeRisk } from "./risks";
import { recordPaid, setOrder, setPayment } from "./order-payment";
import { isDecimal, storedDecimal } from "../money";
import {
  MOST_IMPORTANT_CALL_TIME,
  addConcern,
  confirmCommitment,
  editConcern,
  logCallOutcome,
  removeConcern,
  rescheduleMostImportantCall,
  resolveConcern,
  scheduleMostImportantCall,
} from "./most-important-call";
import {
  addOpportunity,
  askReferral,
  editOpportunity,
  editReferral,
  editSatisfaction,
  recordSatisfaction,
  removeOpportunity,
  removeReferral,
  removeSatisfaction,
} from "./relationship";
import { editActivity, logActivity, removeActivity } from "./activities";
import { removeBrokenLink } from "./links";
import { repairAllDamage, repairDamage, type RepairDamageArgs } from "./damage";
import { PARTS } from "../queries/part-words";
import { editDecisionProcess, editFeedback, editFollowUp, logFollowUpCall, recordFollowUp, removeFollowUp, rescheduleFollowUp } from "./follow-ups";
import { localTimeOf } from "../calendar";
import { assign } from "./assignees";
import { recordReminderShown } from "./reminders";
import { updateOwnerContact } from "./owner-contact";
import { NEXT_STEP_WORDS } from "../queries/follow-ups";

/** What a repair of a damaged part did, in the words the timeline uses for that part. */
function describeRepair(a: RepairDamageArgs): string {
  const part = PARTS[String(a.path[0])];
  const removed = "remove" in a.repair;
  if (!part) return removed ? "Removed a damaged part of the account" : "Restored a damaged part of the account to its last good value";
  if (part.shape === "items" && a.path.length === 2) return `${removed ? "Removed" : "Restored"} a damaged ${part.one.replace(/^an? /, "")}${removed ? "" : " to its last good value"}`;
  if (a.path.length === 1) return part.shape === "items" ? `Restored the ${part.many} to their last good state` : `Restored ${part.label} to its last good value`;
  return `Restored a damaged part of ${part.shape === "items" ? `the ${part.many}` : part.label} to its last good value`;
}

/** One command: how it changes the document and how the change is described. */
export interface CommandEntry<Args> {
  /** The timeline kind of the change (may depend on the arguments). */
  kind: ChangeKind | ((args: Args) => ChangeKind);
  run: (doc: AccountDoc, args: Args) => void;
  /** What the change did, in the user's words. `doc` is the document before the change. */
  describe: (args: Args, doc?: AccountDoc) => string;
  /** The id of the item the change is about. */
  item?: (args: Args) => string | undefined;
}

function entry<Args>(
  kind: CommandEntry<Args>["kind"],
  run: (doc: AccountDoc, args: Args) => void,
  describe: CommandEntry<Args>["describe"],
  item?: (args: Args) => string | undefined,
): CommandEntry<Args> {
  return { kind, run, describe, item };
}

/** "the commitment “Install”" when the item is known, "a commitment" otherwise. */
function named(text: unknown, noun: string): string {
  const name = typeof text === "string" || (text && typeof text === "object") ? quoteName(read(text as string), "") : "";
  return name ? `the ${noun} ${name}` : `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;
}

const byId = (a: { id: string }) => a.id;

const WORDS: Record<string, string> = {
  "at-risk": "at risk",
  "in-progress": "in progress",
  "no-answer": "no answer",
  "supply-date": "supply / date",
  "remorse-signal": "remorse signal",
};
const say = (value: string) => WORDS[value] ?? value;

/** Join the parts of a multi-field edit; "Edited x" when nothing specific was changed. */
function parts(list: (string | false | undefined)[], fallback: string): string {
  const said = list.filter((p): p is string => typeof p === "string");
  if (!said.length) return fallback;
  const text = said.join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "2026-03-03 10:00 (Europe/Berlin)": the agreed time as the customer heard it. */
function agreed(instant: string, timeZone: string): string {
  try {
    return `${localDateOf(instant, timeZone)} ${localTimeOf(instant, timeZone)} (${timeZone})`;
  } catch {
    return instant;
  }
}

const date = (d: string | null | undefined, what: string, thing: string) =>
  d ? `set the ${what} of ${thing} to ${d}` : `removed the ${what} of ${thing}`;

/** Every command on an account, by name. */
export const COMMANDS = {
  createAccount: entry("account", createAccount, () => "Created the account"),
  renameAccount: entry("account", renameAccount, () => "Renamed the account"),
  setCustomer: entry("account", setCustomer, (a) =>
    parts(
      [
        a.domain !== undefined && (a.domain ? `set the customer's domain to ${a.domain}` : "removed the customer's domain"),
        a.phone !== undefined && (a.phone ? `set the customer's phone to ${a.phone}` : "removed the customer's phone"),
      ],
      "Edited the customer's details",
    ),
  ),
  updateOwnerContact: entry("account", updateOwnerContact, (a, doc) => {
    const who = [doc?.rep, doc?.deliveryLead].find((p) => read(p?.id) === a.personId);
    return `Updated ${who ? `${read(who.name)}'s` : "an owner's"} phone and email from their profile`;
  }),

  moveStage: entry("stage", moveStage, (a, doc) => {
    const from = doc ? STAGE_LABELS[stageOf(doc)] : null;
    const reason = (a.reason ?? "").trim();
    let what = `Moved the account ${from ? `from ${from} ` : ""}to ${STAGE_LABELS[a.to]}${reason ? ` — reason: ${reason}` : ""}`;
    if (a.openRisks === "close" && DEAL_ENDING_STAGES.includes(a.to)) what += "; closed its open risks";
    if (a.to === "ordered" && doc && !mostImportantCallOf(doc) && isTimeZone(a.timeZone)) {
      const day = nextBusinessDay(localDateOf(a.at, a.timeZone));
      what += `. Most important call scheduled for ${day} ${MOST_IMPORTANT_CALL_TIME} (${a.timeZone})`;
    }
    return what;
  }),
  recordCreditCheck: entry("check", recordCreditCheck, (a) =>
    a.result === "passed" ? "Recorded that the credit check passed" : a.result === "failed" ? "Recorded that the credit check failed" : "Set the credit check back to pending",
  ),
  confirmSupplyDate: entry("check", confirmSupplyDate, (a) =>
    a.date ? `Recorded that supply confirmed delivery for ${a.date}` : "Withdrew the delivery date supply had confirmed",
  ),

  addContact: entry("contact", addContact, (a) => `Added the contact ${quoteName(a.name, "(no name)")}`, byId),
  editContact: entry(
    "contact",
    editContact,
    (a, doc) => {
      const c = named(doc?.contacts?.[a.id]?.name, "contact");
      return parts(
        [
          a.name !== undefined && "edited a contact's name",
          a.role !== undefined && `changed the role of ${c} to ${a.role.replace(/-/g, " ")}`,
          a.email !== undefined && (a.email ? `changed the email of ${c}` : `removed the email of ${c}`),
          a.phone !== undefined && (a.phone ? `changed the phone number of ${c}` : `removed the phone number of ${c}`),
          a.notes !== undefined && "edited a contact's notes",
        ],
        `Edited ${c}`,
      );
    },
    byId,
  ),
  moveContact: entry("contact", moveContact, (a, doc) => `Moved ${named(doc?.contacts?.[a.id]?.name, "contact")}`, byId),
  removeContact: entry("contact", removeContact, (a, doc) => `Removed ${named(doc?.contacts?.[a.id]?.name, "contact")}`, byId),

  addRequirement: entry("requirement", addRequirement, (a) => `Added the requirement ${quoteName(a.text, "(empty)")}`, byId),
  editRequirement: entry(
    "requirement",
    editRequirement,
    (a, doc) =>
      parts(
        [
          a.text !== undefined && "edited a requirement's wording",
          a.source !== undefined && `changed the source of ${named(doc?.requirements?.[a.id]?.text, "requirement")} to ${a.source.replace(/-/g, " ")}`,
          a.sourceReference !== undefined && "edited a requirement's source reference",
        ],
        "Edited a requirement",
      ),
    byId,
  ),
  moveRequirement: entry("requirement", moveRequirement, (a, doc) => `Moved ${named(doc?.requirements?.[a.id]?.text, "requirement")}`, byId),
  removeRequirement: entry("requirement", removeRequirement, (a, doc) => `Removed ${named(doc?.requirements?.[a.id]?.text, "requirement")}`, byId),
  restoreRequirement: entry("requirement", restoreRequirement, (s) => `Restored the requirement ${quoteName(s.text, "(empty)")}`, byId),
  linkRequirement: entry(
    "commitment",
    linkRequirement,
    (a, doc) => {
      const c = named(doc?.commitments?.[a.commitmentId]?.text, "commitment");
      return a.requirementId
        ? `Linked ${c} to ${named(doc?.requirements?.[a.requirementId]?.text, "requirement")}`
        : `Unlinked ${c} from its requirement`;
    },
    (a) => a.commitmentId,
  ),

  addCommitment: entry("commitment", addCommitment, (a) => `Added the commitment ${quoteName(a.text, "(empty)")}`, byId),
  editCommitment: entry(
    "commitment",
    editCommitment,
    (a, doc) => {
      const c = named(doc?.commitments?.[a.id]?.text, "commitment");
      return parts(
        [
          a.text !== undefined && "edited a commitment's wording",
          a.promisedBy !== undefined && `changed who promised ${c}`,
          a.dueDate !== undefined && date(a.dueDate, "due date", c),
          a.status !== undefined && `marked ${c} as ${say(a.status)}`,
          a.requirementId !== undefined && (a.requirementId ? `linked ${c} to a requirement` : `unlinked ${c} from its requirement`),
        ],
        `Edited ${c}`,
      );
    },
    byId,
  ),
  moveCommitment: entry("commitment", moveCommitment, (a, doc) => `Moved ${named(doc?.commitments?.[a.id]?.text, "commitment")}`, byId),
  removeCommitment: entry("commitment", removeCommitment, (a, doc) => `Removed ${named(doc?.commitments?.[a.id]?.text, "commitment")}`, byId),
  restoreCommitment: entry("commitment", restoreCommitment, (s) => `Restored the commitment ${quoteName(s.text, "(empty)")}`, byId),

  addMilestone: entry("milestone", addMilestone, (a) => `Added the milestone ${quoteName(a.title, "(untitled)")}`, byId),
  editMilestone: entry(
    "milestone",
    editMilestone,
    (a, doc) => {
      const m = named(doc?.milestones?.[a.id]?.title, "milestone");
      return parts(
        [
          a.title !== undefined && "edited a milestone's title",
          a.owner !== undefined && `changed the owner of ${m}`,
          a.startDate !== undefined && date(a.startDate, "start date", m),
          a.endDate !== undefined && date(a.endDate, "end date", m),
          a.status !== undefined && `marked ${m} as ${say(a.status)}`,
        ],
        `Edited ${m}`,
      );
    },
    byId,
  ),
  moveMilestone: entry("milestone", moveMilestone, (a, doc) => `Moved ${named(doc?.milestones?.[a.id]?.title, "milestone")}`, byId),
  setMilestoneDependencies: entry(
    "milestone",
    setMilestoneDependencies,
    (a, doc) => {
      const m = named(doc?.milestones?.[a.id]?.title, "milestone");
      const deps = (Array.isArray(a.dependsOn) ? a.dependsOn : []).map((d) => named(doc?.milestones?.[d]?.title, "milestone").replace(/^the milestone /, ""));
      return deps.length ? `Set ${m} to wait for ${deps.join(", ")}` : `Set ${m} to wait for no other milestone`;
    },
    (a) => a.id,
  ),
  linkCommitment: entry(
    "milestone",
    linkCommitment,
    (a, doc) => {
      const m = named(doc?.milestones?.[a.milestoneId]?.title, "milestone");
      const c = named(doc?.commitments?.[a.commitmentId]?.text, "commitment");
      return a.linked ? `Planned ${c} in ${m}` : `Took ${c} out of ${m}`;
    },
    (a) => a.milestoneId,
  ),
  removeMilestone: entry("milestone", removeMilestone, (a, doc) => `Removed ${named(doc?.milestones?.[a.id]?.title, "milestone")}`, byId),
  restoreMilestone: entry("milestone", restoreMilestone, (s) => `Restored the milestone ${quoteName(s.title, "(untitled)")}`, byId),
  removeBrokenLink: entry(
    (a) => a.from.kind,
    removeBrokenLink,
    (a) => `Removed a link to a ${a.missing.kind} that no longer exists`,
    (a) => a.from.id,
  ),

  addRisk: entry("risk", addRisk, (a) => `Added a ${say(a.kind)} risk: ${quoteName(a.description, "(no description)")}`, byId),
  editRisk: entry(
    "risk",
    editRisk,
    (a, doc) => {
      const r = named(doc?.risks?.[a.id]?.description, "risk");
      return parts(
        [
          a.kind !== undefined && `changed the kind of ${r} to ${say(a.kind)}`,
          a.description !== undefined && "edited a risk's description",
          a.severity !== undefined && `set the severity of ${r} to ${a.severity}`,
          a.mitigation !== undefined && "edited a risk's mitigation",
          a.status !== undefined && `marked ${r} as ${a.status}`,
          a.owner !== undefined && `changed the owner of ${r}`,
        ],
        `Edited ${r}`,
      );
    },
    byId,
  ),
  moveRisk: entry("risk", moveRisk, (a, doc) => `Moved ${named(doc?.risks?.[a.id]?.description, "risk")}`, byId),
  removeRisk: entry("risk", removeRisk, (a, doc) => `Removed ${named(doc?.risks?.[a.id]?.description, "risk")}`, byId),

  setOrder: entry("order", setOrder, (a) =>
    parts(
      [
        a.reference !== undefined && (a.reference ? `recorded the order reference ${a.reference}` : "removed the order reference"),
        a.date !== undefined && (a.date ? `set the order date to ${a.date}` : "removed the order date"),
        (a.value !== undefined || a.currency !== undefined) &&
          (a.value !== undefined && a.value !== null ? `set the order value to ${isDecimal(a.value) ? storedDecimal(a.value) : a.value}${a.currency ? ` ${a.currency}` : ""}` : a.value === null ? "removed the order value" : `set the currency to ${a.currency ?? "none"}`),
        a.items !== undefined && "edited what was ordered",
        a.proposalReference !== undefined && "changed the proposal reference",
        a.quoteReference !== undefined && "changed the quote reference",
      ],
      "Edited the order",
    ),
  ),
  setPayment: entry("payment", setPayment, (a) =>
    parts(
      [
        a.invoiceReference !== undefined && (a.invoiceReference ? `recorded invoice ${a.invoiceReference}` : "removed the invoice reference"),
        a.invoiceDate !== undefined && (a.invoiceDate ? `set the invoice date to ${a.invoiceDate}` : "removed the invoice date"),
        a.dueDate !== undefined && (a.dueDate ? `set the payment due date to ${a.dueDate}` : "removed the payment due date"),
        a.paidDate !== undefined && (a.paidDate ? `recorded payment received on ${a.paidDate}` : "removed the paid date"),
      ],
      "Edited the payment",
    ),
  ),

  recordPaid: entry(
    (a) => (a.moveToPaid ? "stage" : "payment"),
    recordPaid,
    (a) => `Recorded payment received on ${a.paidDate}${a.moveToPaid ? "; moved the account to Paid" : ""}${a.moveToPaid && a.openRisks === "close" ? "; closed its open risks" : ""}`,
  ),

  scheduleMostImportantCall: entry("call", scheduleMostImportantCall, () => "Scheduled the most important call"),
  rescheduleMostImportantCall: entry("call", rescheduleMostImportantCall, (a) => `Moved the most important call to ${a.date} ${a.time} (${a.timeZone})`),
  confirmCommitment: entry(
    "call",
    confirmCommitment,
    (a, doc) => {
      const c = named(doc?.commitments?.[a.commitmentId]?.text, "commitment");
      const where = a.occasion === "handoff-meeting" ? "in the handoff meeting" : "on the most important call";
      return a.confirmed ? `Customer confirmed ${c} ${where}` : `Took back the customer's confirmation of ${c}`;
    },
    (a) => a.commitmentId,
  ),
  addConcern: entry("call", addConcern, (a) => `Noted a ${say(a.kind)}: ${quoteName(a.text, "(empty)")}`, byId),
  editConcern: entry("call", editConcern, (a) => (a.kind !== undefined && a.text === undefined ? `Marked a concern as a ${say(a.kind)}` : "Edited a concern"), byId),
  resolveConcern: entry("call", resolveConcern, (a, doc) => `${a.resolved ? "Resolved" : "Reopened"} ${named(doc?.concerns?.[a.id]?.text, "concern")}`, byId),
  removeConcern: entry("call", removeConcern, (a, doc) => `Removed ${named(doc?.concerns?.[a.id]?.text, "concern")}`, byId),
  logCallOutcome: entry("activity", logCallOutcome, (a) => `Logged the call: ${say(a.outcome)}`, (a) => a.followUpId),

  recordSatisfaction: entry("relationship", recordSatisfaction, (a) => (a.score === null ? "Recorded a satisfaction check" : `Recorded a satisfaction check: ${a.score}/5`), byId),
  editSatisfaction: entry("relationship", editSatisfaction, (a) => (a.score !== undefined && a.notes === undefined ? `Changed a satisfaction score to ${a.score ?? "none"}` : "Edited a satisfaction check"), byId),
  removeSatisfaction: entry("relationship", removeSatisfaction, () => "Removed a satisfaction check", byId),
  askReferral: entry("relationship", askReferral, (a) => `Asked ${quoteName(a.askedOf, "the customer")} for a referral`, byId),
  editReferral: entry(
    "relationship",
    editReferral,
    (a, doc) => {
      const who = quoteName(read(doc?.relationship?.referrals?.[a.id]?.askedOf), "");
      if (a.status === "given") return `${who || "The customer"} gave a referral${a.referredTo ? `: ${quoteName(a.referredTo, "")}` : ""}`;
      if (a.status === "declined") return `${who || "The customer"} declined to give a referral`;
      if (a.status === "asked") return `Marked the referral from ${who || "the customer"} as asked`;
      return "Edited a referral";
    },
    byId,
  ),
  removeReferral: entry("relationship", removeReferral, () => "Removed a referral", byId),
  addOpportunity: entry("relationship", addOpportunity, (a) => `Noted the next opportunity: ${quoteName(a.description, "(empty)")}`, byId),
  editOpportunity: entry("relationship", editOpportunity, (a) => (a.expectedDate !== undefined && a.description === undefined ? date(a.expectedDate, "expected date", "an opportunity").replace(/^./, (c) => c.toUpperCase()) : "Edited an opportunity"), byId),
  removeOpportunity: entry("relationship", removeOpportunity, () => "Removed an opportunity", byId),

  recordFollowUp: entry(
    "follow-up",
    recordFollowUp,
    (a) => `${a.purpose === "handoff-meeting" ? "Scheduled the handoff meeting" : a.purpose === "call" ? "Scheduled a call" : "Agreed a follow-up call"} for ${agreed(a.agreedTime, a.timeZone)}: ${quoteName(a.reason ?? "", "(no reason)")}`,
    byId,
  ),
  editFollowUp: entry(
    "follow-up",
    editFollowUp,
    (a, doc) => {
      const f = named(doc?.followUps?.[a.id]?.reason, "follow-up");
      return parts(
        [a.reason !== undefined && "edited the reason for a callback", a.notes !== undefined && `edited the notes for ${f}`, a.nextStep !== undefined && `edited the next step of ${f}`],
        `Edited ${f}`,
      );
    },
    byId,
  ),
  rescheduleFollowUp: entry("follow-up", rescheduleFollowUp, (a, doc) => `Moved ${named(doc?.followUps?.[a.id]?.reason, "follow-up")} to ${agreed(a.agreedTime, a.timeZone)}`, byId),
  removeFollowUp: entry("follow-up", removeFollowUp, (a, doc) => `Removed ${named(doc?.followUps?.[a.id]?.reason, "follow-up")}`, byId),
  editFeedback: entry("follow-up", editFeedback, (a) =>
    parts(
      [
        a.likes !== undefined && "edited what the customer likes",
        a.optionsComfort !== undefined && "edited how comfortable the customer is with the options",
        a.priceFit !== undefined && "edited how the price fits",
        a.viability !== undefined && "edited whether the customer sees it as viable",
      ],
      "Edited the customer's feedback",
    ),
  ),
  editDecisionProcess: entry("follow-up", editDecisionProcess, (a) =>
    parts(
      [
        a.otherDecisionMakers !== undefined && "edited who else decides",
        a.meetingDate !== undefined && (a.meetingDate ? `set the decision makers' meeting to ${a.meetingDate}` : "removed the decision makers' meeting date"),
        a.informationNeeded !== undefined && "edited the information they need",
        a.reviewTime !== undefined && "edited how long they need to review",
        a.notes !== undefined && "edited the notes on the decision process",
      ],
      "Edited the decision process",
    ),
  ),
  logFollowUpCall: entry(
    // The call itself is an activity on the timeline; the change shows when it scheduled the next call.
    (a) => (a.next ? "follow-up" : "activity"),
    logFollowUpCall,
    (a) => {
      const step = a.outcome === "reached" && a.nextStepKind ? `; next step: ${NEXT_STEP_WORDS[a.nextStepKind].toLowerCase()}` : "";
      const next = a.next ? `; ${a.outcome === "reached" ? "next call" : "will try again"} ${agreed(a.next.agreedTime, a.next.timeZone)}` : "";
      const head = a.outcome === "reached" ? "Reached the customer" : a.outcome === "voicemail" ? "Left a voicemail" : "No answer";
      return `${head}${step}${next}`;
    },
    (a) => a.followUpId,
  ),

  recordReminderShown: entry("reminder", recordReminderShown, () => "Was reminded", (a) => a.key),
  assign: entry(
    (a) => (a.kind === "milestone" ? "milestone" : a.kind === "commitment" ? "commitment" : "follow-up"),
    assign,
    (a, doc) => {
      const item =
        a.kind === "follow-up" ? named(doc?.followUps?.[a.id]?.reason, "call") : a.kind === "milestone" ? named(doc?.milestones?.[a.id]?.title, "milestone") : named(doc?.commitments?.[a.id]?.text, "commitment");
      const who = [doc?.rep, doc?.deliveryLead].find((p) => read(p?.id) === a.personId);
      return `Assigned ${item} to ${who ? read(who.name) : "someone who shares the account"}`;
    },
    byId,
  ),

  signOffHandoff: entry("handoff", signOffHandoff, (a, doc) => {
    const other = doc?.handoff?.signOffs?.[a.role === "rep" ? "delivery-lead" : "rep"];
    const customer = (a.customerAgreedBy ?? "").trim();
    return `Signed off the handoff as the ${ROLE_WORDS[a.role] ?? "rep or delivery lead"}${customer ? ` — agreed with ${customer}` : ""}${other ? "; the account passes to the delivery lead" : "; waiting for the other sign-off"}`;
  }),
  completeHandoff: entry("handoff", completeHandoff, () => "Completed the handoff: froze the baseline and passed the account to the delivery lead"),
  tickAgendaItem: entry("handoff", tickAgendaItem, (a) => `${a.agreed ? "Ticked" : "Unticked"} the agenda item “${String(a.itemId ?? "").replace(/-/g, " ")}” as agreed`, (a) => a.itemId),

  repairDamage: entry(
    (a) => PARTS[String(a.path[0])]?.kind ?? "account",
    repairDamage,
    (a) => describeRepair(a),
    (a) => (a.path.length > 1 ? String(a.path[a.path.length - 1]) : undefined),
  ),

  repairAllDamage: entry(
    (a) => {
      const parts = new Set(a.repairs.map((r) => String(r.path[0])));
      return parts.size === 1 ? (PARTS[[...parts][0]!]?.kind ?? "account") : "account";
    },
    repairAllDamage,
    (a) => `Put right ${String(a.repairs.length)} damaged ${a.repairs.length === 1 ? "part" : "parts"} of the account`,
  ),

  restoreItem: entry(
    (a) => PARTS[String(a.values[0]?.path[0])]?.kind ?? "account",
    restoreItem,
    (a) => {
      const part = PARTS[String(a.values[0]?.path[0])];
      const what = a.name.trim() ? `“${a.name.trim()}”` : part ? (part.shape === "items" ? part.one : part.label) : "a part of the account";
      return `Restored ${what} to how it was ${a.point}`;
    },
    (a) => a.id,
  ),
  restoreAccount: entry("account", restoreAccount, (a) => `Restored the whole account to how it was ${a.point}`),
  undoChange: entry("account", undoChange, (a) => `Undid ${a.change}`),

  logActivity: entry("activity", logActivity, (a) => `Logged a ${a.kind}`, byId),
  editActivity: entry("activity", editActivity, () => "Corrected a logged activity", byId),
  removeActivity: entry("activity", removeActivity, () => "Removed an activity", byId),
};

/** The name of a command in the catalog. */
export type CommandName = keyof typeof COMMANDS;

/** The arguments of a command in the catalog. */
export type CommandArgs<N extends CommandName> = Parameters<(typeof COMMANDS)[N]["run"]>[1];

/** A command ready to run inside `handle.change`, with its change message. */
export interface PreparedChange {
  /** Pass as `message` to `handle.change`. */
  message: string;
  kind: ChangeKind;
  what: string;
  item: string | null;
  run: (doc: AccountDoc) => void;
}

/** What a command will do, described once for the change message. */
export function describeCommand<N extends CommandName>(name: N, args: CommandArgs<N>, doc?: AccountDoc): { kind: ChangeKind; what: string; item: string | null } {
  const e = COMMANDS[name] as unknown as CommandEntry<CommandArgs<N>>;
  return {
    kind: typeof e.kind === "function" ? e.kind(args) : e.kind,
    what: e.describe(args, doc),
    item: e.item?.(args) ?? null,
  };
}

/**
 * Prepare a command for `handle.change`: the mutation and its attributed change message.
 * Pass the current document as `doc` so the message can name the item.
 */
export function prepareChange<N extends CommandName>(person: Person, name: N, args: CommandArgs<N>, doc?: AccountDoc): PreparedChange {
  const e = COMMANDS[name] as unknown as CommandEntry<CommandArgs<N>>;
  // The words may name an item of the document: read it as checked, so a damaged item cannot stop the edit.
  const { kind, what, item } = describeCommand(name, args, doc && checkAccount(doc).account);
  return { message: changeMessage(person, what, kind, item ?? undefined), kind, what, item, run: (d) => e.run(d, args) };
}
