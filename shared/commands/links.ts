/**
 * Repairing links to items that were removed meanwhile (see `gapsOf`, kind "broken-link").
 * One laptop links a milestone to a commitment while the other removes that commitment:
 * after the merge the link points at nothing. The plan views skip it; the gaps show it;
 * this removes it once the person has decided the item is not coming back.
 */
import type { AccountDoc } from "../account/schema";
import { read } from "../account/fixed";
import type { LinkTarget } from "../queries/gaps";
import { assertWritable } from "./account";
import { itemOf, removeId } from "./ranked";

/** Arguments of `removeBrokenLink`. */
export interface RemoveBrokenLinkArgs {
  /** The item holding the link. */
  from: { kind: "commitment" | "milestone"; id: string };
  /** The removed item it points to. */
  missing: { kind: LinkTarget; id: string };
}

/**
 * Remove a link whose target no longer exists. Does nothing when the target exists
 * again (someone restored it): then the link is good.
 */
export function removeBrokenLink(doc: AccountDoc, { from, missing }: RemoveBrokenLinkArgs): void {
  assertWritable(doc);
  if (from.kind === "commitment") {
    const c = itemOf(doc.commitments, "commitment", from.id);
    if (missing.kind === "requirement" && read(c.requirementId) === missing.id && !doc.requirements?.[missing.id]) c.requirementId = null;
    return;
  }
  const m = itemOf(doc.milestones, "milestone", from.id);
  if (missing.kind === "commitment" && !doc.commitments?.[missing.id]) removeId(m.commitmentIds, missing.id);
  if (missing.kind === "milestone" && !doc.milestones?.[missing.id]) removeId(m.dependsOn, missing.id);
}
