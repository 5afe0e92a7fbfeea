/**
 * The account summary kept in each person's library, so the account list and the Today
 * view never open every account (DESIGN.md "Documents").
 */
import type { AccountDoc, FollowUpPurpose, RiskKind, RiskSeverity, Role, Stage } from "../account/schema";
import { read, readOrNull } from "../account/fixed";
import { headerOf } from "./account-view";
import { checkAccount } from "../account/check";
import { assignmentOf, ownerPersonOf } from "./assignees";

/** The next dated thing on an account that someone has to act on. */
export interface NextDue {
  what: string;
  kind: "commitment" | "milestone" | "follow-up";
  /** YYYY-MM-DD or an ISO instant. */
  when: string;
}

/**
 * The shape of the summary this build writes; the sync node re-summarises accounts whose
 * stored summary is older (e.g. written before Today), so the Today view is complete.
 */
export const SUMMARY_VERSION = 5;

/**
 * How many of each list a summary keeps per account — per assignee for calls, milestones
 * and commitments, so one person's many items never push the other's out of their Today:
 * enough for Today, small for 10,000 accounts.
 */
export const SUMMARY_LIMITS = { calls: 5, milestones: 3, commitments: 3, risks: 3, text: 140 } as const;

/** A call or meeting still to be made (no outcome logged). */
export interface SummaryCall {
  id: string;
  purpose: FollowUpPurpose;
  /** ISO instant. */
  agreedTime: string;
  /** The IANA zone it was agreed in. */
  timeZone: string;
  /** Why we call, shortened. */
  reason: string;
  /** The person reminded (the assignee while they share the account, else the owner); null when nobody is recorded. */
  assigneeId: string | null;
  assigneeName: string | null;
}

/** A delivery milestone not done yet, with its end date. */
export interface SummaryMilestone {
  id: string;
  title: string;
  /** YYYY-MM-DD. */
  endDate: string;
  assigneeId: string | null;
  assigneeName: string | null;
}

/** A commitment still open, with its due date. */
export interface SummaryCommitment {
  id: string;
  text: string;
  /** YYYY-MM-DD. */
  dueDate: string;
  assigneeId: string | null;
  assigneeName: string | null;
}

/** An open risk. */
export interface SummaryRisk {
  id: string;
  kind: RiskKind;
  severity: RiskSeverity;
  description: string;
}

export interface AccountSummary {
  documentId: string;
  name: string;
  stage: Stage;
  owner: Role;
  ownerName: string | null;
  commitments: number;
  milestones: number;
  openRisks: number;
  nextDue: NextDue | null;
  readOnly: boolean;
  /** `SUMMARY_VERSION` of the build that wrote it (absent: version 1). */
  version?: number;
  /** Calls and meetings without an outcome, earliest first (at most `SUMMARY_LIMITS.calls`). */
  calls?: SummaryCall[];
  /** How many calls without an outcome there are in all. */
  openCalls?: number;
  /** Milestones not done with an end date, earliest first (at most `SUMMARY_LIMITS.milestones`). */
  milestonesDue?: SummaryMilestone[];
  /** The payment due date (YYYY-MM-DD) while the invoice is unpaid; null otherwise. */
  paymentDue?: string | null;
  /** Open risks, most severe first (at most `SUMMARY_LIMITS.risks`). */
  risks?: SummaryRisk[];
  /** How many parts of the account are damaged (a peer wrote what makes no sense); absent before summary version 3. */
  damaged?: number;
  /** The order's value and currency (for the pipeline's sums); null while no value is entered. Since summary version 4. */
  orderValue?: SummaryAmount | null;
  /** When the customer was last reached (ISO instant): the latest logged call or meeting that reached someone. Since summary version 4. */
  lastContact?: string | null;
  /** The id of the person who owns the account now (reminded of its payment and risks); absent before summary version 4. */
  ownerId?: string | null;
  /** The customer's web domain (null: none given); absent before summary version 5. */
  domain?: string | null;
  /** The ids of the rep and the delivery lead, whose phone and email the account carries (kept from their profile); absent before summary version 5. */
  contactIds?: string[];
  /** Open calls by the person reminded of them (person id → count; "" for nobody). */
  openCallsBy?: Record<string, number>;
  /** Open commitments with a due date, earliest first (at most `SUMMARY_LIMITS.commitments` per assignee). */
  commitmentsDue?: SummaryCommitment[];
  /** Reminders shown, as `<person id> <reminder key>` (records/reminder.ts), for the items the summary keeps. */
  remindersShown?: string[];
}

/** An amount as stored (shared/money.ts: a decimal string) with its currency code ("" when none was entered). */
export interface SummaryAmount {
  amount: string;
  currency: string;
}

/** A logged call whose outcome says nobody was reached is no contact. */
const NOT_REACHED: ReadonlySet<string> = new Set(["voicemail", "no-answer"]);

/** The latest logged call or meeting that reached the customer (ISO instant), or null. */
function lastContactOf(doc: AccountDoc): string | null {
  let latest: string | null = null;
  for (const a of Array.isArray(doc.activities) ? doc.activities : []) {
    const kind = read(a.kind);
    if (kind !== "call" && kind !== "meeting") continue;
    if (NOT_REACHED.has(read(a.outcome))) continue;
    const at = read(a.at);
    if (at && (latest === null || at > latest)) latest = at;
  }
  return latest;
}

const SEVERITY_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

