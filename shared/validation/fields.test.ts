import { describe, expect, it } from "vitest";
import {
  ACCOUNT_NAME_MAX,
  accountNameSchema,
  check,
  commitmentInputSchema,
  isCalendarDate,
  milestoneInputSchema,
  optionalDateSchema,
  ownerSchema,
} from "./fields";
import { profileInputSchema } from "./profile";

/** The message for one field, or fail the test if the input was accepted. */
function errorsOf(result: ReturnType<typeof check>): Record<string, string> {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

describe("account name", () => {
  it.each(["", "   ", "\t\n "])("refuses an empty or blank name (%j)", (name) => {
    const result = check(accountNameSchema, name);
    expect(errorsOf(result)).toEqual({ _: "The account name cannot be empty." });
    expect(result.ok || result.message).toBe("The account name cannot be empty.");
  });

  it("accepts a name and trims the spaces around it", () => {
    expect(check(accountNameSchema, "  Acme GmbH ")).toEqual({ ok: true, value: "Acme GmbH" });
  });

  it("refuses a 10,000-character name, saying the limit and the length", () => {
    const message = errorsOf(check(accountNameSchema, "x".repeat(10_000)))._!;
    expect(message).toContain(`at most ${ACCOUNT_NAME_MAX} characters`);
    expect(message).toContain("10000");
  });

  it("accepts exactly the limit, counted after trimming", () => {
    expect(check(accountNameSchema, ` ${"x".repeat(ACCOUNT_NAME_MAX)} `).ok).toBe(true);
    expect(check(accountNameSchema, "x".repeat(ACCOUNT_NAME_MAX + 1)).ok).toBe(false);
  });

  it("refuses something that is not text", () => {
    expect(errorsOf(check(accountNameSchema, 42))._).toBe("The account name must be text.");
  });
});

describe("dates", () => {
  it.each(["2026-02-30", "2026-13-01", "2026-00-10", "2025-02-29", "tomorrow", "", "2026-3-1", "01.03.2026", "1899-12-31"])(
    "%j is not a calendar date",
    (value) => expect(isCalendarDate(value)).toBe(false),
  );

  it.each(["2026-02-28", "2028-02-29", "2026-12-31"])("%j is a calendar date", (value) => expect(isCalendarDate(value)).toBe(true));

  it("an empty date field means no date", () => {
    expect(check(optionalDateSchema, "")).toEqual({ ok: true, value: null });
    expect(check(optionalDateSchema, "  ")).toEqual({ ok: true, value: null });
    expect(check(optionalDateSchema, " 2026-04-01 ")).toEqual({ ok: true, value: "2026-04-01" });
  });

  it.each(["2026-02-30", "2026-13-01", "tomorrow"])("refuses %j with a message that quotes it", (value) => {
    expect(errorsOf(check(optionalDateSchema, value))._).toBe(`“${value}” is not a valid date (use YYYY-MM-DD).`);
  });
});

describe("commitment form", () => {
  it("fills the defaults: no one, no date, proposed", () => {
    expect(check(commitmentInputSchema, { text: "Ship 10 units" })).toEqual({
      ok: true,
      value: { text: "Ship 10 units", promisedBy: "", dueDate: null, status: "proposed" },
    });
  });

  it("returns one message per field", () => {
    const errors = errorsOf(check(commitmentInputSchema, { text: "  ", dueDate: "2026-02-30", status: "maybe" }));
    expect(errors).toEqual({
      text: "What was promised cannot be empty.",
      dueDate: "“2026-02-30” is not a valid date (use YYYY-MM-DD).",
      status: "Unknown commitment status.",
    });
  });

  it("refuses an owner name over the limit", () => {
    expect(check(ownerSchema, "x".repeat(81)).ok).toBe(false);
    expect(errorsOf(check(commitmentInputSchema, { text: "x", promisedBy: "y".repeat(81) })).promisedBy).toMatch(/at most 80/);
  });
});

describe("milestone form", () => {
  it("fills the defaults: no owner, no dates, planned", () => {
    expect(check(milestoneInputSchema, { title: "Install" })).toEqual({
      ok: true,
      value: { title: "Install", owner: "", startDate: null, endDate: null, status: "planned" },
    });
  });

  it("refuses a milestone that ends before it starts, on the end date", () => {
    const result = check(milestoneInputSchema, { title: "Install", startDate: "2026-04-10", endDate: "2026-04-09" });
    expect(errorsOf(result)).toEqual({ endDate: "The milestone ends before it starts." });
  });

  it("accepts a one-day milestone and a milestone with only one date", () => {
    expect(check(milestoneInputSchema, { title: "Install", startDate: "2026-04-10", endDate: "2026-04-10" }).ok).toBe(true);
    expect(check(milestoneInputSchema, { title: "Install", endDate: "2026-04-10" }).ok).toBe(true);
    expect(check(milestoneInputSchema, { title: "Install", startDate: "2026-04-10", endDate: "" }).ok).toBe(true);
  });

  it("refuses an invalid date on the field that has it", () => {
    expect(errorsOf(check(milestoneInputSchema, { title: "Install", startDate: "2026-13-01" }))).toEqual({
      startDate: "“2026-13-01” is not a valid date (use YYYY-MM-DD).",
    });
  });
});

describe("profile", () => {
  it("accepts a name and a role", () => {
    expect(check(profileInputSchema, { name: " Riley ", role: "delivery-lead" })).toEqual({ ok: true, value: { name: "Riley", role: "delivery-lead", phone: null, email: null, reminderLeadMinutes: 10, personId: "" } });
  });

  it("refuses an unknown role and an empty name, each on its field", () => {
    expect(errorsOf(check(profileInputSchema, { name: "", role: "manager" }))).toEqual({
      name: "Your name cannot be empty.",
      role: "Choose rep or delivery lead.",
    });
  });

  it("refuses input that is not an object", () => {
    expect(Object.keys(errorsOf(check(profileInputSchema, "Riley")))).toEqual(["_"]);
  });
});

describe("the profile's reminder lead time and person id", () => {
  it("takes minutes from 0 to a day, and a person id carried from another laptop", () => {
    expect(check(profileInputSchema, { name: "Riley", role: "rep", reminderLeadMinutes: "15", personId: " p-riley-1 " })).toMatchObject({ ok: true, value: { reminderLeadMinutes: 15, personId: "p-riley-1" } });
    expect(errorsOf(check(profileInputSchema, { name: "Riley", role: "rep", reminderLeadMinutes: 1441 })).reminderLeadMinutes).toBe("At most 1440 minutes (one day) before a call.");
    expect(errorsOf(check(profileInputSchema, { name: "Riley", role: "rep", reminderLeadMinutes: -5 })).reminderLeadMinutes).toBe("Minutes before a call cannot be negative.");
    expect(errorsOf(check(profileInputSchema, { name: "Riley", role: "rep", personId: "../../etc" })).personId).toMatch(/not a Baton person id/);
    expect(errorsOf(check(profileInputSchema, { name: "Riley", role: "rep", phone: "call me" })).phone).toMatch(/not a phone number/);
  });
});
