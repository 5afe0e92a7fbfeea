import { describe, expect, it } from "vitest";
import { mapPosition, mapSelection, rebaseEdit } from "./caret";

describe("caret mapping for remote edits", () => {
  it("keeps a caret before the change", () => {
    expect(mapPosition("hello world", "hello brave world", 3)).toBe(3);
  });
  it("shifts a caret after an insertion", () => {
    expect(mapPosition("hello world", "hello brave world", 9)).toBe(15);
  });
  it("shifts a caret after a deletion", () => {
    expect(mapPosition("hello brave world", "hello world", 15)).toBe(9);
  });
  it("moves a caret inside a deleted region to its end", () => {
    expect(mapPosition("hello brave world", "hello world", 8)).toBe(6);
  });
  it("handles a caret at the end and empty strings", () => {
    expect(mapPosition("abc", "xabc", 3)).toBe(4);
    expect(mapPosition("", "abc", 0)).toBe(0);
    expect(mapPosition("abc", "", 3)).toBe(0);
  });
  it("maps a selection", () => {
    expect(mapSelection("one two three", "zero one two three", { start: 4, end: 7 })).toEqual({ start: 9, end: 12 });
  });
});

describe("rebaseEdit", () => {
  it("applies only the person's keystroke to text the other laptop changed meanwhile", () => {
    // The field showed "Train"; the person typed "P" at the start; the other laptop had appended " on".
    expect(rebaseEdit("Train", "PTrain", "Train on")).toBe("PTrain on");
    // The person typed at the end while the other laptop inserted at the start.
    expect(rebaseEdit("Train", "Train s", "Please Train")).toBe("Please Train s");
    // A deletion is rebased too.
    expect(rebaseEdit("Train two", "Train", "Please Train two")).toBe("Please Train");
    // Nothing changed elsewhere: the result is what the person typed.
    expect(rebaseEdit("ab", "abc", "ab")).toBe("abc");
  });
});
