/**
 * Follow-up records and the follow-up call guide (PRODUCT.md, "Why it exists" 4): on the
 * call the rep opens with when they last spoke, what was discussed and what was to
 * happen since, asks an open question, and advances the sale. Everything here is read
 * from the account document; `now` is passed in so the guide is a pure function.
 */
import type { AccountDoc, CallOutcome, ContactRole, FollowUpDoc, FollowUpPurpose, NextStepKind, Person } from "../account/schema";
import { NEXT_STEP_KINDS } from "../account/schema";
import { read, readOrNull, readPerson } from "../account/fixed";
import { isWeekend, localDateOf, localTimeOf, nextBusinessDay, zonedTimeToInstant } from "../calendar";
import { contactsOf } from "./contacts";

/** A scheduled call or meeting with its notes and how it links to the others. */
export interface FollowUpRecordView {
  id: string;
  purpose: FollowUpPurpose;
  /** ISO instant. */
  agreedTime: string;
  /** The IANA zone it was agreed in. */
  timeZone: string;
  reason: string;
  /** What was discussed and what is to happen before the call. */
  notes: string;
  outcome: CallOutcome | null;
  nextStep: string;
  nextStepKind: NextStepKind | null;
  previousId: string | null;
  createdBy: Person | null;
  createdAt: string;
}

/** The customer's feedback on the options and the price. */
export interface FeedbackView {
  likes: string;
  optionsComfort: string;
  priceFit: string;
  viability: string;
}

/** Who else decides, when they meet, what they need, how long they need. */
export interface DecisionProcessView {
  otherDecisionMakers: string;
  /** YYYY-MM-DD. */
  meetingDate: string | null;
  informationNeeded: string;
  reviewTime: string;
  notes: string;
}

function recordView(f: FollowUpDoc): FollowUpRecordView {
  const kind = readOrNull(f.nextStepKind);
  return {
    id: read(f.id),
    purpose: (read(f.purpose) || "call") as FollowUpPurpose,
    agreedTime: read(f.agreedTime),
    timeZone: read(f.timeZone),
    reason: read(f.reason),
    notes: read(f.callGuide),
    outcome: readOrNull(f.outcome) as CallOutcome | null,
    nextStep: read(f.nextStep),
    nextStepKind: kind && (NEXT_STEP_KINDS as readonly string[]).includes(kind) ? (kind as NextStepKind) : null,
    previousId: readOrNull(f.previousId),
    createdBy: readPerson(f.created?.by),
    createdAt: read(f.created?.at),
  };
}

const byTime = (a: FollowUpRecordView, b: FollowUpRecordView) =>
  a.agreedTime < b.agreedTime ? -1 : a.agreedTime > b.agreedTime ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Every call and follow-up of the account, by agreed time. */
export function followUpRecordsOf(doc: AccountDoc): FollowUpRecordView[] {
  return Object.values(doc.followUps ?? {}).map(recordView).sort(byTime);
}

/** One call or follow-up, or null when it is not (or no longer) on the account. */
export function followUpRecordOf(doc: AccountDoc, id: string): FollowUpRecordView | null {
  const f = doc.followUps?.[id];
  return f ? recordView(f) : null;
}

/** The customer's feedback as recorded. */
export function feedbackOf(doc: AccountDoc): FeedbackView {
  const f = doc.feedback;
  return { likes: read(f?.likes), optionsComfort: read(f?.optionsComfort), priceFit: read(f?.priceFit), viability: read(f?.viability) };
}

/** The decision process as recorded. */
export function decisionProcessOf(doc: AccountDoc): DecisionProcessView {
  const d = doc.decisionProcess;
  return {
    otherDecisionMakers: read(d?.otherDecisionMakers),
    meetingDate: readOrNull(d?.meetingDate),
    informationNeeded: read(d?.informationNeeded),
    reviewTime: read(d?.reviewTime),
    notes: read(d?.notes),
  };
}

/** A conversation with the customer: a call where they were reached, a meeting, or the call on which the follow-up was agreed. */
export interface Conversation {
  /** ISO instant. */
  at: string;
  by: Person | null;
  /** What was said, in the rep's words. */
  summary: string;
  source: "call" | "meeting" | "follow-up-agreed";
}

