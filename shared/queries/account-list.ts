/**
 * The accounts list's filters and sort orders: by stage, owner, open risks and "due this
 * week"; by name, stage, what is due next, open risks, order value or last contact. Pure
 * functions of the summaries (no account is opened).
 */
import { STAGES, type Stage } from "../account/schema";
import { addDays, localDateOf } from "../calendar";
import { compareDecimals } from "../money";
import type { AccountSummary } from "./summary";

export interface AccountFilter {
  /** Only accounts at this stage; null: any. */
  stage: Stage | null;
  /** Only accounts this person owns (by the owner's name as the summary holds it); null: anyone. */
  owner: string | null;
  /** Only accounts with open risks. */
  openRisks: boolean;
  /** Only accounts with something due by the end of this week (Monday to Sunday, in the viewer's zone), overdue included. */
  dueThisWeek: boolean;
}

export const NO_FILTER: AccountFilter = { stage: null, owner: null, openRisks: false, dueThisWeek: false };

export const ACCOUNT_SORTS = ["name", "stage", "next-due", "open-risks", "order-value", "last-contact"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** The last day (YYYY-MM-DD) of the week of `today` (weeks run Monday to Sunday). */
export function endOfWeek(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, weekday === 0 ? 0 : 7 - weekday);
}

/** The calendar day (viewer's zone) of a summary's date or instant. */
function dayOf(when: string, timeZone: string): string {
  return when.length > 10 ? localDateOf(when, timeZone) : when;
}

/** The owners named in the summaries, each once, by name. */
export function ownersOf(summaries: readonly AccountSummary[]): string[] {
  return [...new Set(summaries.map((s) => s.ownerName).filter((n): n is string => !!n))].sort((a, b) => a.localeCompare(b));
}

const STAGE_ORDER = new Map(STAGES.map((s, i) => [s as string, i]));
const byName = (a: AccountSummary, b: AccountSummary) => a.name.localeCompare(b.name) || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0);
/** Missing values sort last whichever way. */
const nullsLast = <T>(a: T | null | undefined, b: T | null | undefined, cmp: (x: T, y: T) => number) =>
  a == null ? (b == null ? 0 : 1) : b == null ? -1 : cmp(a, b);
const amountOf = (s: AccountSummary) => {
  const v = s.orderValue?.amount;
  return v && /^\d+(\.\d+)?$/.test(v) ? v : null;
};

/** The accounts that pass `filter`, in `sort` order, for the viewer's day. */
export function listAccounts(summaries: readonly AccountSummary[], filter: AccountFilter, sort: AccountSort, options: { now: string | Date; timeZone: string }): AccountSummary[] {
  const nowIso = typeof options.now === "string" ? options.now : options.now.toISOString();
  const today = localDateOf(nowIso, options.timeZone);
  const weekEnds = endOfWeek(today);
  const kept = summaries.filter(
    (s) =>
      (filter.stage === null || s.stage === filter.stage) &&
      (filter.owner === null || s.ownerName === filter.owner) &&
      (!filter.openRisks || s.openRisks > 0) &&
      (!filter.dueThisWeek || (s.nextDue !== null && dayOf(s.nextDue.when, options.timeZone) <= weekEnds)),
  );
  const compare: (a: AccountSummary, b: AccountSummary) => number = {
    name: () => 0,
    stage: (a: AccountSummary, b: AccountSummary) => (STAGE_ORDER.get(a.stage) ?? 99) - (STAGE_ORDER.get(b.stage) ?? 99),
    "next-due": (a: AccountSummary, b: AccountSummary) => nullsLast(a.nextDue && dayOf(a.nextDue.when, options.timeZone), b.nextDue && dayOf(b.nextDue.when, options.timeZone), (x, y) => (x < y ? -1 : x > y ? 1 : 0)),
    "open-risks": (a: AccountSummary, b: AccountSummary) => b.openRisks - a.openRisks,
    "order-value": (a: AccountSummary, b: AccountSummary) => nullsLast(amountOf(a), amountOf(b), (x, y) => compareDecimals(y, x)),
    // Longest without contact first: those are the ones to call.
    "last-contact": (a: AccountSummary, b: AccountSummary) => nullsLast(a.lastContact ?? "", b.lastContact ?? "", (x, y) => (x < y ? -1 : x > y ? 1 : 0)),
  }[sort];
  return kept.sort((a, b) => compare(a, b) || byName(a, b));
}
