import { describe, expect, it } from "vitest";
import { formatMeetingCode, newMeetingSecret, parseMeetingCode } from "./meeting-code";

const SECRET = "K7M2P9QX3HVATW8E5NRJ";
const CODE = "192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E-5NRJ";

describe("meeting codes", () => {
  it("formats a code in groups of four", () => {
    expect(formatMeetingCode({ host: "192.168.1.20", port: 41873, secret: SECRET })).toBe(CODE);
  });

  it("reads back what it formats", () => {
    const code = { host: "10.0.0.7", port: 1, secret: newMeetingSecret() };
    expect(parseMeetingCode(formatMeetingCode(code))).toEqual(code);
  });

  it("accepts lower case, spaces and surrounding blanks as typed from a screen", () => {
    const expected = { host: "192.168.1.20", port: 41873, secret: SECRET };
    expect(parseMeetingCode(CODE.toLowerCase())).toEqual(expected);
    expect(parseMeetingCode("  192.168.1.20 : 41873 - k7m2 p9qx 3hva tw8e 5nrj \n")).toEqual(expected);
    expect(parseMeetingCode("192.168.1.20:41873-K7M2P9QX3HVATW8E5NRJ")).toEqual(expected);
  });

  it('maps "localhost" to 127.0.0.1', () => {
    expect(parseMeetingCode(`localhost:5000-${SECRET}`)).toEqual({ host: "127.0.0.1", port: 5000, secret: SECRET });
  });

  it("writes an address typed with leading zeros the way a URL will read it", () => {
    // new URL("ws://010.0.0.1") would connect to 8.0.0.1.
    expect(parseMeetingCode(`192.168.001.020:41873-${SECRET}`)?.host).toBe("192.168.1.20");
  });

  it.each([
    ["a secret too short", "192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E-5NR"],
    ["a secret too long", "192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E-5NRJA"],
    ["0 and 1 (not in the alphabet)", "192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E-5N10"],
    ["O and I (not in the alphabet)", "192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E-5NOI"],
    ["punctuation", "192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E-5NR!"],
    ["port 0", `192.168.1.20:0-${SECRET}`],
    ["port 65536", `192.168.1.20:65536-${SECRET}`],
    ["a 6-digit port", `192.168.1.20:100000-${SECRET}`],
    ["an octet over 255", `192.168.1.256:41873-${SECRET}`],
    ["three octets", `192.168.1:41873-${SECRET}`],
    ["a host name", `meeting.local:41873-${SECRET}`],
    ["no port", `192.168.1.20-${SECRET}`],
    ["nothing", ""],
  ])("refuses %s", (_what, input) => {
    expect(parseMeetingCode(input)).toBeNull();
  });
});

describe("newMeetingSecret", () => {
  it("makes 20 characters from the read-aloud alphabet", () => {
    const secret = newMeetingSecret();
    expect(secret).toMatch(/^[2-9A-HJ-NP-Z]{20}$/);
    expect(newMeetingSecret()).not.toBe(secret);
  });

  it("maps each random byte to one letter", () => {
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    expect(newMeetingSecret(() => bytes)).toBe(newMeetingSecret(() => bytes.map((b) => b + 32)));
    expect(newMeetingSecret(() => new Uint8Array(20))).toBe("2".repeat(20));
    expect(newMeetingSecret(() => new Uint8Array(20).fill(31))).toBe("Z".repeat(20));
  });
});
