/** Editing an account keeps working while a peer's damaged item sits beside what is edited. */
import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { fixed } from "../account/fixed";
import { checkAccount } from "../account/check";
import { commitmentsOf, milestonesOf } from "../queries/account-view";
import { AT, fullAccount, lead, rep, run, type Doc } from "../testing/accounts";

type Raw = Record<string, unknown>;

function damaged(): Doc {
  return A.change(fullAccount(), (d) => {
    const raw = d as unknown as Record<string, Raw>;
    raw.milestones!.bad = { id: fixed("bad"), rank: fixed("!!"), commitmentIds: 5, dependsOn: null };
    raw.commitments!.junk = null;
    (raw.requirements!.r1 as Raw).rank = 7;
    (d.activities as unknown[]).unshift(null);
  });
}

describe("commands beside a damaged item", () => {
  it("add, move and remove items, move the stage and log activities; the damaged items stay as they were", () => {
    let doc = damaged();
    const damageBefore = checkAccount(doc).damage.map((d) => d.path.join("."));
    doc = run(doc, rep, "addCommitment", { id: "c3", text: "Weekly report", by: rep, at: AT });
    doc = run(doc, rep, "moveCommitment", { id: "c3", toIndex: 0 });
    doc = run(doc, rep, "removeCommitment", { id: "c1" });
    doc = run(doc, lead, "addMilestone", { id: "m3", title: "Handover", by: lead, at: AT });
    doc = run(doc, lead, "removeMilestone", { id: "m1" });
    doc = run(doc, rep, "addRequirement", { id: "r2", text: "Reports", source: "email", by: rep, at: AT });
    doc = run(doc, rep, "removeRequirement", { id: "r2" });
    doc = run(doc, rep, "moveStage", { to: "relationship", reason: "Done", by: rep, at: AT, timeZone: "UTC" });
    doc = run(doc, rep, "logActivity", { id: "a2", kind: "call", summary: "Checked in", by: rep, at: AT });
    doc = run(doc, rep, "editActivity", { id: "a1", summary: "Sent the proposal v2" });
    expect(commitmentsOf(checkAccount(doc).account).map((c) => c.id)).toEqual(["c3", "c2"]);
    expect(milestonesOf(checkAccount(doc).account).map((m) => m.id)).toEqual(["m2", "m3"]);
    expect(checkAccount(doc).damage.map((d) => d.path.join("."))).toEqual(damageBefore);
  });
});
