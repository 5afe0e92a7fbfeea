import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, lead, laptops, newAccount, rep, run, sync } from "../testing/accounts";
import { followUpGuideOf, followUpRecordOf, followUpRecordsOf, suggestedRetry } from "../queries/follow-ups";
import { timelineOf } from "../queries/timeline";
import { summarize } from "../queries/summary";
import { todayOf } from "../queries/today";
import { parseChangeMessage } from "../attribution";

// Monday 2 March 2026, 10:00 in Berlin.
const AGREED = "2026-03-04T09:00:00.000Z"; // Wednesday 10:00 Berlin

function withFollowUp() {
  let doc = newAccount("Müller & Söhne");
  doc = run(doc, rep, "editDecisionProcess", { otherDecisionMakers: "the CFO", meetingDate: "2026-03-03", informationNeeded: "the TCO sheet", reviewTime: "two days" });
  doc = run(doc, rep, "editFeedback", { likes: "The dashboards", priceFit: "Above budget by 10%", optionsComfort: "Prefers option B", viability: "Yes, if the price works" });
  doc = run(doc, rep, "recordFollowUp", { id: "f1", agreedTime: AGREED, timeZone: "Europe/Berlin", reason: "Price is above budget", notes: "Presented options A and B; the CFO meets on Tuesday", by: rep, at: AT }, 1_772_442_000);
  return doc;
}

describe("follow-up records", () => {
  it("records the reason, the agreed time and zone, the notes, and who agreed it; the change says so on the timeline", () => {
    const doc = withFollowUp();
    expect(followUpRecordOf(doc, "f1")).toMatchObject({
      purpose: "follow-up",
      agreedTime: AGREED,
      timeZone: "Europe/Berlin",
      reason: "Price is above budget",
      notes: "Presented options A and B; the CFO meets on Tuesday",
      outcome: null,
      previousId: null,
      createdBy: { id: rep.id, name: rep.name },
    });
    const entry = timelineOf(doc, { kinds: ["follow-up"] }).find((e) => e.item === "f1");
    expect(entry?.text).toBe("Agreed a follow-up call for 2026-03-04 10:00 (Europe/Berlin): “Price is above budget”");
    expect(timelineOf(doc, { kinds: ["follow-up"] }).map((e) => e.text)).toContain("Edited who else decides; set the decision makers' meeting to 2026-03-03; edited the information they need; edited how long they need to review");
  });

  it("edits reason and notes as text that merges when both laptops type at once", () => {
    const [a, b] = laptops(withFollowUp());
    const a2 = run(a, rep, "editFollowUp", { id: "f1", reason: "Price is above budget this quarter" });
    const b2 = run(b, lead, "editFollowUp", { id: "f1", notes: "Presented options A and B; the CFO meets on Tuesday. Send TCO." });
    const [x, y] = sync(a2, b2);
    expect(followUpRecordOf(x, "f1")).toEqual(followUpRecordOf(y, "f1"));
    expect(followUpRecordOf(x, "f1")).toMatchObject({ reason: "Price is above budget this quarter", notes: "Presented options A and B; the CFO meets on Tuesday. Send TCO." });
  });

  it("moves a call to another time and removes one scheduled by mistake", () => {
    let doc = run(withFollowUp(), rep, "rescheduleFollowUp", { id: "f1", agreedTime: "2026-03-05T14:30:00.000Z", timeZone: "America/New_York" });
    expect(followUpRecordOf(doc, "f1")).toMatchObject({ agreedTime: "2026-03-05T14:30:00.000Z", timeZone: "America/New_York" });
    expect(timelineOf(doc).at(-1)?.text).toBe("Moved the follow-up “Price is above budget” to 2026-03-05 09:30 (America/New_York)");
    doc = run(doc, rep, "removeFollowUp", { id: "f1" });
    expect(followUpRecordsOf(doc)).toEqual([]);
  });
});

