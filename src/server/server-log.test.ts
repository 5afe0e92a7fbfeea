import { describe, expect, it } from "vitest";
import { createServerLog, logLine } from "./server-log";

function captured() {
  const lines: string[] = [];
  return { lines, stream: { write: (s: string) => void lines.push(s) } };
}

describe("the sync server's log", () => {
  it("writes one JSON object per line with the time and the level by name", () => {
    const { lines, stream } = captured();
    const log = createServerLog(stream);
    const before = Date.now();
    log.info("listening");
    const entry = JSON.parse(lines[0]!) as { time: string; level: string; msg: string; pid: number };
    expect(entry).toMatchObject({ level: "info", msg: "listening", pid: process.pid });
    expect(entry.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(entry.time)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("files damage and failed writes as warnings, the rest as information", () => {
    const { lines, stream } = captured();
    const log = createServerLog(stream);
    logLine(log, "damaged chunk accounts/x: checksum mismatch");
    logLine(log, "flush failed: ENOSPC");
    logLine(log, "ana uploaded new document 4NMN and is its first member");
    expect(lines.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(["warn", "warn", "info"]);
  });
});
