import { describe, expect, it } from "vitest";
import { callCommand, emptyCallDraft, withOutcome } from "./call-draft";

const rep = { id: "p-rep", name: "Riley Rep" };
// Agreed for Friday 6 March 2026, 15:00 in New York; logged the same afternoon.
const call = { id: "f1", agreedTime: "2026-03-06T20:00:00.000Z", timeZone: "America/New_York" };
const NOW = "2026-03-06T20:10:00.000Z";
let n = 0;
const who = { by: rep, at: NOW, newId: () => `id-${String(++n)}` };

describe("logging a follow-up call", () => {
  it("proposes the retry after a voicemail: the next business day at the same time, in the customer's zone", () => {
    const d = withOutcome(emptyCallDraft(call), "voicemail", call, NOW);
    expect(d).toMatchObject({ outcome: "voicemail", nextDate: "2026-03-09", nextTime: "15:00", nextTimeZone: "America/New_York" });
    expect(withOutcome(emptyCallDraft(call), "no-answer", call, NOW)).toMatchObject({ nextDate: "2026-03-09", nextTime: "15:00" });
  });

  it("clears a proposed retry when the customer was reached (the next call is agreed with them)", () => {
    const d = withOutcome(withOutcome(emptyCallDraft(call), "voicemail", call, NOW), "reached", call, NOW);
    expect(d).toMatchObject({ outcome: "reached", nextDate: "", nextTime: "", nextTimeZone: "America/New_York" });
  });

  it("turns a complete voicemail draft into the command, with the retry as the next call", () => {
    const r = callCommand(withOutcome(emptyCallDraft(call), "voicemail", call, NOW), call, who);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.args).toMatchObject({ followUpId: "f1", outcome: "voicemail", nextStepKind: null, by: rep, at: NOW });
    expect(r.args.next).toMatchObject({ agreedTime: "2026-03-09T19:00:00.000Z", timeZone: "America/New_York" });
    expect(r.args.next!.id).not.toBe(r.args.activityId);
  });

  it("says what is missing next to each field of a reached call, and makes no command", () => {
    const r = callCommand(withOutcome(emptyCallDraft(call), "reached", call, NOW), call, who);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors)).toEqual(expect.arrayContaining(["summary", "nextStepKind", "nextDate"]));
    expect(r.errors.summary).toBe("Say briefly what was said on the call.");
    expect(r.errors.nextStepKind).toBe("Choose the next step that advances the sale.");
  });

  it("asks how the call went before anything else", () => {
    const r = callCommand(emptyCallDraft(call), call, who);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.outcome).toBe("Choose how the call went: reached, voicemail or no answer.");
  });

  it("logs a reached call where the customer decided without a next call", () => {
    const d = { ...withOutcome(emptyCallDraft(call), "reached", call, NOW), summary: "They signed", nextStepKind: "other" as const, decided: true };
    const r = callCommand(d, call, who);
    expect(r.ok && r.args.next).toBe(null);
  });
});
