/**
 * The account summary kept in each person's library, so the account list and the Today
 * view never open every account (DESIGN.md "Documents").
 */
import type { AccountDoc, Role, Stage } from "../account/schema";
import { read, readOrNull } from "../account/fixed";
import { headerOf } from "./account-view";

/** The next dated thing on an account that someone has to act on. */
export interface NextDue {
  what: string;
  kind: "commitment" | "milestone" | "follow-up";
  /** YYYY-MM-DD or an ISO instant. */
  when: string;
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
}

const OPEN_COMMITMENT = new Set(["proposed", "agreed", "at-risk"]);

/** Summarise one account document. */
export function summarize(documentId: string, doc: AccountDoc): AccountSummary {
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
  };
}
