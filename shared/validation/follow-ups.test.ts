import { describe, expect, it } from "vitest";
import { check } from "./fields";
import { checkAgreedTime, followUpInputSchema, logCallInputSchema } from "./follow-ups";

// Monday 2 March 2026, 10:00 in Berlin (09:00 UTC).
const NOW = "2026-03-02T09:00:00.000Z";

describe("the agreed callback time", () => {
  it("is a precise date and time in a named zone, turned into the instant it means there", () => {
    expect(checkAgreedTime({ date: "2026-03-04", time: "10:00", timeZone: "Europe/Berlin" }, NOW)).toEqual({ ok: true, instant: "2026-03-04T09:00:00.000Z", timeZone: "Europe/Berlin" });
    // Agreed with a customer in New York: 10:00 there is 15:00 UTC (16:00 in Berlin).
    expect(checkAgreedTime({ date: "2026-03-04", time: "10:00", timeZone: "America/New_York" }, NOW)).toMatchObject({ ok: true, instant: "2026-03-04T15:00:00.000Z" });
  });

  it("refuses “next week”, impossible dates, bad times and missing or unknown zones, each next to its field", () => {
    expect(checkAgreedTime({ date: "next week", time: "", timeZone: "" }, NOW)).toEqual({
      ok: false,
      errors: {
        date: "“next week” is not a date: give the precise day agreed (YYYY-MM-DD).",
        time: "Give the time agreed with the customer.",
        timeZone: "Give the time zone the time was agreed in.",
      },
    });
    expect(checkAgreedTime({ date: "2026-02-30", time: "25:00", timeZone: "Mars/Olympus" }, NOW)).toEqual({
      ok: false,
      errors: {
        date: "2026-02-30 does not exist on the calendar.",
        time: "“25:00” is not a time of day (use HH:MM, e.g. 09:30).",
        timeZone: "“Mars/Olympus” is not a time zone (use a name like Europe/Berlin).",
      },
    });
  });

  it("refuses a time that has passed in the zone it was agreed in", () => {
    expect(checkAgreedTime({ date: "2026-03-01", time: "10:00", timeZone: "Europe/Berlin" }, NOW)).toEqual({
      ok: false,
      errors: { date: "2026-03-01 has already passed in Europe/Berlin; agree a day in the future." },
    });
    expect(checkAgreedTime({ date: "2026-03-02", time: "09:30", timeZone: "Europe/Berlin" }, NOW)).toEqual({
      ok: false,
      errors: { time: "09:30 on 2026-03-02 has already passed in Europe/Berlin (it is 10:00 there now); agree a later time." },
    });
    // 09:30 the same day is still ahead in New York (04:00 there now).
    expect(checkAgreedTime({ date: "2026-03-02", time: "09:30", timeZone: "America/New_York" }, NOW).ok).toBe(true);
  });
});

describe("the follow-up form", () => {
  it("needs the reason, and reports every wrong field at once", () => {
    const r = check(followUpInputSchema(NOW), { reason: "  ", date: "2026-02-30", time: "10:00", timeZone: "" });
    expect(r).toMatchObject({
      ok: false,
      errors: { reason: "The reason for the callback cannot be empty.", date: "2026-02-30 does not exist on the calendar.", timeZone: "Give the time zone the time was agreed in." },
    });
  });

  it("gives the instant, the zone and the trimmed texts", () => {
    expect(check(followUpInputSchema(NOW), { reason: " Price ", notes: " Options A/B ", date: "2026-03-03", time: "14:00", timeZone: "Europe/Berlin" })).toEqual({
      ok: true,
      value: { purpose: "follow-up", reason: "Price", notes: "Options A/B", agreedTime: "2026-03-03T13:00:00.000Z", timeZone: "Europe/Berlin" },
    });
  });
});

describe("logging a call", () => {
  it("a voicemail needs the retry time", () => {
    expect(check(logCallInputSchema(NOW), { outcome: "voicemail" })).toMatchObject({ ok: false, errors: { nextDate: "Give the date agreed with the customer." } });
    expect(check(logCallInputSchema(NOW), { outcome: "voicemail", nextDate: "2026-03-03", nextTime: "10:00", nextTimeZone: "Europe/Berlin" })).toEqual({
      ok: true,
      value: { outcome: "voicemail", summary: "", nextStepKind: null, nextStep: "", next: { agreedTime: "2026-03-03T09:00:00.000Z", timeZone: "Europe/Berlin" } },
    });
  });

  it("a reached call needs what was said and the next step, and a next time unless the customer decided", () => {
    expect(check(logCallInputSchema(NOW), { outcome: "reached" })).toMatchObject({
      ok: false,
      errors: { summary: "Say briefly what was said on the call.", nextStepKind: "Choose the next step that advances the sale.", nextDate: "Give the date agreed with the customer." },
    });
    expect(check(logCallInputSchema(NOW), { outcome: "reached", summary: "Signed", nextStepKind: "other", decided: true })).toMatchObject({ ok: true, value: { next: null } });
  });
});
