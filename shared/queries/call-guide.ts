/**
 * The most important call (PRODUCT.md, "Why it exists" 2): the first call after the
 * order, made the next business day. Its guide walks the customer back through the
 * buying process — each requirement, the commitment that meets it, and precisely what
 * will be delivered and when — so that expectations match what was committed.
 */
import type {
  AccountDoc,
  CallOutcome,
  CommitmentStatus,
  ConcernKind,
  ConfirmationOccasion,
  FollowUpDoc,
  FollowUpPurpose,
  MilestoneStatus,
  Person,
  RequirementSource,
} from "../account/schema";
import { read, readOrNull, readPerson } from "../account/fixed";
import { inOrder } from "../account/rank";

/** The id the most important call is scheduled under, so two laptops scheduling it at once make one call. */
export const MOST_IMPORTANT_CALL_ID = "most-important-call";

/** A scheduled call or meeting. */
export interface FollowUpView {
  id: string;
  purpose: FollowUpPurpose;
  /** ISO instant. */
  agreedTime: string;
  /** The IANA time zone it was agreed in. */
  timeZone: string;
  reason: string;
  outcome: CallOutcome | null;
  nextStep: string;
  createdBy: Person | null;
  createdAt: string;
}

/** When, where and by whom the customer's confirmation of a commitment was recorded. */
export interface ConfirmationView {
  occasion: ConfirmationOccasion;
  at: string;
  by: Person | null;
}

/** A concern or remorse signal as the UI shows it. */
export interface ConcernView {
  id: string;
  kind: ConcernKind;
  text: string;
  followUpId: string | null;
  resolved: boolean;
  createdBy: Person | null;
  createdAt: string;
}

/** A milestone in the call guide: what will be delivered and when. */
export interface CallGuideMilestone {
  id: string;
  title: string;
  startDate: string | null;
  endDate: string | null;
  status: MilestoneStatus;
}

/** A commitment in the call guide. */
export interface CallGuideCommitment {
  id: string;
  text: string;
  status: CommitmentStatus;
  promisedBy: string;
  dueDate: string | null;
  /** Whether (and when) the customer confirmed it; null until then. */
  confirmed: ConfirmationView | null;
  /** What will be delivered for it and when, in plan order. */
  milestones: CallGuideMilestone[];
}

/** One row of the call guide: a requirement and the commitments that meet it. */
export interface CallGuideRow {
  requirement: { id: string; text: string; source: RequirementSource; sourceReference: string };
  /** The commitments that meet it (dropped ones left out); empty is a gap to raise on the call. */
  commitments: CallGuideCommitment[];
}

/** What `callGuideOf` returns. */
export interface CallGuide {
  /** One row per requirement, in requirement order. */
  rows: CallGuideRow[];
  /** Commitments that meet no (existing) requirement. */
  unlinkedCommitments: CallGuideCommitment[];
  proposalReference: string | null;
  quoteReference: string | null;
  /** The scheduled most important call, if any. */
  call: FollowUpView | null;
  /** Concerns and remorse signals raised so far. */
  concerns: ConcernView[];
}

function followUpView(f: FollowUpDoc): FollowUpView {
  return {
    id: read(f.id),
    purpose: read(f.purpose) as FollowUpPurpose,
    agreedTime: read(f.agreedTime),
    timeZone: read(f.timeZone),
    reason: read(f.reason),
    outcome: readOrNull(f.outcome) as CallOutcome | null,
    nextStep: read(f.nextStep),
    createdBy: readPerson(f.created?.by),
    createdAt: read(f.created?.at),
  };
}

/** Every follow-up of the account, by agreed time (then id). */
export function followUpsOf(doc: AccountDoc): FollowUpView[] {
  return Object.values(doc.followUps ?? {})
    .map(followUpView)
    .sort((a, b) => (a.agreedTime < b.agreedTime ? -1 : a.agreedTime > b.agreedTime ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The most important call, or null when it has not been scheduled. */
export function mostImportantCallOf(doc: AccountDoc): FollowUpView | null {
  const own = doc.followUps?.[MOST_IMPORTANT_CALL_ID];
  if (own) return followUpView(own);
  return followUpsOf(doc).find((f) => f.purpose === "most-important-call") ?? null;
}

/** Concerns and remorse signals, in their visible order. */
export function concernsOf(doc: AccountDoc): ConcernView[] {
  return inOrder(doc.concerns ?? {}).map((c) => ({
    id: read(c.id),
    kind: read(c.kind) as ConcernKind,
    text: read(c.text),
    followUpId: readOrNull(c.followUpId),
    resolved: c.resolved !== null && c.resolved !== undefined,
    createdBy: readPerson(c.created?.by),
    createdAt: read(c.created?.at),
  }));
}

/** The call guide: requirement → commitment(s) → milestone(s), plus the proposal and quote references. */
export function callGuideOf(doc: AccountDoc): CallGuide {
  const requirements = inOrder(doc.requirements ?? {});
  const milestones = inOrder(doc.milestones ?? {});
  const commitments = inOrder(doc.commitments ?? {})
    .filter((c) => read(c.status) !== "dropped")
    .map((c) => {
      const id = read(c.id);
      const view: CallGuideCommitment = {
        id,
        text: read(c.text),
        status: read(c.status) as CommitmentStatus,
        promisedBy: read(c.promisedBy),
        dueDate: readOrNull(c.dueDate),
        confirmed: c.confirmed
          ? { occasion: read(c.confirmed.occasion) as ConfirmationOccasion, at: read(c.confirmed.at), by: readPerson(c.confirmed.by) }
          : null,
        milestones: milestones
          .filter((m) => m.commitmentIds.some((x) => read(x) === id))
          .map((m) => ({
            id: read(m.id),
            title: read(m.title),
            startDate: readOrNull(m.startDate),
            endDate: readOrNull(m.endDate),
            status: read(m.status) as MilestoneStatus,
          })),
      };
      return { requirementId: readOrNull(c.requirementId), view };
    });
  const known = new Set(requirements.map((r) => read(r.id)));
  return {
    rows: requirements.map((r) => {
      const id = read(r.id);
      return {
        requirement: { id, text: read(r.text), source: read(r.source) as RequirementSource, sourceReference: read(r.sourceReference) },
        commitments: commitments.filter((c) => c.requirementId === id).map((c) => c.view),
      };
    }),
    unlinkedCommitments: commitments.filter((c) => c.requirementId === null || !known.has(c.requirementId)).map((c) => c.view),
    proposalReference: readOrNull(doc.order?.proposalReference),
    quoteReference: readOrNull(doc.order?.quoteReference),
    call: mostImportantCallOf(doc),
    concerns: concernsOf(doc),
  };
}
