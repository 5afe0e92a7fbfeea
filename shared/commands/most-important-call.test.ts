import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, errorOf, laptops, lead, newAccount, rep, run, sync, type Doc } from "../testing/accounts";
import { callGuideOf, concernsOf, mostImportantCallOf, MOST_IMPORTANT_CALL_ID } from "../queries/call-guide";
import { commitmentsOf } from "../queries/account-view";
import { MissingItemError } from "./errors";

function ordered(): Doc {
  let doc = run(newAccount(), rep, "addCommitment", { id: "c1", text: "Train two admins", by: rep, at: AT });
  doc = run(doc, rep, "addCommitment", { id: "c2", text: "Install by 1 April", by: rep, at: AT });
  return run(doc, rep, "moveStage", { to: "ordered", reason: "test", by: rep, at: AT, timeZone: "Europe/Berlin" });
}

describe("confirmCommitment", () => {
  it("ticks 'customer confirmed' with the occasion, who and when; unticking takes it back", () => {
    let doc = run(ordered(), rep, "confirmCommitment", { commitmentId: "c1", occasion: "most-important-call", confirmed: true, by: rep, at: "2026-03-03T08:20:00.000Z" });
    expect(callGuideOf(doc).unlinkedCommitments[0]!.confirmed).toEqual({ occasion: "most-important-call", at: "2026-03-03T08:20:00.000Z", by: { id: "p-rep", name: "Riley Rep" } });
    expect(commitmentsOf(doc).map((c) => c.confirmed)).toEqual([true, false]);
    doc = run(doc, lead, "confirmCommitment", { commitmentId: "c2", occasion: "handoff-meeting", confirmed: true, by: lead, at: AT });
    expect(callGuideOf(doc).unlinkedCommitments[1]!.confirmed).toMatchObject({ occasion: "handoff-meeting", by: { id: "p-lead" } });
    doc = run(doc, rep, "confirmCommitment", { commitmentId: "c1", occasion: "most-important-call", confirmed: false, by: rep, at: AT });
    expect(commitmentsOf(doc).map((c) => c.confirmed)).toEqual([false, true]);
  });

  it("throws MissingItemError for a commitment removed meanwhile", () => {
    const doc = run(ordered(), lead, "removeCommitment", { id: "c1" });
    expect(errorOf(() => run(doc, rep, "confirmCommitment", { commitmentId: "c1", occasion: "most-important-call", confirmed: true, by: rep, at: AT }))).toBeInstanceOf(MissingItemError);
  });
});

describe("concerns and remorse signals", () => {
  it("adds, edits, resolves, reopens and removes", () => {
    let doc = run(ordered(), rep, "addConcern", { id: "q1", kind: "concern", text: "Worried about downtime", followUpId: MOST_IMPORTANT_CALL_ID, by: rep, at: AT });
    doc = run(doc, rep, "addConcern", { id: "q2", kind: "remorse-signal", text: "Asked whether they can still cancel", by: rep, at: AT });
    expect(concernsOf(doc)).toEqual([
      { id: "q1", kind: "concern", text: "Worried about downtime", followUpId: MOST_IMPORTANT_CALL_ID, resolved: false, createdBy: { id: "p-rep", name: "Riley Rep" }, createdAt: AT },
      { id: "q2", kind: "remorse-signal", text: "Asked whether they can still cancel", followUpId: null, resolved: false, createdBy: { id: "p-rep", name: "Riley Rep" }, createdAt: AT },
    ]);
    doc = run(doc, rep, "editConcern", { id: "q1", text: "Worried about downtime during install", kind: "remorse-signal" });
    doc = run(doc, rep, "resolveConcern", { id: "q2", resolved: true, by: rep, at: AT });
    expect(concernsOf(doc).map((c) => [c.kind, c.text, c.resolved])).toEqual([
      ["remorse-signal", "Worried about downtime during install", false],
      ["remorse-signal", "Asked whether they can still cancel", true],
    ]);
    doc = run(doc, rep, "resolveConcern", { id: "q2", resolved: false, by: rep, at: AT });
    expect(concernsOf(doc)[1]!.resolved).toBe(false);
    doc = run(doc, rep, "removeConcern", { id: "q1" });
    expect(concernsOf(doc).map((c) => c.id)).toEqual(["q2"]);
    expect(errorOf(() => run(doc, rep, "editConcern", { id: "q1", text: "x" }))).toBeInstanceOf(MissingItemError);
  });
});

describe("logCallOutcome", () => {
  it("records the outcome and next step on the call and puts the call on the timeline as an activity", () => {
    const doc = run(ordered(), rep, "logCallOutcome", {
      followUpId: MOST_IMPORTANT_CALL_ID, outcome: "reached", summary: "Walked through all commitments", nextStep: "Send the recap", activityId: "a1", by: rep, at: "2026-03-03T08:30:00.000Z",
    });
    expect(mostImportantCallOf(doc)).toMatchObject({ outcome: "reached", nextStep: "Send the recap" });
    expect(A.isImmutableString(doc.followUps[MOST_IMPORTANT_CALL_ID]!.outcome)).toBe(true);
    const logged = doc.activities.map((a) => ({
      id: String(a.id), kind: String(a.kind), summary: a.summary, at: String(a.at), by: String(a.by.id), followUpId: String(a.followUpId), outcome: String(a.outcome),
    }));
    expect(logged).toEqual([
      { id: "a1", kind: "call", summary: "Walked through all commitments", at: "2026-03-03T08:30:00.000Z", by: "p-rep", followUpId: MOST_IMPORTANT_CALL_ID, outcome: "reached" },
    ]);
  });

  it("throws MissingItemError for a call that does not exist", () => {
    expect(errorOf(() => run(newAccount(), rep, "logCallOutcome", { followUpId: "nope", outcome: "reached", summary: "", activityId: "a1", by: rep, at: AT }))).toMatchObject({
      name: "MissingItemError", kind: "call",
    });
  });
});

describe("rescheduleMostImportantCall", () => {
  it("moves the call to another date and time in a zone", () => {
    const doc = run(ordered(), rep, "rescheduleMostImportantCall", { date: "2026-03-04", time: "14:30", timeZone: "America/New_York" });
    expect(mostImportantCallOf(doc)).toMatchObject({ agreedTime: "2026-03-04T19:30:00.000Z", timeZone: "America/New_York" });
  });

  it("throws MissingItemError when no call is scheduled", () => {
    expect(errorOf(() => run(newAccount(), rep, "rescheduleMostImportantCall", { date: "2026-03-04", time: "14:30", timeZone: "UTC" }))).toBeInstanceOf(MissingItemError);
  });

  it("scheduleMostImportantCall on its own does nothing when the call exists", () => {
    const doc = ordered();
    const again = run(doc, rep, "scheduleMostImportantCall", { orderedAt: "2026-03-10T10:00:00.000Z", timeZone: "UTC", by: rep });
    expect(mostImportantCallOf(again)).toEqual(mostImportantCallOf(doc));
  });

  it("two laptops ticking different commitments during the call both keep theirs", () => {
    const [a, b] = laptops(ordered());
    const [a2, b2] = sync(
      run(a, rep, "confirmCommitment", { commitmentId: "c1", occasion: "most-important-call", confirmed: true, by: rep, at: AT }),
      run(b, lead, "confirmCommitment", { commitmentId: "c2", occasion: "most-important-call", confirmed: true, by: lead, at: AT }),
    );
    expect(commitmentsOf(a2).map((c) => c.confirmed)).toEqual([true, true]);
    expect(commitmentsOf(b2).map((c) => c.confirmed)).toEqual([true, true]);
  });
});
