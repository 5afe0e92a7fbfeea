import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { callUid, callsToIcs, icsFileName, type CalendarCall } from "./ics";

const LONG = "Jürgen asked about the ROI; options: A, B; price: €12,500\\year — ".repeat(20) + "Ende.\nSecond line; with, punctuation\\";
const calls: CalendarCall[] = [
  { documentId: "docA", followUpId: "f1", title: "Follow-up call: Müller & Söhne GmbH — 東京支社", start: "2026-03-04T09:00:00.000Z", minutes: 30, timeZone: "Europe/Berlin", description: LONG },
  { documentId: "docB", followUpId: "most-important-call", title: "Most important call: Ærø Øl", start: "2026-03-05T15:00:00.000Z", minutes: 45, timeZone: "America/New_York", description: "" },
];

describe("calendar export", () => {
  const text = callsToIcs(calls, { now: "2026-03-02T09:00:00.000Z", name: "Baton — Riley's calls" });

  it("parses back with an iCalendar parser: titles, UTC times, non-ASCII names and long notes intact", () => {
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(cal.getFirstPropertyValue("prodid")).toBe("-//Baton//Calls and follow-ups//EN");
    const events = cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual(calls.map((c) => c.title));
    expect(events.map((e) => e.uid)).toEqual([callUid("docA", "f1"), callUid("docB", "most-important-call")]);
    expect(events[0]!.description).toBe(LONG);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe("2026-03-04T09:00:00.000Z");
    expect(events[0]!.startDate.zone?.tzid).toBe("UTC");
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe("2026-03-04T09:30:00.000Z");
    expect(events[1]!.endDate.toJSDate().toISOString()).toBe("2026-03-05T15:45:00.000Z");
    const alarm = cal.getFirstSubcomponent("vevent")!.getFirstSubcomponent("valarm")!;
    expect(alarm.getFirstPropertyValue("action")).toBe("DISPLAY");
    expect(String(alarm.getFirstPropertyValue("trigger"))).toBe("-PT10M");
  });

  it("is a valid file: CRLF line ends, lines folded at 75 octets without splitting characters, text escaped", () => {
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    const lines = text.slice(0, -2).split("\r\n");
    expect(lines.every((l) => !l.includes("\n") && !l.includes("\r"))).toBe(true);
    for (const l of lines) expect(new TextEncoder().encode(l).length, l).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(" "))).toBe(true); // long notes were folded
    expect(text).toContain("options: A\\, B\\; price"); // commas and semicolons escaped
    expect(text).toMatch(/DTSTART:20260304T090000Z/);
    // Unfolding gives back valid UTF-8 (no character was cut in half).
    expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(text.replace(/\r\n /g, "")))).toContain("東京支社");
  });

  it("keeps the UID of a call across exports, so a moved call updates the event", () => {
    const later = callsToIcs([{ ...calls[0]!, start: "2026-03-05T09:00:00.000Z" }], { now: "2026-03-03T09:00:00.000Z" });
    const a = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!);
    const b = new ICAL.Event(new ICAL.Component(ICAL.parse(later)).getFirstSubcomponent("vevent")!);
    expect(b.uid).toBe(a.uid);
    expect(b.sequence).toBeGreaterThan(a.sequence);
  });

  it("names files safely", () => {
    expect(icsFileName("Follow-up: Müller & Söhne")).toBe("Follow-up-Muller-Sohne.ics");
    expect(icsFileName("東京")).toBe("baton-calls.ics");
  });

  it("lets no control character through: a bare CR in a peer's text does not start a line of its own", () => {
    const hostile: CalendarCall = {
      documentId: "docC",
      followUpId: "f\r\nX-INJECTED:1",
      title: "Call\rATTENDEE:mailto:eve@example.com",
      start: "2026-03-06T10:00:00.000Z",
      minutes: 30,
      timeZone: "Europe/Berlin",
      description: "first\rsecond\r\nthird\u0000\u0007\u001b[31m\u0085end\ttab",
    };
    const ics = callsToIcs([hostile], { now: "2026-03-02T09:00:00.000Z", name: "Riley\r\nMETHOD:CANCEL" });
    // Every line ends CRLF and holds no other CR or LF, and no control character but the fold's space and TAB.
    const lines = ics.slice(0, -2).split("\r\n");
    expect(lines.every((l) => ![...l].some((ch) => (ch < " " && ch !== "\t") || ch === "\u007f" || ch === "\u0085"))).toBe(true);
    expect(lines.filter((l) => /^(X-INJECTED|ATTENDEE|METHOD:CANCEL)/.test(l))).toEqual([]);
    const cal = new ICAL.Component(ICAL.parse(ics));
    const event = new ICAL.Event(cal.getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe("Call ATTENDEE:mailto:eve@example.com");
    expect(event.description).toBe("first\nsecond\nthird[31mend\ttab");
    expect(event.uid).toBe("f X-INJECTED:1.docC@baton.calls");
    expect(cal.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(cal.getFirstPropertyValue("x-wr-calname")).toBe("Riley METHOD:CANCEL");
  });
});