function short(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  return t.length > SUMMARY_LIMITS.text ? `${t.slice(0, SUMMARY_LIMITS.text - 1)}…` : t;
}

const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => {
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const OPEN_COMMITMENT = new Set(["proposed", "agreed", "at-risk"]);

/**
 * Summarise one account document. The document is checked first (account/check.ts): a
 * damaged item is left out of the summary, and counted.
 */
export function summarize(documentId: string, stored: AccountDoc): AccountSummary {
  const { account: doc, damage } = checkAccount(stored);
  const header = headerOf(doc);
  const candidates: NextDue[] = [];
  for (const c of Object.values(doc.commitments ?? {})) {
    const due = readOrNull(c.dueDate);
    if (due && OPEN_COMMITMENT.has(read(c.status))) candidates.push({ what: read(c.text), kind: "commitment", when: due });
  }
  for (const m of Object.values(doc.milestones ?? {})) {
    const end = readOrNull(m.endDate);
    if (end && read(m.status) !== "done") candidates.push({ what: read(m.title), kind: "milestone", when: end });
  }
  for (const f of Object.values(doc.followUps ?? {})) {
    if (!f.outcome) candidates.push({ what: read(f.reason) || read(f.purpose), kind: "follow-up", when: read(f.agreedTime) });
  }
  candidates.sort((a, b) => (a.when < b.when ? -1 : a.when > b.when ? 1 : 0));
  const who = (item: Parameters<typeof assignmentOf>[1]) => {
    const p = assignmentOf(doc, item).person;
    return { assigneeId: p?.id ?? null, assigneeName: p?.name ?? null };
  };
  const calls: SummaryCall[] = Object.values(doc.followUps ?? {})
    .filter((f) => !f.outcome && read(f.agreedTime))
    .map((f) => ({
      id: read(f.id),
      purpose: (read(f.purpose) || "call") as FollowUpPurpose,
      agreedTime: read(f.agreedTime),
      timeZone: read(f.timeZone),
      reason: short(read(f.reason)),
      ...who(f),
    }))
    .sort(byKey((c) => c.agreedTime + c.id));
  const milestonesDue: SummaryMilestone[] = Object.values(doc.milestones ?? {})
    .filter((m) => read(m.status) !== "done" && readOrNull(m.endDate))
    .map((m) => ({ id: read(m.id), title: short(read(m.title)), endDate: read(m.endDate), ...who(m) }))
    .sort(byKey((m) => m.endDate + m.id));
  const commitmentsDue: SummaryCommitment[] = Object.values(doc.commitments ?? {})
    .filter((c) => OPEN_COMMITMENT.has(read(c.status)) && readOrNull(c.dueDate))
    .map((c) => ({ id: read(c.id), text: short(read(c.text)), dueDate: read(c.dueDate), ...who(c) }))
    .sort(byKey((c) => c.dueDate + c.id));
  const openCallsBy: Record<string, number> = {};
  for (const c of calls) openCallsBy[c.assigneeId ?? ""] = (openCallsBy[c.assigneeId ?? ""] ?? 0) + 1;
  const keptCalls = firstPerPerson(calls, SUMMARY_LIMITS.calls);
  const keptMilestones = firstPerPerson(milestonesDue, SUMMARY_LIMITS.milestones);
  const keptCommitments = firstPerPerson(commitmentsDue, SUMMARY_LIMITS.commitments);
  const risks: SummaryRisk[] = Object.values(doc.risks ?? {})
    .filter((r) => read(r.status) === "open")
    .map((r) => ({ id: read(r.id), kind: read(r.kind) as RiskKind, severity: read(r.severity) as RiskSeverity, description: short(read(r.description)) }))
    .sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const paid = readOrNull(doc.payment?.paidDate);
  return {
    documentId,
    name: header.name,
    stage: header.stage,
    owner: header.owner,
    ownerName: header.ownerPerson?.name ?? null,
    commitments: Object.keys(doc.commitments ?? {}).length,
    milestones: Object.keys(doc.milestones ?? {}).length,
    openRisks: Object.values(doc.risks ?? {}).filter((r) => read(r.status) === "open").length,
    nextDue: candidates[0] ?? null,
    readOnly: header.readOnly,
    version: SUMMARY_VERSION,
    calls: keptCalls,
    openCalls: calls.length,
    milestonesDue: keptMilestones,
    paymentDue: paid ? null : readOrNull(doc.payment?.dueDate),
    risks: risks.slice(0, SUMMARY_LIMITS.risks),
    damaged: damage.length,
    orderValue: readOrNull(doc.order?.value) ? { amount: read(doc.order.value), currency: read(doc.order.currency) } : null,
    lastContact: lastContactOf(doc),
    ownerId: ownerPersonOf(doc)?.id ?? null,
    domain: header.domain,
    contactIds: [header.rep?.id, header.deliveryLead?.id].filter((id): id is string => !!id),
    openCallsBy,
    commitmentsDue: keptCommitments,
    remindersShown: Object.keys(doc.remindersShown ?? {}).filter((k) => k.length <= 400).slice(0, 200),
  };
}

/** The first `limit` items of each assignee, in the order given. */
function firstPerPerson<T extends { assigneeId: string | null }>(items: T[], limit: number): T[] {
  const seen = new Map<string | null, number>();
  return items.filter((item) => {
    const n = seen.get(item.assigneeId) ?? 0;
    seen.set(item.assigneeId, n + 1);
    return n < limit;
  });
}
