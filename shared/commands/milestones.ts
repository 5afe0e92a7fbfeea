/** Commands on the delivery plan's milestones. Pure mutations, called inside `handle.change`. */
import { updateText } from "@automerge/automerge/slim";
import type { AccountDoc, MilestoneStatus, Person } from "../account/schema";
import { fixed, fixedOrNull, personRef, read, readPerson } from "../account/fixed";
import { newAssignee } from "./assignees";
import { rankAtEnd, ranksForMove } from "../account/rank";
import { assertWritable } from "./account";
import { soundItems } from "./ranked";
import { DependencyCycleError, MissingItemError } from "./errors";

export interface AddMilestoneArgs {
  id: string;
  title: string;
  owner?: string;
  startDate?: string | null;
  endDate?: string | null;
  status?: MilestoneStatus;
  commitmentIds?: string[];
  /** Who does it (a person who shares the account); by default the delivery lead, else whoever adds it. */
  assignee?: Person | null;
  by: Person;
  at: string;
}

export function addMilestone(doc: AccountDoc, a: AddMilestoneArgs): void {
  assertWritable(doc);
  doc.milestones[a.id] = {
    id: fixed(a.id),
    rank: fixed(rankAtEnd(doc.milestones)),
    title: a.title,
    owner: fixed(a.owner ?? ""),
    startDate: fixedOrNull(a.startDate),
    endDate: fixedOrNull(a.endDate),
    status: fixed(a.status ?? "planned"),
    dependsOn: [],
    commitmentIds: (a.commitmentIds ?? []).map(fixed),
    assignee: newAssignee(doc, a.by, a.assignee ?? readPerson(doc.deliveryLead)),
    created: { by: personRef(a.by), at: fixed(a.at) },
  };
}

export interface EditMilestoneArgs {
  id: string;
  title?: string;
  owner?: string;
  startDate?: string | null;
  endDate?: string | null;
  status?: MilestoneStatus;
}

export function editMilestone(doc: AccountDoc, a: EditMilestoneArgs): void {
  assertWritable(doc);
  const m = doc.milestones[a.id];
  if (!m) throw new MissingItemError("milestone", a.id);
  if (a.title !== undefined) updateText(doc, ["milestones", a.id, "title"], a.title);
  if (a.owner !== undefined) m.owner = fixed(a.owner);
  if (a.startDate !== undefined) m.startDate = fixedOrNull(a.startDate);
  if (a.endDate !== undefined) m.endDate = fixedOrNull(a.endDate);
  if (a.status !== undefined) m.status = fixed(a.status);
}

/** The milestones `from` waits for, directly or through others (ids of live milestones only). */
function waitsFor(doc: AccountDoc, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    const m = doc.milestones[id];
    if (!m) continue;
    for (const d of m.dependsOn ?? []) {
      const dep = read(d);
      if (!seen.has(dep)) {
        seen.add(dep);
        stack.push(dep);
      }
    }
  }
  return seen;
}

/**
 * Set what a milestone waits for (it cannot start before they end). Refuses a milestone
 * that depends on itself, a milestone that is not on the account, and a cycle (A waits for
 * B which waits for A), with `DependencyCycleError`; nothing is written then.
 */
export function setMilestoneDependencies(doc: AccountDoc, { id, dependsOn }: { id: string; dependsOn: string[] }): void {
  assertWritable(doc);
  const m = doc.milestones[id];
  if (!m) throw new MissingItemError("milestone", id);
  const wanted = [...new Set(dependsOn)];
  for (const dep of wanted) {
    if (!doc.milestones[dep]) throw new MissingItemError("milestone", dep);
    if (dep === id || waitsFor(doc, dep).has(id)) throw new DependencyCycleError([id, dep]);
  }
  const now = new Set(m.dependsOn.map(read));
  const want = new Set(wanted);
  // Remove from the end so indexes stay right; add only what is new (a concurrent edit merges).
  for (let i = m.dependsOn.length - 1; i >= 0; i--) if (!want.has(read(m.dependsOn[i]))) m.dependsOn.splice(i, 1);
  for (const dep of wanted) if (!now.has(dep)) m.dependsOn.push(fixed(dep));
}

export function moveMilestone(doc: AccountDoc, { id, toIndex }: { id: string; toIndex: number }): void {
  assertWritable(doc);
  const m = doc.milestones[id];
  if (!m) throw new MissingItemError("milestone", id);
  const ranks = ranksForMove(doc.milestones, id, toIndex) ?? {};
  for (const [itemId, rank] of Object.entries(ranks)) doc.milestones[itemId]!.rank = fixed(rank);
}

/** Link or unlink a commitment this milestone fulfils. */
export function linkCommitment(doc: AccountDoc, a: { milestoneId: string; commitmentId: string; linked: boolean }): void {
  assertWritable(doc);
  const m = doc.milestones[a.milestoneId];
  if (!m) throw new MissingItemError("milestone", a.milestoneId);
  if (!doc.commitments[a.commitmentId]) throw new MissingItemError("commitment", a.commitmentId);
  const i = m.commitmentIds.findIndex((x) => x.toString() === a.commitmentId);
  if (a.linked && i < 0) m.commitmentIds.push(fixed(a.commitmentId));
  // Every occurrence: two people linking it at once leave it in the list twice.
  if (!a.linked) {
    for (let j = m.commitmentIds.length - 1; j >= 0; j--) if (m.commitmentIds[j]!.toString() === a.commitmentId) m.commitmentIds.splice(j, 1);
  }
}

/** Remove a milestone and every dependency on it. */
export function removeMilestone(doc: AccountDoc, { id }: { id: string }): void {
  assertWritable(doc);
  if (!doc.milestones[id]) throw new MissingItemError("milestone", id);
  delete doc.milestones[id];
  for (const m of soundItems(doc.milestones, ["milestones"])) {
    for (let i = m.dependsOn.length - 1; i >= 0; i--) if (m.dependsOn[i]!.toString() === id) m.dependsOn.splice(i, 1);
  }
}
