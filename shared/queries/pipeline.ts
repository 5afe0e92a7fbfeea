/**
 * The pipeline board and "stay close": accounts by stage with their order values summed
 * per currency, each with the days since the customer was last reached; and the deals
 * between promise and payment that went quiet.
 *
 * Pure functions of the library's summaries (never of the documents): the board of
 * 10,000 accounts is one pass and a sort per stage (bench scenario 8).
 */
import type { Stage } from "../account/schema";
import { addDecimals } from "../money";
import { localDateOf } from "../calendar";
import type { AccountSummary, SummaryAmount } from "./summary";

/** The stages the board shows, in the order an account moves through them (lost and cancelled are counted apart). */
export const BOARD_STAGES = ["follow-up", "promised", "ordered", "handed-off", "delivering", "delivered", "paid", "relationship"] as const satisfies readonly Stage[];

/** Stages where a deal must not go quiet: promised but not yet paid ("stay close until the check clears"). */
export const STAY_CLOSE_STAGES: ReadonlySet<Stage> = new Set<Stage>(["promised", "ordered", "delivering"]);

/** The default of the person's "no contact for" threshold, in days. */
export const STAY_CLOSE_DEFAULT_DAYS = 7;
/** The range the person may set. */
export const STAY_CLOSE_MAX_DAYS = 365;

/** One account on the board. */
export interface BoardCard {
  documentId: string;
  name: string;
  ownerName: string | null;
  orderValue: SummaryAmount | null;
  /** Whole calendar days since the last contact, in the viewer's zone; null when none is logged. */
  daysQuiet: number | null;
}

/** One stage's column. */
export interface BoardColumn {
  stage: Stage;
  /** Longest quiet first (never reached first), then by name. */
  cards: BoardCard[];
  /** The order values summed per currency ("" for values entered without one), by currency code. */
  totals: SummaryAmount[];
}

export interface Board {
  columns: BoardColumn[];
  /** Accounts lost or cancelled, not on the board. */
  ended: number;
}

/**
 * The calendar day of an instant in a zone, remembered per quarter hour (every zone's
 * offset is a whole number of quarter hours): 10,000 accounts ask a few hundred times.
 */
const dayCache = new Map<string, string>();
function localDayOf(instant: string, timeZone: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return localDateOf(instant, timeZone); // Says what is wrong.
  const key = `${timeZone}|${Math.floor(t / 900_000)}`;
  let day = dayCache.get(key);
  if (day === undefined) {
    if (dayCache.size > 50_000) dayCache.clear();
    day = localDateOf(new Date(t).toISOString(), timeZone);
    dayCache.set(key, day);
  }
  return day;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Whole calendar days from the day of `instant` to `today` in `timeZone` (0 on the same day). */
export function daysSince(instant: string, today: string, timeZone: string): number {
  const then = localDayOf(instant, timeZone);
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${then}T00:00:00Z`)) / 86_400_000));
}

const quietRank = (c: BoardCard) => (c.daysQuiet === null ? Number.MAX_SAFE_INTEGER : c.daysQuiet);

/** The board for the viewer's day (`now`, `timeZone`). */
export function pipelineOf(summaries: readonly AccountSummary[], options: { now: string | Date; timeZone: string }): Board {
  const nowIso = typeof options.now === "string" ? options.now : options.now.toISOString();
  const today = localDateOf(nowIso, options.timeZone);
  const byStage = new Map<Stage, { cards: BoardCard[]; totals: Map<string, string> }>(BOARD_STAGES.map((s) => [s, { cards: [], totals: new Map() }]));
  let ended = 0;
  for (const s of summaries) {
    const column = byStage.get(s.stage);
    if (!column) {
      ended++;
      continue;
    }
    const value = s.orderValue ?? null;
    if (value) {
      const before = column.totals.get(value.currency);
      try {
        column.totals.set(value.currency, before === undefined ? addDecimals(value.amount, "0") : addDecimals(before, value.amount));
      } catch {
        // A value that is not an amount (a peer's damage) is left out of the sum, not the board.
      }
    }
    column.cards.push({
      documentId: s.documentId,
      name: s.name.trim(),
      ownerName: s.ownerName,
      orderValue: value,
      daysQuiet: s.lastContact ? daysSince(s.lastContact, today, options.timeZone) : null,
    });
  }
  const columns = BOARD_STAGES.map((stage): BoardColumn => {
    const { cards, totals } = byStage.get(stage)!;
    cards.sort((a, b) => quietRank(b) - quietRank(a) || collator.compare(a.name, b.name) || (a.documentId < b.documentId ? -1 : 1));
    return { stage, cards, totals: [...totals].map(([currency, amount]) => ({ amount, currency })).sort((a, b) => a.currency.localeCompare(b.currency)) };
  });
  return { columns, ended };
}

/** A deal between promise and payment with no contact for too long. */
export interface QuietDeal {
  documentId: string;
  name: string;
  stage: Stage;
  /** null: no contact was ever logged. */
  daysQuiet: number | null;
}

/**
 * "Stay close": promised, ordered and delivering accounts whose last logged contact is
 * `days` or more calendar days ago (or was never logged), longest quiet first.
 */
export function quietDealsOf(summaries: readonly AccountSummary[], options: { now: string | Date; timeZone: string; days: number }): QuietDeal[] {
  const nowIso = typeof options.now === "string" ? options.now : options.now.toISOString();
  const today = localDateOf(nowIso, options.timeZone);
  const out: QuietDeal[] = [];
  for (const s of summaries) {
    if (!STAY_CLOSE_STAGES.has(s.stage)) continue;
    const daysQuiet = s.lastContact ? daysSince(s.lastContact, today, options.timeZone) : null;
    if (daysQuiet !== null && daysQuiet < options.days) continue;
    out.push({ documentId: s.documentId, name: s.name.trim(), stage: s.stage, daysQuiet });
  }
  return out.sort((a, b) => (b.daysQuiet ?? Infinity) - (a.daysQuiet ?? Infinity) || collator.compare(a.name, b.name) || (a.documentId < b.documentId ? -1 : 1));
}
