import { describe, expect, it } from "vitest";
import { AT, newAccount, rep, run } from "../testing/accounts";
import { followUpGuideOf, openQuestionsFor, suggestedRetry, voicemailScript, spokenTime } from "./follow-ups";

describe("the follow-up call guide", () => {
  it("opens with when we last spoke, what was discussed and what was to happen since, and asks an open question", () => {
    let doc = newAccount("Acme");
    doc = run(doc, rep, "addContact", { id: "c1", name: "Jana Nováková", role: "decision-maker", phone: "+420 601 123 456" });
    doc = run(doc, rep, "editDecisionProcess", { otherDecisionMakers: "the CFO", meetingDate: "2026-03-03", informationNeeded: "the TCO sheet", reviewTime: "two days" });
    doc = run(doc, rep, "editFeedback", { likes: "The dashboards", priceFit: "10% over budget" });
    doc = run(doc, rep, "logActivity", { id: "a0", kind: "meeting", summary: "Demo of options A and B", by: rep, at: "2026-02-27T13:00:00.000Z" });
    doc = run(doc, rep, "recordFollowUp", { id: "f1", agreedTime: "2026-03-04T09:00:00.000Z", timeZone: "Europe/Berlin", reason: "Price is above budget", notes: "Send TCO before the CFO meets", by: rep, at: AT });
    const guide = followUpGuideOf(doc, "f1", "2026-03-04T08:55:00.000Z")!;
    expect(guide.accountName).toBe("Acme");
    expect(guide.contact).toEqual({ name: "Jana Nováková", role: "decision-maker", phone: "+420 601 123 456", email: null });
    expect(guide.lastConversation).toEqual({ at: AT, by: { id: rep.id, name: rep.name }, summary: "Price is above budget — Send TCO before the CFO meets", source: "follow-up-agreed" });
    expect(guide.discussed).toMatchObject({ reason: "Price is above budget", notes: "Send TCO before the CFO meets", feedback: { likes: "The dashboards", priceFit: "10% over budget" } });
    expect(guide.toHappen.decisionProcess).toMatchObject({ otherDecisionMakers: "the CFO", meetingDate: "2026-03-03", informationNeeded: "the TCO sheet", reviewTime: "two days" });
    expect(guide.openQuestions).toEqual([
      "How did the discussion with the CFO go?",
      "What did you make of the information on the TCO sheet?",
      "Last time, “Price is above budget” held you back. Where do you stand on that now?",
      "What has come up on your side since we last spoke?",
    ]);
    expect(followUpGuideOf(doc, "gone", AT)).toBeNull();
  });

  it("asks what the other decision makers will want before their meeting has happened", () => {
    expect(openQuestionsFor("", { otherDecisionMakers: "Kim", meetingDate: "2026-03-10", informationNeeded: "", reviewTime: "", notes: "" }, "2026-03-04T09:00:00.000Z")[0]).toBe("What will Kim want to see before deciding?");
  });
});

describe("the retry after a voicemail", () => {
  it("is the next business day at the same time in the zone it was agreed in", () => {
    // Friday 6 March 2026, 16:00 in New York → Monday 9 March 16:00 New York.
    expect(suggestedRetry("2026-03-06T21:00:00.000Z", "America/New_York", "2026-03-06T21:05:00.000Z")).toEqual({ date: "2026-03-09", time: "16:00", timeZone: "America/New_York", instant: "2026-03-09T20:00:00.000Z" });
    // Across the change to summer time in Berlin (29 March 2026): still 10:00 on the clock.
    expect(suggestedRetry("2026-03-27T09:00:00.000Z", "Europe/Berlin", "2026-03-27T09:10:00.000Z")).toMatchObject({ date: "2026-03-30", time: "10:00", instant: "2026-03-30T08:00:00.000Z" });
    // A call logged days late is retried from today, never in the past.
    expect(suggestedRetry("2026-03-02T09:00:00.000Z", "Europe/Berlin", "2026-03-11T12:00:00.000Z")).toMatchObject({ date: "2026-03-12" });
  });

  it("the voicemail says you called as promised, your number, and when you will try again", () => {
    const script = voicemailScript({ contactName: "Jana Nováková", callerName: "Riley Rep", callbackNumber: "+49 30 1234567", agreedTime: "2026-03-06T21:00:00.000Z", timeZone: "America/New_York", retryTime: "2026-03-09T20:00:00.000Z" });
    expect(script).toBe("Hello Jana, this is Riley Rep, calling as we agreed for Friday 6 March at 16:00. You can reach me on +49 30 1234567. I will try you again on Monday 9 March at 16:00. Speak soon.");
    expect(voicemailScript({ contactName: null, callerName: "Riley", callbackNumber: "", agreedTime: "2026-03-06T21:00:00.000Z", timeZone: "UTC", retryTime: null })).toContain("[your number]");
    expect(spokenTime("2026-03-06T21:00:00.000Z", "Asia/Tokyo")).toBe("Saturday 7 March at 06:00");
  });
});
