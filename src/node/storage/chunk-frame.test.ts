import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame } from "./chunk-frame";

const KEY = ["4NMNnkMhL8jXrdJ9jamS58PAVdXu", "incremental", "ab12"];
const PAYLOAD = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);

describe("chunk-frame", () => {
  it("round-trips key and payload", () => {
    const decoded = decodeFrame(encodeFrame(KEY, PAYLOAD));
    expect(decoded).toEqual({ ok: true, key: KEY, payload: PAYLOAD });
  });

  it("round-trips an empty payload and a payload that is a view into a bigger buffer", () => {
    expect(decodeFrame(encodeFrame(KEY, new Uint8Array()))).toMatchObject({ ok: true, payload: new Uint8Array() });
    const view = PAYLOAD.subarray(10, 20);
    expect(decodeFrame(encodeFrame(KEY, view))).toMatchObject({ ok: true, payload: view });
  });

  it("detects every changed byte", () => {
    const frame = encodeFrame(KEY, PAYLOAD);
    for (let i = 0; i < frame.length; i += 1) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const damaged = frame.slice();
        damaged[i] = (damaged[i] ?? 0) ^ mask;
        expect(decodeFrame(damaged).ok, `byte ${i} ^ ${mask}`).toBe(false);
      }
    }
  });

  it("detects truncation at every length and bytes appended", () => {
    const frame = encodeFrame(KEY, PAYLOAD);
    for (let length = 0; length < frame.length; length += 1) {
      expect(decodeFrame(frame.subarray(0, length)).ok, `length ${length}`).toBe(false);
    }
    const longer = new Uint8Array(frame.length + 1);
    longer.set(frame);
    expect(decodeFrame(longer)).toEqual({ ok: false, reason: "1 unexpected bytes after the chunk" });
  });

  it("explains what is wrong", () => {
    expect(decodeFrame(new Uint8Array())).toMatchObject({ reason: expect.stringMatching(/truncated/) });
    expect(decodeFrame(new TextEncoder().encode("not a chunk at all, just text"))).toMatchObject({
      reason: expect.stringMatching(/magic/),
    });
    const frame = encodeFrame(KEY, PAYLOAD);
    frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 1;
    expect(decodeFrame(frame)).toEqual({ ok: false, reason: "checksum mismatch" });
  });
});
