import { describe, expect, it } from "vitest";
import { errorOf, lead, newAccount, rep, run } from "../testing/accounts";
import { timelineOf } from "../queries/timeline";
import { MissingItemError } from "./errors";

describe("activities", () => {
  it("logs calls, meetings and notes; edits and removes them", () => {
    let doc = run(newAccount(), rep, "logActivity", { id: "a1", kind: "call", summary: "Kim wants a demo for finance", by: rep, at: "2026-03-03T09:00:00.000Z" });
    doc = run(doc, lead, "logActivity", { id: "a2", kind: "meeting", summary: "Site visit", by: lead, at: "2026-03-04T09:00:00.000Z" });
    doc = run(doc, lead, "logActivity", { id: "a3", kind: "note", summary: "Parking is at the back", by: lead, at: "2026-03-04T10:00:00.000Z" });
    const activities = () => timelineOf(doc, { kinds: ["call", "meeting", "note"] }).map((e) => [e.id, e.kind, e.text, e.by?.id]);
    expect(activities()).toEqual([
      ["activity:a1", "call", "Kim wants a demo for finance", "p-rep"],
      ["activity:a2", "meeting", "Site visit", "p-lead"],
      ["activity:a3", "note", "Parking is at the back", "p-lead"],
    ]);
    doc = run(doc, rep, "editActivity", { id: "a1", summary: "Kim wants a demo for finance on Friday" });
    doc = run(doc, lead, "removeActivity", { id: "a3" });
    expect(activities()).toEqual([
      ["activity:a1", "call", "Kim wants a demo for finance on Friday", "p-rep"],
      ["activity:a2", "meeting", "Site visit", "p-lead"],
    ]);
    expect(errorOf(() => run(doc, rep, "editActivity", { id: "a3", summary: "x" }))).toBeInstanceOf(MissingItemError);
    expect(errorOf(() => run(doc, rep, "removeActivity", { id: "a3" }))).toMatchObject({ kind: "activity", id: "a3" });
  });
});
