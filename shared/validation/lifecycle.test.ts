import { describe, expect, it } from "vitest";
import { check } from "./fields";
import { requirementInputSchema } from "./requirements";
import { riskInputSchema } from "./risks";
import { stageMoveInputSchema, creditCheckSchema, supplyDateSchema } from "./stages";
import { activityInputSchema, callOutcomeInputSchema, concernInputSchema, rescheduleCallInputSchema, timeOfDaySchema, timeZoneSchema } from "./calls";
import { opportunityInputSchema, referralInputSchema, referralOutcomeInputSchema, satisfactionInputSchema, satisfactionScoreSchema } from "./relationship";

const errors = (r: ReturnType<typeof check>) => (r.ok ? {} : r.errors);

describe("requirement form", () => {
  it("needs the text and where it came from", () => {
    expect(errors(check(requirementInputSchema, { text: "", source: "rumour" }))).toEqual({
      text: "The requirement cannot be empty.",
      source: "Choose where the requirement came from: call note, email, quote or proposal.",
    });
    expect(check(requirementInputSchema, { text: " Live by April ", source: "proposal", sourceReference: " v3 §2 " })).toEqual({
      ok: true,
      value: { text: "Live by April", source: "proposal", sourceReference: "v3 §2" },
    });
  });
});

describe("risk form", () => {
  it("needs a kind and a description; fills severity and status", () => {
    expect(errors(check(riskInputSchema, { kind: "weather", description: " " }))).toEqual({ kind: "Choose the kind of risk.", description: "The risk cannot be empty." });
    expect(check(riskInputSchema, { kind: "credit", description: "Slow payer" })).toEqual({
      ok: true,
      value: { kind: "credit", description: "Slow payer", severity: "medium", mitigation: "", status: "open", owner: "" },
    });
    expect(errors(check(riskInputSchema, { kind: "credit", description: "x", severity: "extreme" }))).toEqual({ severity: "Choose low, medium or high." });
  });
});

describe("stage move form", () => {
  it("needs a reason for lost and cancelled", () => {
    expect(errors(check(stageMoveInputSchema, { to: "lost", reason: "  " }))).toEqual({ reason: "Say why the account was lost." });
    expect(errors(check(stageMoveInputSchema, { to: "cancelled" }))).toEqual({ reason: "Say why the order was cancelled." });
    expect(check(stageMoveInputSchema, { to: "ordered" })).toEqual({ ok: true, value: { to: "ordered", reason: "" } });
    expect(errors(check(stageMoveInputSchema, { to: "won" }))).toEqual({ to: "Choose a stage." });
  });

  it("checks the credit check result and the supply date", () => {
    expect(errors(check(creditCheckSchema, "maybe"))).toEqual({ _: "Choose pending, passed or failed." });
    expect(errors(check(supplyDateSchema, "soon"))).toEqual({ _: "“soon” is not a valid date (use YYYY-MM-DD)." });
  });
});

describe("call forms", () => {
  it("time zone and time of day", () => {
    expect(check(timeZoneSchema, " Europe/Berlin ")).toEqual({ ok: true, value: "Europe/Berlin" });
    expect(errors(check(timeZoneSchema, "Mars/Olympus"))).toEqual({ _: "“Mars/Olympus” is not a time zone (use a name like Europe/Berlin)." });
    expect(errors(check(timeZoneSchema, ""))).toEqual({ _: "Give a time zone." });
    expect(errors(check(timeOfDaySchema, "9am"))).toEqual({ _: "“9am” is not a time of day (use HH:MM, e.g. 09:00)." });
  });

  it("rescheduling needs a real date", () => {
    expect(errors(check(rescheduleCallInputSchema, { date: "", time: "25:00", timeZone: "UTC" }))).toEqual({
      date: "Give the date.",
      time: "“25:00” is not a time of day (use HH:MM, e.g. 09:00).",
    });
    expect(errors(check(rescheduleCallInputSchema, { date: "2026-02-30", time: "09:00", timeZone: "UTC" }))).toEqual({ date: "“2026-02-30” is not a valid date (use YYYY-MM-DD)." });
  });

  it("concerns, outcomes and activities", () => {
    expect(errors(check(concernInputSchema, { text: "" }))).toEqual({ text: "The concern cannot be empty." });
    expect(check(concernInputSchema, { text: "Downtime" })).toEqual({ ok: true, value: { kind: "concern", text: "Downtime" } });
    expect(errors(check(callOutcomeInputSchema, { outcome: "great" }))).toEqual({ outcome: "Choose how the call went: reached, voicemail or no answer." });
    expect(errors(check(activityInputSchema, { kind: "email", summary: "", at: "yesterday" }))).toEqual({
      kind: "Choose call, meeting or note.",
      summary: "What happened cannot be empty.",
      at: "“yesterday” is not a point in time.",
    });
    expect(check(activityInputSchema, { kind: "note", summary: "Hi", at: "2026-03-02T10:00:00+01:00" })).toEqual({
      ok: true,
      value: { kind: "note", summary: "Hi", at: "2026-03-02T09:00:00.000Z" },
    });
  });
});

describe("relationship forms", () => {
  it.each(["0", "6", "3.5", "great", 4.5])("score %j is refused", (score) => {
    expect(errors(check(satisfactionScoreSchema, score))).toEqual({ _: "The score is a whole number from 1 to 5." });
  });

  it("a satisfaction check needs a score or notes", () => {
    expect(check(satisfactionInputSchema, { score: " 4 " })).toEqual({ ok: true, value: { score: 4, notes: "" } });
    expect(check(satisfactionInputSchema, { score: "", notes: "Happy" })).toEqual({ ok: true, value: { score: null, notes: "Happy" } });
    expect(errors(check(satisfactionInputSchema, {}))).toEqual({ score: "Give a score or some notes." });
  });

  it("referrals and opportunities", () => {
    expect(errors(check(referralInputSchema, { askedOf: "" }))).toEqual({ askedOf: "Who was asked cannot be empty." });
    expect(errors(check(referralOutcomeInputSchema, { status: "given" }))).toEqual({ referredTo: "Say who they referred you to." });
    expect(check(referralOutcomeInputSchema, { status: "declined" }).ok).toBe(true);
    expect(errors(check(opportunityInputSchema, { description: "More seats", expectedDate: "Q3" }))).toEqual({ expectedDate: "“Q3” is not a valid date (use YYYY-MM-DD)." });
  });
});
