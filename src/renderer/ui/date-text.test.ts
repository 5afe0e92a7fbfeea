import { describe, expect, it } from "vitest";
import { calendarWords, readDate } from "./date-text";

const refused = (text: string) => ({ ok: false, message: `“${text}” is not a valid date (use YYYY-MM-DD).` });

describe("readDate: what a person types in a date field", () => {
  it("reads YYYY-MM-DD in any locale, and an emptied field as no date", () => {
    expect(readDate("2026-03-09", "de-DE")).toEqual({ ok: true, value: "2026-03-09" });
    expect(readDate(" 2026-03-09 ", "en-US")).toEqual({ ok: true, value: "2026-03-09" });
    expect(readDate("", "en-US")).toEqual({ ok: true, value: null });
    expect(readDate("   ", "en-US")).toEqual({ ok: true, value: null });
  });

  it("refuses a day that is not on the calendar with the domain's message", () => {
    expect(readDate("2026-02-30", "en-US")).toEqual(refused("2026-02-30"));
    expect(readDate("2026-13-01", "en-GB")).toEqual(refused("2026-13-01"));
    expect(readDate("2026-3-9", "en-US")).toEqual(refused("2026-3-9"));
  });

  it("reads the date as the field shows it, so an edited date reads back", () => {
    for (const locale of ["en-US", "en-GB", "de-DE", "fr-FR", "ja-JP", "es-ES"]) {
      const shown = calendarWords(locale).shown("2026-09-30");
      expect(readDate(shown, locale), `${locale}: ${shown}`).toEqual({ ok: true, value: "2026-09-30" });
    }
  });

  it("reads numbers in the locale's order, and a year first as year-month-day", () => {
    expect(readDate("3/9/2026", "en-US")).toEqual({ ok: true, value: "2026-03-09" });
    expect(readDate("3/9/2026", "en-GB")).toEqual({ ok: true, value: "2026-09-03" });
    expect(readDate("9.3.2026", "de-DE")).toEqual({ ok: true, value: "2026-03-09" });
    expect(readDate("2026/3/9", "en-GB")).toEqual({ ok: true, value: "2026-03-09" });
  });

  it("reads month names in the locale and in English, long or short", () => {
    expect(readDate("9 March 2026", "en-GB")).toEqual({ ok: true, value: "2026-03-09" });
    expect(readDate("9. März 2026", "de-DE")).toEqual({ ok: true, value: "2026-03-09" });
    expect(readDate("Sept 9, 2026", "en-US")).toEqual({ ok: true, value: "2026-09-09" });
    expect(readDate("9 mar 2026", "de-DE")).toEqual({ ok: true, value: "2026-03-09" });
  });

  it("refuses what it would have to guess", () => {
    for (const text of ["next week", "3/9/26", "31/2/2026", "Feb 30, 2026", "9 Ma 2026", "2026", "1 2 3 4"]) {
      expect(readDate(text, "en-GB"), text).toEqual(refused(text));
    }
  });
});

describe("calendarWords", () => {
  it("writes dates and names in the locale, the same day in every time zone", () => {
    const us = calendarWords("en-US");
    expect(us.shown("2026-03-09")).toBe("Mar 9, 2026");
    expect(us.dayName("2026-03-09")).toBe("Monday, March 9, 2026");
    expect(us.monthLabel("2026-03-01")).toBe("March 2026");
    expect(calendarWords("de-DE").shown("2026-03-09")).toBe("9. März 2026");
  });

  it("starts the week on the locale's first day", () => {
    expect(calendarWords("en-US").firstDayOfWeek).toBe(0);
    expect(calendarWords("de-DE").firstDayOfWeek).toBe(1);
  });
});
