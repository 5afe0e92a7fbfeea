import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import type { AccountDoc, Profile } from "../account/schema";
import { createAccount } from "./account";
import { addCommitment, removeCommitment } from "./commitments";
import { addMilestone, linkCommitment, removeMilestone } from "./milestones";
import { restoreCommitment, restoreMilestone, snapshotCommitment, snapshotMilestone } from "./restore";
import { commitmentsOf, milestonesOf } from "../queries/account-view";

const dana: Profile = { id: "p1", name: "Dana", role: "rep" };
const at = "2025-01-01T00:00:00.000Z";

function account(): A.Doc<AccountDoc> {
  let doc = A.from({} as unknown as Record<string, unknown>) as unknown as A.Doc<AccountDoc>;
  doc = A.change(doc, (d) => createAccount(d, { name: "Acme", by: dana, at }));
  doc = A.change(doc, (d) => {
    addCommitment(d, { id: "c1", text: "First", by: dana, at });
    addCommitment(d, { id: "c2", text: "Second", dueDate: "2025-02-01", by: dana, at });
    addCommitment(d, { id: "c3", text: "Third", by: dana, at });
    addMilestone(d, { id: "m1", title: "Kick-off", by: dana, at });
    addMilestone(d, { id: "m2", title: "Install", by: dana, at });
    linkCommitment(d, { milestoneId: "m1", commitmentId: "c2", linked: true });
    d.milestones["m2"]!.dependsOn.push(new A.ImmutableString("m1"));
  });
  return doc;
}

describe("undo of a removal", () => {
  it("puts a commitment back in the same place with its links", () => {
    let doc = account();
    const before = commitmentsOf(doc);
    const snap = snapshotCommitment(doc, "c2");
    doc = A.change(doc, (d) => removeCommitment(d, { id: "c2" }));
    expect(commitmentsOf(doc).map((c) => c.id)).toEqual(["c1", "c3"]);
    doc = A.change(doc, (d) => restoreCommitment(d, snap));
    expect(commitmentsOf(doc)).toEqual(before);
    expect(milestonesOf(doc)[0]!.commitmentIds).toEqual(["c2"]);
  });

  it("puts a milestone back with its dependencies", () => {
    let doc = account();
    const before = milestonesOf(doc);
    const snap = snapshotMilestone(doc, "m1");
    doc = A.change(doc, (d) => removeMilestone(d, { id: "m1" }));
    expect(milestonesOf(doc)[0]!.dependsOn).toEqual([]);
    doc = A.change(doc, (d) => restoreMilestone(d, snap));
    expect(milestonesOf(doc)).toEqual(before);
  });

  it("is idempotent and survives a concurrent removal of a linked item", () => {
    let doc = account();
    const snap = snapshotMilestone(doc, "m1");
    doc = A.change(doc, (d) => removeMilestone(d, { id: "m1" }));
    doc = A.change(doc, (d) => removeCommitment(d, { id: "c2" }));
    doc = A.change(doc, (d) => restoreMilestone(d, snap));
    doc = A.change(doc, (d) => restoreMilestone(d, snap));
    expect(milestonesOf(doc).map((m) => m.id)).toEqual(["m1", "m2"]);
    expect(milestonesOf(doc)[0]!.commitmentIds).toEqual([]);
  });
});