/** An attempt to reach the customer that did not get through. */
export interface Attempt {
  at: string;
  by: Person | null;
  outcome: "voicemail" | "no-answer";
  summary: string;
}

/** Who to call: the decision maker first, then the others with a phone number. */
export interface CallContact {
  name: string;
  role: ContactRole;
  phone: string | null;
  email: string | null;
}

/** What `followUpGuideOf` returns. */
export interface FollowUpGuide {
  call: FollowUpRecordView;
  accountName: string;
  contact: CallContact | null;
  /** When we last spoke and what was said; null when nothing is recorded. */
  lastConversation: Conversation | null;
  /** What was discussed: the objection, the notes, the customer's feedback. */
  discussed: { reason: string; notes: string; feedback: FeedbackView };
  /** What was to happen in between: the decision process and the step agreed on the last call. */
  toHappen: { decisionProcess: DecisionProcessView; agreedStep: { kind: NextStepKind | null; text: string } | null };
  /** Calls that did not get through since the last conversation, oldest first. */
  attempts: Attempt[];
  /** Open questions to start the conversation with, the best first. */
  openQuestions: string[];
  /** The calls this one follows on from, oldest first (the chain of retries and next calls). */
  earlier: FollowUpRecordView[];
}

/** The chain of calls that lead to `id` (excluding it), oldest first; stops at a missing or repeated link. */
function chainOf(doc: AccountDoc, id: string): FollowUpRecordView[] {
  const chain: FollowUpRecordView[] = [];
  const seen = new Set([id]);
  let prev = readOrNull(doc.followUps?.[id]?.previousId);
  while (prev && !seen.has(prev)) {
    seen.add(prev);
    const f = doc.followUps?.[prev];
    if (!f) break;
    chain.unshift(recordView(f));
    prev = readOrNull(f.previousId);
  }
  return chain;
}

const trimmedOf = (s: string) => s.trim();

/**
 * The follow-up call guide for the call `followUpId`, as of `now` (ISO instant): returns
 * null when the call is not on the account.
 */
export function followUpGuideOf(doc: AccountDoc, followUpId: string, now: string): FollowUpGuide | null {
  const f = doc.followUps?.[followUpId];
  if (!f) return null;
  const call = recordView(f);
  const earlier = chainOf(doc, followUpId);

  // Conversations: meetings, calls logged without an outcome or reached, and each agreed follow-up of the chain.
  const conversations: Conversation[] = [];
  const attempts: (Attempt & { sortAt: string })[] = [];
  for (const a of doc.activities ?? []) {
    const at = read(a.at);
    if (!at || at > now) continue;
    const kind = read(a.kind);
    const outcome = readOrNull(a.outcome);
    const summary = read(a.summary).trim();
    if (kind === "meeting") conversations.push({ at, by: readPerson(a.by), summary, source: "meeting" });
    else if (kind === "call" && (outcome === null || outcome === "reached")) conversations.push({ at, by: readPerson(a.by), summary, source: "call" });
    else if (kind === "call" && (outcome === "voicemail" || outcome === "no-answer")) attempts.push({ at, by: readPerson(a.by), outcome, summary, sortAt: at });
  }
  const root = earlier[0] ?? call;
  if (root.createdAt && root.createdAt <= now) {
    conversations.push({ at: root.createdAt, by: root.createdBy, summary: [root.reason, root.notes].map(trimmedOf).filter(Boolean).join(" — "), source: "follow-up-agreed" });
  }
  conversations.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const lastConversation = conversations.at(-1) ?? null;
  const since = lastConversation?.at ?? "";
  const lastReached = [...earlier].reverse().find((e) => e.outcome === "reached") ?? null;

  const decisionProcess = decisionProcessOf(doc);
  const contacts = contactsOf(doc);
  const contact = contacts.find((c) => c.role === "decision-maker") ?? contacts.find((c) => c.phone) ?? contacts[0] ?? null;

  return {
    call,
    accountName: read(doc.name),
    contact: contact ? { name: contact.name, role: contact.role, phone: contact.phone, email: contact.email } : null,
    lastConversation,
    discussed: { reason: call.reason, notes: call.notes, feedback: feedbackOf(doc) },
    toHappen: {
      decisionProcess,
      agreedStep: lastReached && (lastReached.nextStep.trim() || lastReached.nextStepKind) ? { kind: lastReached.nextStepKind, text: lastReached.nextStep } : null,
    },
    attempts: attempts
      .filter((a) => a.at > since)
      .sort((a, b) => (a.sortAt < b.sortAt ? -1 : 1))
      .map(({ sortAt: _s, ...a }) => a),
    openQuestions: openQuestionsFor(call.reason, decisionProcess, now),
    earlier,
  };
}

