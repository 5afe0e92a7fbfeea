import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { addCommitment, changeMessage, createAccount, editCommitment, type AccountDoc } from "../../../shared";
import { sameDocParts } from "./doc-parts";

const ana = { id: "ana", name: "Ana", role: "rep" as const };

describe("skipping a section's redraw when the parts it reads did not change", () => {
  const v1 = A.change(A.init<AccountDoc>(), { message: changeMessage(ana, "Created") }, (d) => {
    createAccount(d, { name: "Northwind", by: ana, at: "2026-11-23T10:00:00.000Z" });
    addCommitment(d, { id: "c1", text: "Train two admins", by: ana, at: "2026-11-23T10:00:00.000Z" });
  });
  const typed = A.change(v1, (d) => editCommitment(d, { id: "c1", text: "Train two admins on site" }));
  const renamed = A.change(typed, (d) => {
    d.name = "Northwind Ltd";
  });
  const same = sameDocParts<{ doc: AccountDoc; readOnly: boolean }>(["name", "followUps"]);

  it("treats a change elsewhere in the document (typing a commitment) as no change", () => {
    expect(same({ doc: v1, readOnly: false }, { doc: typed, readOnly: false })).toBe(true);
  });

  it("redraws when a listed part or another prop changed", () => {
    expect(same({ doc: typed, readOnly: false }, { doc: renamed, readOnly: false })).toBe(false);
    expect(same({ doc: typed, readOnly: false }, { doc: typed, readOnly: true })).toBe(false);
  });
});
