import { describe, expect, it } from "vitest";
import { formatDay, isOverdue, sentence } from "./labels";

describe("labels", () => {
  it("turns a reason into a sentence", () => {
    expect(sentence("not a Baton chunk (bad magic bytes)")).toBe("Not a Baton chunk (bad magic bytes).");
    expect(sentence("Already fine.")).toBe("Already fine.");
    expect(sentence("")).toBe("");
  });
  it("knows what is overdue", () => {
    const now = new Date(2026, 1, 10);
    expect(isOverdue("2026-02-09", now)).toBe(true);
    expect(isOverdue("2026-02-10", now)).toBe(false);
  });
  it("leaves an unreadable date as typed", () => {
    expect(formatDay("soon")).toBe("soon");
  });
});
