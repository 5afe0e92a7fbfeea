/**
 * A CRM's deal stages as Baton's stages. A CRM's pipeline ends where Baton's begins: every
 * open stage before a verbal yes is a follow-up, a yes not yet signed is a promise, and a
 * won deal is an order (which Baton then carries through handoff to payment). The person
 * sees this table for the stages their file holds and may change any line.
 */
import type { Stage } from "../account/values";
import type { ImportSource } from "./crm-columns";

/** The stages an imported deal can take: the ones a CRM's pipeline knows. */
export const IMPORT_STAGES = ["follow-up", "promised", "ordered", "lost"] as const satisfies readonly Stage[];
export type ImportStage = (typeof IMPORT_STAGES)[number];

const stageKey = (value: string) => value.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Known stage names, normalised (letters and digits only), per source. HubSpot's default
 * sales pipeline, by label and by internal value; Salesforce's default opportunity stages.
 */
const KNOWN: Record<ImportSource, Readonly<Record<string, ImportStage>>> = {
  hubspot: {
    appointmentscheduled: "follow-up",
    qualifiedtobuy: "follow-up",
    presentationscheduled: "follow-up",
    decisionmakerboughtin: "promised",
    contractsent: "promised",
    closedwon: "ordered",
    closedlost: "lost",
  },
  salesforce: {
    prospecting: "follow-up",
    qualification: "follow-up",
    needsanalysis: "follow-up",
    valueproposition: "follow-up",
    iddecisionmakers: "follow-up",
    perceptionanalysis: "follow-up",
    proposalpricequote: "follow-up",
    negotiationreview: "promised",
    closedwon: "ordered",
    closedlost: "lost",
  },
  csv: {},
};

/** Words any CRM uses. */
const COMMON: Readonly<Record<string, ImportStage>> = {
  lead: "follow-up",
  new: "follow-up",
  open: "follow-up",
  qualified: "follow-up",
  proposal: "follow-up",
  followup: "follow-up",
  negotiation: "promised",
  verbal: "promised",
  verbalyes: "promised",
  commit: "promised",
  committed: "promised",
  promised: "promised",
  won: "ordered",
  closedwon: "ordered",
  ordered: "ordered",
  lost: "lost",
  closedlost: "lost",
};

/** How one stage value of the file is read. */
export interface StageLine {
  /** The value as the file writes it (trimmed). */
  value: string;
  /** Rows that carry it. */
  rows: number;
  stage: ImportStage;
  /** False when Baton did not know the value and guessed follow-up: the person should look. */
  recognised: boolean;
}

/** Baton's stage for a CRM's stage value; unknown values are follow-ups, marked as not recognised. */
export function mapDealStage(value: string, source: ImportSource): { stage: ImportStage; recognised: boolean } {
  const key = stageKey(value);
  const known = KNOWN[source][key] ?? COMMON[key] ?? KNOWN.hubspot[key] ?? KNOWN.salesforce[key];
  return known ? { stage: known, recognised: true } : { stage: "follow-up", recognised: false };
}

/** The table shown to the person: each distinct stage value in the file, how many rows, and its stage. */
export function stageTable(values: Iterable<string>, source: ImportSource, chosen: Readonly<Record<string, ImportStage>> = {}): StageLine[] {
  const counts = new Map<string, number>();
  for (const raw of values) {
    const v = raw.trim();
    if (v !== "") counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].map(([value, rows]) => {
    const mapped = mapDealStage(value, source);
    const own = chosen[value];
    return own ? { value, rows, stage: own, recognised: true } : { value, rows, ...mapped };
  });
}

/** Where an imported deal may move an account: only forward from where it stands, so a re-import never undoes Baton's own progress. */
export function stageToApply(current: Stage, imported: ImportStage): ImportStage | null {
  const order: readonly Stage[] = ["follow-up", "promised", "ordered"];
  if (current === imported) return null;
  if (imported === "lost") return current === "follow-up" || current === "promised" ? "lost" : null;
  const from = order.indexOf(current);
  const to = order.indexOf(imported);
  return from >= 0 && to > from ? imported : null;
}
