import { describe, expect, it } from "vitest";
import { addDays, CalendarInputError, isTimeZone, isWeekend, localDateOf, nextBusinessDay, zonedTimeToInstant } from "./calendar";
import { mostImportantCallTime } from "./commands/most-important-call";

describe("nextBusinessDay", () => {
  it.each([
    ["2026-03-02", "2026-03-03", "Monday → Tuesday"],
    ["2026-03-05", "2026-03-06", "Thursday → Friday"],
    ["2026-03-06", "2026-03-09", "Friday → Monday"],
    ["2026-03-07", "2026-03-09", "Saturday → Monday"],
    ["2026-03-08", "2026-03-09", "Sunday → Monday"],
    ["2026-01-30", "2026-02-02", "Friday at the end of a month → Monday of the next"],
    ["2027-12-31", "2028-01-03", "Friday 31 December → Monday in the new year"],
    ["2028-02-28", "2028-02-29", "into a leap day"],
    ["2028-02-25", "2028-02-28", "Friday before a leap day → Monday"],
  ])("%s → %s (%s)", (from, to) => {
    expect(nextBusinessDay(from)).toBe(to);
    expect(isWeekend(to)).toBe(false);
  });

  it("refuses a date that does not exist", () => {
    expect(() => nextBusinessDay("2026-02-30")).toThrow(CalendarInputError);
    expect(() => nextBusinessDay("next week")).toThrow("“next week” is not a valid date (use YYYY-MM-DD).");
  });

  it("addDays crosses months and years both ways", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });
});

describe("zonedTimeToInstant", () => {
  it.each([
    ["2026-03-02", "09:00", "Europe/Berlin", "2026-03-02T08:00:00.000Z", "winter time, UTC+1"],
    ["2026-07-01", "09:00", "Europe/Berlin", "2026-07-01T07:00:00.000Z", "summer time, UTC+2"],
    ["2026-03-27", "09:00", "Europe/Berlin", "2026-03-27T08:00:00.000Z", "the Friday before clocks go forward"],
    ["2026-03-29", "09:00", "Europe/Berlin", "2026-03-29T07:00:00.000Z", "the day clocks go forward (DST)"],
    ["2026-03-07", "09:00", "America/New_York", "2026-03-07T14:00:00.000Z", "New York, standard time"],
    ["2026-03-08", "09:00", "America/New_York", "2026-03-08T13:00:00.000Z", "New York, the day DST starts"],
    ["2026-11-01", "09:00", "America/New_York", "2026-11-01T14:00:00.000Z", "New York, the day DST ends"],
    ["2026-03-02", "09:00", "Asia/Kolkata", "2026-03-02T03:30:00.000Z", "a half-hour offset"],
    ["2026-03-02", "09:00", "Asia/Tokyo", "2026-03-02T00:00:00.000Z", "ahead of UTC, no DST"],
    ["2026-03-02", "09:00", "UTC", "2026-03-02T09:00:00.000Z", "UTC"],
    ["2026-01-01", "00:00", "Pacific/Auckland", "2025-12-31T11:00:00.000Z", "midnight on the other side of the date line (NZDT, UTC+13)"],
  ])("%s %s in %s → %s (%s)", (date, time, zone, instant) => {
    expect(zonedTimeToInstant(date, time, zone)).toBe(instant);
  });

  it("a time in the gap when clocks go forward moves forward by the gap (02:30 → 03:30)", () => {
    expect(zonedTimeToInstant("2026-03-29", "02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
  });

  it("a time that happens twice when clocks go back is the first of the two", () => {
    expect(zonedTimeToInstant("2026-10-25", "02:30", "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z");
  });

  it("is the inverse of reading the clock in that zone", () => {
    const instant = zonedTimeToInstant("2026-03-08", "09:00", "America/New_York");
    const wall = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", dateStyle: "short", timeStyle: "short", hourCycle: "h23" }).format(new Date(instant));
    expect(wall).toBe("2026-03-08, 09:00");
  });

  it("refuses a bad time, date or zone with a message for the person", () => {
    expect(() => zonedTimeToInstant("2026-03-02", "9am", "UTC")).toThrow("“9am” is not a time of day (use HH:MM, e.g. 09:00).");
    expect(() => zonedTimeToInstant("2026-03-02", "24:00", "UTC")).toThrow(CalendarInputError);
    expect(() => zonedTimeToInstant("2026-13-02", "09:00", "UTC")).toThrow(CalendarInputError);
    expect(() => zonedTimeToInstant("2026-03-02", "09:00", "Mars/Olympus")).toThrow("“Mars/Olympus” is not a time zone Baton knows (use a name like Europe/Berlin).");
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone("Europe/Lisbon")).toBe(true);
  });
});

describe("localDateOf", () => {
  it("reads the calendar date in the person's zone, which can differ from UTC's", () => {
    expect(localDateOf("2026-03-06T23:30:00.000Z", "Asia/Tokyo")).toBe("2026-03-07");
    expect(localDateOf("2026-03-07T03:00:00.000Z", "America/Los_Angeles")).toBe("2026-03-06");
    expect(() => localDateOf("yesterday", "UTC")).toThrow(CalendarInputError);
  });
});

describe("mostImportantCallTime", () => {
  it("an order on Monday: Tuesday 09:00 in the rep's zone", () => {
    expect(mostImportantCallTime("2026-03-02T15:00:00.000Z", "Europe/Berlin")).toBe("2026-03-03T08:00:00.000Z");
  });

  it("an order on Friday afternoon in New York: Monday 09:00, after DST started on the Sunday", () => {
    expect(mostImportantCallTime("2026-03-06T22:00:00.000Z", "America/New_York")).toBe("2026-03-09T13:00:00.000Z");
  });

  it("an order on Friday in Berlin the weekend clocks go forward: Monday 09:00 summer time", () => {
    expect(mostImportantCallTime("2026-03-27T10:00:00.000Z", "Europe/Berlin")).toBe("2026-03-30T07:00:00.000Z");
  });

  it("late Friday UTC is already Saturday in Tokyo: Monday 09:00 Tokyo", () => {
    expect(mostImportantCallTime("2026-03-06T23:30:00.000Z", "Asia/Tokyo")).toBe("2026-03-09T00:00:00.000Z");
  });

  it("late Friday UTC is still Friday in Los Angeles: Monday 09:00 Los Angeles", () => {
    expect(mostImportantCallTime("2026-03-07T03:00:00.000Z", "America/Los_Angeles")).toBe("2026-03-09T16:00:00.000Z");
  });
});