/** Open questions (never yes/no) that reopen the conversation where it stopped. */
export function openQuestionsFor(reason: string, dp: DecisionProcessView, now: string): string[] {
  const questions: string[] = [];
  const others = dp.otherDecisionMakers.trim();
  const met = dp.meetingDate !== null && dp.meetingDate <= now.slice(0, 10);
  if (others && met) questions.push(`How did the discussion with ${others} go?`);
  else if (others) questions.push(`What will ${others} want to see before deciding?`);
  if (dp.informationNeeded.trim()) questions.push(`What did you make of the information on ${dp.informationNeeded.trim()}?`);
  if (reason.trim()) questions.push(`Last time, “${reason.trim().replace(/[.?!]+$/, "")}” held you back. Where do you stand on that now?`);
  questions.push("What has come up on your side since we last spoke?");
  return questions;
}

/**
 * When to try again after a voicemail or no answer: the next business day at the same
 * wall-clock time in the zone the call was agreed in, counted from the later of the
 * agreed day and today (so a retry is never in the past).
 */
export function suggestedRetry(agreedTime: string, timeZone: string, now: string): { date: string; time: string; timeZone: string; instant: string } {
  const time = localTimeOf(agreedTime, timeZone);
  const agreedDay = localDateOf(agreedTime, timeZone);
  const today = localDateOf(now, timeZone);
  let date = nextBusinessDay(agreedDay > today ? agreedDay : today);
  let instant = zonedTimeToInstant(date, time, timeZone);
  while (instant <= now || isWeekend(date)) {
    date = nextBusinessDay(date);
    instant = zonedTimeToInstant(date, time, timeZone);
  }
  return { date, time, timeZone, instant };
}

/** Arguments of `voicemailScript`. */
export interface VoicemailScriptArgs {
  /** Who is called (a contact's name), if known. */
  contactName: string | null;
  callerName: string;
  /** The caller's number, as they want it said; may be empty. */
  callbackNumber: string;
  /** When the call was agreed, and in which zone it is said. */
  agreedTime: string;
  timeZone: string;
  /** When the rep will try again (ISO instant), in the same zone. */
  retryTime: string | null;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "Tuesday at 10:00" in `timeZone`. */
export function spokenTime(instant: string, timeZone: string): string {
  const date = localDateOf(instant, timeZone);
  const day = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] ?? date;
  return `${day} ${date.slice(8, 10).replace(/^0/, "")} ${monthName(date)} at ${localTimeOf(instant, timeZone)}`;
}

function monthName(date: string): string {
  return ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][Number(date.slice(5, 7)) - 1] ?? "";
}

/**
 * The voicemail: you called as promised, your number, when you will try again
 * (PRODUCT.md, "Why it exists" 4). Words the rep can read out as they are.
 */
export function voicemailScript(a: VoicemailScriptArgs): string {
  const hello = a.contactName?.trim() ? `Hello ${a.contactName.trim().split(/\s+/)[0]},` : "Hello,";
  const parts = [
    `${hello} this is ${a.callerName.trim() || "your contact"}, calling as we agreed for ${spokenTime(a.agreedTime, a.timeZone)}.`,
    a.callbackNumber.trim() ? `You can reach me on ${a.callbackNumber.trim()}.` : "You can reach me on [your number].",
    a.retryTime ? `I will try you again on ${spokenTime(a.retryTime, a.timeZone)}.` : "I will try you again soon.",
    "Speak soon.",
  ];
  return parts.join(" ");
}

/** Words for the next steps that advance the sale. */
export const NEXT_STEP_WORDS: Record<NextStepKind, string> = {
  "resend-material": "Resend the material",
  "walk-through": "Walk through it again",
  "joint-call": "Joint call with the other decision maker",
  "cost-of-inaction": "State the cost of doing nothing",
  other: "Another step",
};
