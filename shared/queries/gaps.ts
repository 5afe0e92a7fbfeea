/**
 * The gaps between what the customer needs, what we promised and what the plan
 * delivers: a requirement nobody committed to, a commitment no milestone fulfils, a
 * milestone past its date, a milestone that ends after the date we promised, dates out
 * of order, a milestone that starts before a milestone it depends on ends, a delivery
 * date confirmed by supply that falls after a date we promised, and links to items that someone removed meanwhile (two laptops editing at
 * once). A broken link is never hidden: it shows here until someone restores the item
 * or removes the link (`removeBrokenLink`).
 */
import type { AccountDoc, CommitmentDoc, MilestoneDoc } from "../account/schema";
import { read, readOrNull } from "../account/fixed";
import { inOrder } from "../account/rank";

/** Every kind of gap, in the order `gapsOf` lists them (most urgent first). */
export const GAP_KINDS = [
  "broken-link",
  "milestone-overdue",
  "milestone-after-promise",
  "milestone-dates-out-of-order",
  "milestone-before-dependency",
  "supply-after-promise",
  "requirement-without-commitment",
  "commitment-without-milestone",
] as const;
/** What kind of gap; `gapsOf` lists them in this order. */
export type GapKind = (typeof GAP_KINDS)[number];

/** What a link points at. */
export type LinkTarget = "requirement" | "commitment" | "milestone";

/** One gap between requirements, commitments and the delivery plan. */
export interface Gap {
  kind: GapKind;
  /** Stable key (kind and ids), for lists. */
  key: string;
  /** What is wrong, in the user's words. */
  message: string;
  requirementId?: string;
  commitmentId?: string;
  milestoneId?: string;
  /** For a broken link: the item it points to, which no longer exists. */
  missing?: { kind: LinkTarget; id: string };
}

const OPEN_STATUSES = new Set(["proposed", "agreed", "at-risk"]);

/** A name for an item in a message: its text, shortened. */
export function quoteName(text: string, fallback: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  if (!t) return fallback;
  return `“${t.length > 60 ? `${t.slice(0, 59)}…` : t}”`;
}

const commitmentName = (c: CommitmentDoc) => quoteName(read(c.text), "A commitment");
const milestoneName = (m: MilestoneDoc) => quoteName(read(m.title), "A milestone");

