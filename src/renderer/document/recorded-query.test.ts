import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import {
  addCommitment,
  addMilestone,
  changeMessage,
  commitmentsOf,
  createAccount,
  editCommitment,
  meetingAgenda,
  stageChecklist,
  type AccountDoc,
} from "../../../shared";
import { runQuery } from "./recorded-query";

const ana = { id: "ana", name: "Ana", role: "rep" as const };
const at = "2026-11-23T10:00:00.000Z";

function account() {
  const v1 = A.change(A.init<AccountDoc>(), { message: changeMessage(ana, "Created") }, (d) => {
    createAccount(d, { name: "Northwind", by: ana, at });
    addCommitment(d, { id: "c1", text: "Train two admins", by: ana, at });
  });
  const typed = A.change(v1, (d) => editCommitment(d, { id: "c1", text: "Train two admins on site" }));
  const renamed = A.change(typed, (d) => {
    d.name = "Northwind Ltd";
  });
  const planned = A.change(renamed, (d) => addMilestone(d, { id: "m1", title: "Kick-off", by: ana, at }));
  return { v1, typed, renamed, planned };
}

describe("skipping a section's redraw when the parts it reads did not change", () => {
  const { v1, typed, renamed } = account();
  // What the follow-up form reads: its section is not redrawn while someone types a commitment.
  const followUpParts = (d: AccountDoc) => [d.name, d.followUps, d.stage];

  it("treats a change elsewhere in the document (typing a commitment) as no change", () => {
    expect(runQuery(runQuery(null, v1, followUpParts), typed, followUpParts).ran).toBe(false);
  });

  it("redraws when a part it read changed", () => {
    expect(runQuery(runQuery(null, typed, followUpParts), renamed, followUpParts).ran).toBe(true);
  });
});

describe("queries that rerun only when what they read changed (useDocQuery)", () => {
  const { v1, typed, renamed, planned } = account();

  it("records the parts a query reads and reuses its result when none of them changed", () => {
    const first = runQuery(null, v1, (d) => d.name);
    expect(first.ran).toBe(true);
    expect(first.result).toBe("Northwind");
    expect([...first.reads]).toEqual(["name"]);
    // Typing a commitment does not touch the name: the query is not run again.
    const second = runQuery(first, typed, (d) => d.name);
    expect(second.ran).toBe(false);
    // Renaming does.
    const third = runQuery(second, renamed, (d) => d.name);
    expect(third.ran).toBe(true);
    expect(third.result).toBe("Northwind Ltd");
  });

  it("keeps the same result object when the new one is equal by value", () => {
    // The agenda counts commitments and confirmations; typing a commitment's text changes neither.
    const before = runQuery(null, v1, meetingAgenda);
    const after = runQuery(before, typed, meetingAgenda);
    expect(after.ran).toBe(true);
    expect(after.result).toBe(before.result);
    // A new milestone changes the plan item: a new result.
    const planned1 = runQuery(after, planned, meetingAgenda);
    expect(planned1.result).not.toBe(after.result);
    expect(planned1.result).not.toEqual(after.result);
  });

  it("gives a new result when what the query shows changed (the commitment's text)", () => {
    const before = runQuery(null, v1, commitmentsOf);
    const after = runQuery(before, typed, commitmentsOf);
    expect(after.result).not.toBe(before.result);
    expect(after.result[0]?.text).toBe("Train two admins on site");
  });

  it("reruns when one of its other inputs (today) changed", () => {
    const before = runQuery(null, v1, (d) => stageChecklist(d, "2026-11-23"), ["2026-11-23"]);
    const same = runQuery(before, v1, (d) => stageChecklist(d, "2026-11-23"), ["2026-11-23"]);
    expect(same.ran).toBe(false);
    const nextDay = runQuery(same, v1, (d) => stageChecklist(d, "2026-11-24"), ["2026-11-24"]);
    expect(nextDay.ran).toBe(true);
  });

  it("treats reading Automerge's own state (heads, history) as depending on every change", () => {
    const before = runQuery(null, v1, (d) => A.getHeads(d).join());
    const after = runQuery(before, typed, (d) => A.getHeads(d).join());
    expect(after.ran).toBe(true);
    expect(after.result).toBe(A.getHeads(typed).join());
  });

  it("treats listing the top level as depending on every part", () => {
    const before = runQuery(null, v1, (d) => Object.keys(d).length);
    expect(runQuery(before, typed, (d) => Object.keys(d).length).ran).toBe(true);
  });
});