describe("logging a follow-up call", () => {
  it("a voicemail goes on the timeline and schedules the retry, linked to the call, with the same reason and notes", () => {
    const now = "2026-03-04T09:02:00.000Z";
    const retry = suggestedRetry(AGREED, "Europe/Berlin", now);
    expect(retry).toMatchObject({ date: "2026-03-05", time: "10:00", instant: "2026-03-05T09:00:00.000Z" });
    const doc = run(withFollowUp(), rep, "logFollowUpCall", {
      followUpId: "f1",
      outcome: "voicemail",
      summary: "Left the message as promised",
      next: { id: "f2", agreedTime: retry.instant, timeZone: "Europe/Berlin" },
      activityId: "a1",
      by: rep,
      at: now,
    });
    expect(followUpRecordOf(doc, "f1")?.outcome).toBe("voicemail");
    expect(followUpRecordOf(doc, "f2")).toMatchObject({ previousId: "f1", agreedTime: "2026-03-05T09:00:00.000Z", reason: "Price is above budget", notes: "Presented options A and B; the CFO meets on Tuesday", outcome: null });
    const texts = timelineOf(doc).map((e) => e.text);
    expect(texts).toContain("Follow-up call: left a voicemail — Left the message as promised");
    expect(texts).toContain("Left a voicemail; will try again 2026-03-05 10:00 (Europe/Berlin)");
    // Today now shows the retry, not the call that went to voicemail.
    const today = todayOf([summarize("d", doc)], { now, timeZone: "Europe/Berlin" });
    expect(today.calls.upcoming.map((c) => c.followUpId)).toEqual(["f2"]);
    expect(today.calls.overdue).toEqual([]);
    // The guide for the retry counts the voicemail as an attempt since the last conversation.
    const guide = followUpGuideOf(doc, "f2", "2026-03-05T08:00:00.000Z");
    expect(guide?.attempts).toMatchObject([{ outcome: "voicemail", at: now }]);
    expect(guide?.lastConversation).toMatchObject({ source: "follow-up-agreed", at: AT });
    expect(guide?.earlier.map((e) => e.id)).toEqual(["f1"]);
  });

  it("a reached call keeps the next step and schedules the next agreed call from what was said", () => {
    const doc = run(withFollowUp(), rep, "logFollowUpCall", {
      followUpId: "f1",
      outcome: "reached",
      summary: "CFO wants to compare the cost of waiting",
      nextStepKind: "cost-of-inaction",
      nextStep: "Send the cost of waiting another quarter",
      next: { id: "f2", agreedTime: "2026-03-09T15:00:00.000Z", timeZone: "Europe/Berlin" },
      activityId: "a1",
      by: rep,
      at: "2026-03-04T09:05:00.000Z",
    });
    expect(followUpRecordOf(doc, "f1")).toMatchObject({ outcome: "reached", nextStepKind: "cost-of-inaction", nextStep: "Send the cost of waiting another quarter" });
    expect(followUpRecordOf(doc, "f2")).toMatchObject({ previousId: "f1", notes: "CFO wants to compare the cost of waiting\nSend the cost of waiting another quarter" });
    const last = parseChangeMessage(A.decodeChange(A.getLastLocalChange(doc)!).message);
    expect(last).toMatchObject({ kind: "follow-up", item: "f1", what: "Reached the customer; next step: state the cost of doing nothing; next call 2026-03-09 16:00 (Europe/Berlin)" });
    const guide = followUpGuideOf(doc, "f2", "2026-03-09T14:00:00.000Z");
    expect(guide?.lastConversation).toMatchObject({ source: "call", summary: "CFO wants to compare the cost of waiting" });
    expect(guide?.toHappen.agreedStep).toEqual({ kind: "cost-of-inaction", text: "Send the cost of waiting another quarter" });
    expect(guide?.attempts).toEqual([]);
  });

  it("a reached call with a decision schedules nothing; the change is the activity alone", () => {
    const doc = run(withFollowUp(), rep, "logFollowUpCall", { followUpId: "f1", outcome: "reached", summary: "They signed", nextStepKind: "other", nextStep: "", activityId: "a1", by: rep, at: "2026-03-04T09:05:00.000Z" });
    expect(followUpRecordsOf(doc).map((f) => f.id)).toEqual(["f1"]);
    expect(summarize("d", doc).calls).toEqual([]);
    const entries = timelineOf(doc).filter((e) => e.item === "f1");
    expect(entries.map((e) => [e.source, e.text])).toEqual(expect.arrayContaining([
      ["change", "Agreed a follow-up call for 2026-03-04 10:00 (Europe/Berlin): “Price is above budget”"],
      ["activity", "Follow-up call: reached the customer — They signed"],
    ]));
    expect(entries).toHaveLength(2);
  });

  it("logging a call that was removed on the other laptop is refused with a message", () => {
    const doc = run(withFollowUp(), rep, "removeFollowUp", { id: "f1" });
    expect(() => run(doc, rep, "logFollowUpCall", { followUpId: "f1", outcome: "no-answer", summary: "", activityId: "a1", by: rep, at: AT })).toThrow(/no longer exists/);
  });
});