/** Every gap on `today` (YYYY-MM-DD), grouped by kind in `GAP_KINDS` order, items in list order. */
export function gapsOf(doc: AccountDoc, today: string): Gap[] {
  const requirementsMap = doc.requirements ?? {};
  const commitmentsMap = doc.commitments ?? {};
  const milestonesMap = doc.milestones ?? {};
  const requirements = inOrder(requirementsMap);
  const commitments = inOrder(commitmentsMap);
  const milestones = inOrder(milestonesMap);
  const gaps: Record<GapKind, Gap[]> = Object.fromEntries(GAP_KINDS.map((k) => [k, []])) as unknown as Record<GapKind, Gap[]>;

  // Broken links.
  for (const c of commitments) {
    const rid = readOrNull(c.requirementId);
    if (rid && !(rid in requirementsMap)) {
      const cid = read(c.id);
      gaps["broken-link"].push({
        kind: "broken-link",
        key: `broken-link:${cid}:${rid}`,
        message: `${commitmentName(c)} meets a requirement that was removed. Restore the requirement or link the commitment to another one.`,
        commitmentId: cid,
        missing: { kind: "requirement", id: rid },
      });
    }
  }
  for (const m of milestones) {
    const mid = read(m.id);
    for (const cid of new Set(m.commitmentIds.map(read))) {
      if (cid in commitmentsMap) continue;
      gaps["broken-link"].push({
        kind: "broken-link",
        key: `broken-link:${mid}:${cid}`,
        message: `${milestoneName(m)} fulfils a commitment that was removed. Restore the commitment or remove the link.`,
        milestoneId: mid,
        missing: { kind: "commitment", id: cid },
      });
    }
    for (const dep of new Set(m.dependsOn.map(read))) {
      if (dep in milestonesMap) continue;
      gaps["broken-link"].push({
        kind: "broken-link",
        key: `broken-link:${mid}:${dep}`,
        message: `${milestoneName(m)} waits for a milestone that was removed. Restore that milestone or remove the dependency.`,
        milestoneId: mid,
        missing: { kind: "milestone", id: dep },
      });
    }
  }

  // Milestones: late, out of order.
  for (const m of milestones) {
    const mid = read(m.id);
    const start = readOrNull(m.startDate);
    const end = readOrNull(m.endDate);
    if (end && end < today && read(m.status) !== "done") {
      gaps["milestone-overdue"].push({
        kind: "milestone-overdue",
        key: `milestone-overdue:${mid}`,
        message: `${milestoneName(m)} should have ended on ${end} and is not done.`,
        milestoneId: mid,
      });
    }
    if (start && end && end < start) {
      gaps["milestone-dates-out-of-order"].push({
        kind: "milestone-dates-out-of-order",
        key: `milestone-dates-out-of-order:${mid}`,
        message: `${milestoneName(m)} ends (${end}) before it starts (${start}).`,
        milestoneId: mid,
      });
    }
  }

  // Dependencies: a milestone cannot start before what it waits for has ended.
  for (const m of milestones) {
    const start = readOrNull(m.startDate);
    if (!start) continue;
    const mid = read(m.id);
    for (const depId of new Set(m.dependsOn.map(read))) {
      const dep = milestonesMap[depId];
      const depEnd = dep ? readOrNull(dep.endDate) : null;
      if (!dep || !depEnd || start >= depEnd) continue;
      gaps["milestone-before-dependency"].push({
        kind: "milestone-before-dependency",
        key: `milestone-before-dependency:${mid}:${depId}`,
        message: `${milestoneName(m)} starts on ${start}, before ${milestoneName(dep)} it depends on ends (${depEnd}).`,
        milestoneId: mid,
      });
    }
  }

  // The delivery date supply confirmed, after a date we promised.
  const supply = readOrNull(doc.checks?.supplyConfirmedDate);
  if (supply) {
    for (const c of commitments) {
      const due = readOrNull(c.dueDate);
      if (!due || due >= supply || !OPEN_STATUSES.has(read(c.status))) continue;
      const cid = read(c.id);
      gaps["supply-after-promise"].push({
        kind: "supply-after-promise",
        key: `supply-after-promise:${cid}`,
        message: `${commitmentName(c)} was promised for ${due}, but supply confirmed delivery for ${supply}.`,
        commitmentId: cid,
      });
    }
  }

  // Commitments: no milestone, or a milestone that ends after the promised date.
  for (const c of commitments) {
    if (!OPEN_STATUSES.has(read(c.status))) continue;
    const cid = read(c.id);
    const linked = milestones.filter((m) => m.commitmentIds.some((x) => read(x) === cid));
    if (!linked.length) {
      gaps["commitment-without-milestone"].push({
        kind: "commitment-without-milestone",
        key: `commitment-without-milestone:${cid}`,
        message: `${commitmentName(c)} is not in the delivery plan: no milestone fulfils it.`,
        commitmentId: cid,
      });
    }
    const due = readOrNull(c.dueDate);
    if (!due) continue;
    for (const m of linked) {
      const end = readOrNull(m.endDate);
      if (!end || end <= due || read(m.status) === "done") continue;
      const mid = read(m.id);
      gaps["milestone-after-promise"].push({
        kind: "milestone-after-promise",
        key: `milestone-after-promise:${cid}:${mid}`,
        message: `${commitmentName(c)} was promised for ${due}, but ${milestoneName(m)} ends on ${end}.`,
        commitmentId: cid,
        milestoneId: mid,
      });
    }
  }

  // Requirements nobody committed to.
  for (const r of requirements) {
    const rid = read(r.id);
    const met = commitments.some((c) => read(c.requirementId) === rid && read(c.status) !== "dropped");
    if (!met) {
      gaps["requirement-without-commitment"].push({
        kind: "requirement-without-commitment",
        key: `requirement-without-commitment:${rid}`,
        message: `${quoteName(read(r.text), "A requirement")} has no commitment: nothing we promised meets it.`,
        requirementId: rid,
      });
    }
  }

  return GAP_KINDS.flatMap((k) => gaps[k]);
}
