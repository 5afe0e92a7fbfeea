/**
 * Today — each person's start page: overdue, today's and upcoming calls and follow-ups
 * (most important calls and handoff meetings included), milestones due, overdue
 * payments and accounts with open risks, each a click away from its account.
 *
 * A pure function of the library's account summaries (never of the documents), so it
 * draws a person's 1,000 accounts without opening one, and can be benchmarked alone.
 * "Today" is the viewer's calendar day in the viewer's zone: a callback agreed at 10:00
 * in New York is a 16:00 call for a rep in Berlin, and is due on Berlin's calendar.
 * Cost: one pass over the summaries, a few string comparisons per item, no date
 * formatting (the UI formats only the rows it shows).
 */
import type { FollowUpPurpose, RiskSeverity, Stage } from "../account/schema";
import { addDays, localDateOf, startOfDay } from "../calendar";
import type { AccountSummary, SummaryRisk } from "./summary";

/** A call or meeting on Today. */
export interface TodayCall {
  documentId: string;
  accountName: string;
  followUpId: string;
  purpose: FollowUpPurpose;
  /** ISO instant. */
  agreedTime: string;
  /** The zone it was agreed in (the customer's words: "10:00 my time"). */
  timeZone: string;
  reason: string;
  /** Who makes it (shown on "Everyone"). */
  assigneeName: string | null;
}

/** A milestone or a commitment due (or overdue) on Today. */
export interface TodayMilestone {
  kind: "milestone" | "commitment";
  documentId: string;
  accountName: string;
  /** The milestone's or the commitment's id. */
  milestoneId: string;
  /** The milestone's title or the commitment's words. */
  title: string;
  assigneeName: string | null;
  /** YYYY-MM-DD. */
  endDate: string;
  overdue: boolean;
}

/** An unpaid invoice due today or past its due date. */
export interface TodayPayment {
  documentId: string;
  accountName: string;
  /** YYYY-MM-DD. */
  dueDate: string;
  /** 0 on the due day. */
  daysOverdue: number;
}

/** An account with risks still open. */
export interface TodayRiskAccount {
  documentId: string;
  accountName: string;
  stage: Stage;
  openRisks: number;
  /** The most severe open risk's severity. */
  worst: RiskSeverity | null;
  /** The most severe open risks (as many as the summary keeps). */
  risks: SummaryRisk[];
}

/** What `todayOf` returns. */
export interface TodayView {
  /** The viewer's calendar day (YYYY-MM-DD). */
  date: string;
  timeZone: string;
  calls: {
    /** Agreed time has passed, no outcome logged; oldest first. */
    overdue: TodayCall[];
    /** Later today; earliest first. */
    today: TodayCall[];
    /** From tomorrow through `upcomingDays` days; earliest first. */
    upcoming: TodayCall[];
    /** How many open calls lie beyond the upcoming window. */
    later: number;
  };
  /** Milestones and commitments overdue or due within the upcoming window; earliest first. */
  milestones: TodayMilestone[];
  /** Payments due today or overdue, longest overdue first. */
  payments: TodayPayment[];
  /** Accounts with open risks, the most severe first. */
  risks: TodayRiskAccount[];
  /** For the navigation: overdue items (calls, milestones, payments) and calls due later today. */
  counts: { overdue: number; today: number };
}

/** Options of `todayOf`. */
export interface TodayOptions {
  /** Now, as an ISO instant (or a Date). */
  now: string | Date;
  /** The viewer's IANA zone. */
  timeZone: string;
  /** How far ahead "upcoming" reaches, in days after today (default 7). */
  upcomingDays?: number;
  /**
   * Whose Today: only the calls, milestones and commitments this person is reminded of,
   * and the payments and risks of the accounts they own. Absent: everyone's.
   */
  person?: string;
}

const ENDED: ReadonlySet<string> = new Set(["lost", "cancelled"]);
const SEVERITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Today for one person, from the summaries of the accounts in their library. Accounts
 * that were lost or cancelled drop out of calls, milestones and risks (their open items
 * no longer need anyone), but an overdue payment still shows.
 */
