import { describe, expect, it } from "vitest";
import { mapPosition, mapSelection } from "./caret";

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
