import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, errorOf, laptops, lead, newAccount, rep, run, sync } from "../testing/accounts";
import { requirementsOf } from "../queries/requirements";
import { commitmentsOf } from "../queries/account-view";
import { gapsOf } from "../queries/gaps";
import { snapshotRequirement } from "./requirements";
import { MissingItemError } from "./errors";

const base = () => {
  let doc = run(newAccount(), rep, "addRequirement", { id: "r1", text: "Two admins can run it", source: "call-note", sourceReference: "Call 12 Feb", by: rep, at: AT });
  doc = run(doc, rep, "addRequirement", { id: "r2", text: "Live by April", source: "proposal", by: lead, at: AT });
  doc = run(doc, rep, "addCommitment", { id: "c1", text: "Train two admins", by: rep, at: AT });
  return run(doc, rep, "addCommitment", { id: "c2", text: "Install by 1 April", by: rep, at: AT });
};

describe("requirements", () => {
  it("adds requirements with their source and reference, in order", () => {
    const doc = base();
    expect(requirementsOf(doc)).toEqual([
      { id: "r1", text: "Two admins can run it", source: "call-note", sourceReference: "Call 12 Feb", commitmentIds: [], createdBy: { id: "p-rep", name: "Riley Rep" }, createdAt: AT },
      { id: "r2", text: "Live by April", source: "proposal", sourceReference: "", commitmentIds: [], createdBy: { id: "p-lead", name: "Dana Lead" }, createdAt: AT },
    ]);
    expect(A.isImmutableString(doc.requirements.r1!.source)).toBe(true);
    expect(typeof doc.requirements.r1!.text).toBe("string");
  });

  it("edits text, source and reference", () => {
    const doc = run(base(), rep, "editRequirement", { id: "r2", text: "Live by 1 April", source: "email", sourceReference: "Mail from Kim, 3 Mar" });
    expect(requirementsOf(doc)[1]).toMatchObject({ text: "Live by 1 April", source: "email", sourceReference: "Mail from Kim, 3 Mar" });
  });

  it("links a commitment to the requirement it meets, and unlinks it", () => {
    let doc = run(base(), rep, "linkRequirement", { commitmentId: "c1", requirementId: "r1" });
    doc = run(doc, rep, "linkRequirement", { commitmentId: "c2", requirementId: "r1" });
    expect(requirementsOf(doc)[0]!.commitmentIds).toEqual(["c1", "c2"]);
    doc = run(doc, rep, "linkRequirement", { commitmentId: "c2", requirementId: null });
    expect(requirementsOf(doc)[0]!.commitmentIds).toEqual(["c1"]);
    expect(commitmentsOf(doc)[1]!.requirementId).toBeNull();
  });

  it("refuses to link to a requirement or commitment that is gone", () => {
    expect(errorOf(() => run(base(), rep, "linkRequirement", { commitmentId: "c1", requirementId: "nope" }))).toMatchObject({ kind: "requirement", id: "nope" });
    expect(errorOf(() => run(base(), rep, "linkRequirement", { commitmentId: "nope", requirementId: "r1" }))).toMatchObject({ kind: "commitment", id: "nope" });
  });

  it("moves", () => {
    const doc = run(base(), rep, "moveRequirement", { id: "r2", toIndex: 0 });
    expect(requirementsOf(doc).map((r) => r.id)).toEqual(["r2", "r1"]);
  });

  it("removing unlinks its commitments; undo puts it back in place with its links", () => {
    let doc = run(base(), rep, "linkRequirement", { commitmentId: "c1", requirementId: "r1" });
    const before = requirementsOf(doc);
    const snap = snapshotRequirement(doc, "r1");
    doc = run(doc, rep, "removeRequirement", { id: "r1" });
    expect(requirementsOf(doc).map((r) => r.id)).toEqual(["r2"]);
    expect(commitmentsOf(doc)[0]!.requirementId).toBeNull();
    doc = run(doc, rep, "restoreRequirement", snap);
    doc = run(doc, rep, "restoreRequirement", snap);
    expect(requirementsOf(doc)).toEqual(before);
  });

  it("throws MissingItemError for a requirement that is gone", () => {
    const doc = run(base(), rep, "removeRequirement", { id: "r1" });
    expect(errorOf(() => run(doc, rep, "editRequirement", { id: "r1", text: "x" }))).toBeInstanceOf(MissingItemError);
    expect(errorOf(() => run(doc, rep, "removeRequirement", { id: "r1" }))).toBeInstanceOf(MissingItemError);
    expect(errorOf(() => snapshotRequirement(doc, "r1"))).toBeInstanceOf(MissingItemError);
  });

  it("a link made on one laptop while the other removes the requirement is shown as a gap, not lost or crashed", () => {
    const [a, b] = laptops(base());
    const a1 = run(a, rep, "linkRequirement", { commitmentId: "c1", requirementId: "r1" });
    const b1 = run(b, lead, "removeRequirement", { id: "r1" });
    const [a2, b2] = sync(a1, b1);
    expect(commitmentsOf(a2)[0]!.requirementId).toBe("r1");
    const gap = gapsOf(a2, "2026-03-02").find((g) => g.kind === "broken-link");
    expect(gap).toMatchObject({ commitmentId: "c1", missing: { kind: "requirement", id: "r1" } });
    expect(gapsOf(b2, "2026-03-02")).toEqual(gapsOf(a2, "2026-03-02"));
  });
});