export function todayOf(summaries: readonly AccountSummary[], options: TodayOptions): TodayView {
  const nowIso = typeof options.now === "string" ? new Date(options.now).toISOString() : options.now.toISOString();
  const zone = options.timeZone;
  const days = options.upcomingDays ?? 7;
  const date = localDateOf(nowIso, zone);
  const tomorrowStarts = startOfDay(addDays(date, 1), zone);
  const windowEnds = startOfDay(addDays(date, days + 1), zone);
  const lastDay = addDays(date, days);

  const view: TodayView = {
    date,
    timeZone: zone,
    calls: { overdue: [], today: [], upcoming: [], later: 0 },
    milestones: [],
    payments: [],
    risks: [],
    counts: { overdue: 0, today: 0 },
  };

  const person = options.person;
  const everyone = person === undefined;
  for (const s of summaries) {
    const accountName = s.name.trim() || "Untitled account";
    const ended = ENDED.has(s.stage);
    const owned = everyone || s.ownerId === person;
    if (!ended) {
      const calls = s.calls ?? [];
      let kept = 0;
      for (const c of calls) {
        if (!everyone && c.assigneeId !== person) continue;
        kept++;
        const call: TodayCall = { documentId: s.documentId, accountName, followUpId: c.id, purpose: c.purpose, agreedTime: c.agreedTime, timeZone: c.timeZone, reason: c.reason, assigneeName: c.assigneeName ?? null };
        if (c.agreedTime <= nowIso) view.calls.overdue.push(call);
        else if (c.agreedTime < tomorrowStarts) view.calls.today.push(call);
        else if (c.agreedTime < windowEnds) view.calls.upcoming.push(call);
        else view.calls.later++;
      }
      // Calls the summary did not keep all lie after the ones it kept.
      const open = everyone ? (s.openCalls ?? calls.length) : (s.openCallsBy?.[person] ?? kept);
      view.calls.later += Math.max(0, open - kept);
      for (const m of s.milestonesDue ?? []) {
        if (m.endDate > lastDay || (!everyone && m.assigneeId !== person)) continue;
        view.milestones.push({ kind: "milestone", documentId: s.documentId, accountName, milestoneId: m.id, title: m.title, endDate: m.endDate, overdue: m.endDate < date, assigneeName: m.assigneeName ?? null });
      }
      for (const c of s.commitmentsDue ?? []) {
        if (c.dueDate > lastDay || (!everyone && c.assigneeId !== person)) continue;
        view.milestones.push({ kind: "commitment", documentId: s.documentId, accountName, milestoneId: c.id, title: c.text, endDate: c.dueDate, overdue: c.dueDate < date, assigneeName: c.assigneeName ?? null });
      }
      if (s.openRisks > 0 && owned) {
        const risks = s.risks ?? [];
        view.risks.push({ documentId: s.documentId, accountName, stage: s.stage, openRisks: s.openRisks, worst: risks[0]?.severity ?? null, risks });
      }
    }
    if (s.paymentDue && s.paymentDue <= date && owned) {
      view.payments.push({ documentId: s.documentId, accountName, dueDate: s.paymentDue, daysOverdue: daysBetween(s.paymentDue, date) });
    }
  }

  const byTime = (a: TodayCall, b: TodayCall) => compare(a.agreedTime, b.agreedTime) || compare(a.accountName, b.accountName) || compare(a.followUpId, b.followUpId);
  view.calls.overdue.sort(byTime);
  view.calls.today.sort(byTime);
  view.calls.upcoming.sort(byTime);
  view.milestones.sort((a, b) => compare(a.endDate, b.endDate) || compare(a.accountName, b.accountName) || compare(a.milestoneId, b.milestoneId));
  view.payments.sort((a, b) => b.daysOverdue - a.daysOverdue || compare(a.accountName, b.accountName));
  view.risks.sort(
    (a, b) =>
      (SEVERITY_RANK[a.worst ?? ""] ?? 3) - (SEVERITY_RANK[b.worst ?? ""] ?? 3) || b.openRisks - a.openRisks || compare(a.accountName, b.accountName) || compare(a.documentId, b.documentId),
  );
  view.counts.overdue = view.calls.overdue.length + view.milestones.filter((m) => m.overdue).length + view.payments.filter((p) => p.daysOverdue > 0).length;
  view.counts.today = view.calls.today.length;
  return view;
}
