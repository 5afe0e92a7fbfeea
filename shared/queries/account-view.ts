/**
 * Plain views of an account for the UI: fixed strings read out, lists in order,
 * links resolved. The renderer draws these and never reads storage details.
 */
import type { AccountDoc, CommitmentStatus, Fixed, MilestoneStatus, OwnerDoc, Person, Role, Stage } from "../account/schema";
import { SCHEMA_VERSION } from "../account/schema";
import { read, readOrNull, readPerson } from "../account/fixed";
import { inOrder } from "../account/rank";
import { isFromNewerApp, versionOf } from "../account/migrations";

export interface CommitmentView {
  id: string;
  text: string;
  promisedBy: string;
  dueDate: string | null;
  status: CommitmentStatus;
  requirementId: string | null;
  confirmed: boolean;
  /** Milestones of the plan that fulfil this commitment. */
  milestoneIds: string[];
  createdBy: Person | null;
  createdAt: string;
}

export interface MilestoneView {
  id: string;
  title: string;
  owner: string;
  startDate: string | null;
  endDate: string | null;
  status: MilestoneStatus;
  commitmentIds: string[];
  dependsOn: string[];
}

/** The rep or the delivery lead, with the phone and email customers reach them on (null: not given). */
export interface OwnerView extends Person {
  phone: string | null;
  email: string | null;
}

export interface AccountHeaderView {
  /** The customer company. */
  name: string;
  /** The company's web domain and main phone (null: not given). */
  domain: string | null;
  phone: string | null;
  stage: Stage;
  owner: Role;
  ownerPerson: OwnerView | null;
  rep: OwnerView | null;
  deliveryLead: OwnerView | null;
  /** True when a newer Baton wrote this document: show it, do not edit it. */
  readOnly: boolean;
  schemaVersion: number;
}

export function commitmentsOf(doc: AccountDoc): CommitmentView[] {
  const milestones = Object.values(doc.milestones ?? {});
  return inOrder(doc.commitments ?? {}).map((c) => {
    const id = read(c.id);
    return {
      id,
      text: read(c.text),
      promisedBy: read(c.promisedBy),
      dueDate: readOrNull(c.dueDate),
      status: read(c.status) as CommitmentStatus,
      requirementId: readOrNull(c.requirementId),
      confirmed: c.confirmed !== null && c.confirmed !== undefined,
      milestoneIds: milestones.filter((m) => m.commitmentIds.some((x) => read(x) === id)).map((m) => read(m.id)),
      createdBy: readPerson(c.created?.by),
      createdAt: read(c.created?.at),
    };
  });
}

/** Link ids that still name an item, each once (a concurrent remove or link can leave stale or doubled ids). */
function liveLinks(ids: readonly (Fixed | string)[], items: Record<string, unknown>): string[] {
  return [...new Set(ids.map(read))].filter((id) => id in items);
}

export function milestonesOf(doc: AccountDoc): MilestoneView[] {
  const commitments = doc.commitments ?? {};
  const milestones = doc.milestones ?? {};
  return inOrder(milestones).map((m) => ({
    id: read(m.id),
    title: read(m.title),
    owner: read(m.owner),
    startDate: readOrNull(m.startDate),
    endDate: readOrNull(m.endDate),
    status: read(m.status) as MilestoneStatus,
    commitmentIds: liveLinks(m.commitmentIds, commitments),
    dependsOn: liveLinks(m.dependsOn, milestones),
  }));
}

/** An owner as views read it; phone and email missing (never written yet) read as none. */
export function ownerOf(ref: OwnerDoc | null | undefined): OwnerView | null {
  const p = readPerson(ref);
  return p && ref ? { ...p, phone: readOrNull(ref.phone), email: readOrNull(ref.email) } : null;
}

export function headerOf(doc: AccountDoc): AccountHeaderView {
  const owner = (read(doc.owner) || "rep") as Role;
  const rep = ownerOf(doc.rep);
  const deliveryLead = ownerOf(doc.deliveryLead);
  return {
    name: read(doc.name),
    domain: readOrNull(doc.domain),
    phone: readOrNull(doc.phone),
    stage: (read(doc.stage) || "follow-up") as Stage,
    owner,
    ownerPerson: owner === "rep" ? rep : deliveryLead,
    rep,
    deliveryLead,
    readOnly: isFromNewerApp(doc, SCHEMA_VERSION),
    schemaVersion: versionOf(doc),
  };
}
