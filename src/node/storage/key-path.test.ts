import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeKeyPart, encodeKeyPart, keyFilePath, keyFolderPath, keyFromFilePath } from "./key-path";

const ROOT = join("/store", "chunks");
const wellFormed = fc.string({ unit: "grapheme", maxLength: 40 });

describe("key-path", () => {
  it("keeps safe characters and escapes everything else, uppercase included", () => {
    expect(encodeKeyPart("incremental")).toBe("incremental");
    expect(encodeKeyPart("sync-state_2")).toBe("sync-state_2");
    expect(encodeKeyPart("Ab")).toBe("%41b");
    expect(encodeKeyPart("../x")).toBe("%2e%2e%2fx");
    expect(encodeKeyPart("a b\\c:é")).toBe("a%20b%5cc%3a%c3%a9");
    expect(encodeKeyPart("")).toBe("~");
  });

  it("escapes Windows device names", () => {
    expect(encodeKeyPart("con")).toBe("%63on");
    expect(encodeKeyPart("NUL")).toBe("%4e%55%4c");
    expect(encodeKeyPart("lpt1")).toBe("%6cpt1");
    expect(decodeKeyPart("%63on")).toBe("con");
  });

  it("round-trips any well-formed string, with lowercase-only names", () => {
    fc.assert(
      fc.property(wellFormed, (part) => {
        const name = encodeKeyPart(part);
        expect(name).toMatch(/^[a-z0-9_%~-]+$/);
        if (!name.includes("~") || part === "") expect(decodeKeyPart(name)).toBe(part);
      }),
    );
  });

  it("gives different parts different names, even on case-insensitive file systems", () => {
    fc.assert(
      fc.property(wellFormed, wellFormed, (a, b) => {
        fc.pre(a !== b);
        expect(encodeKeyPart(a).toLowerCase()).not.toBe(encodeKeyPart(b).toLowerCase());
      }),
    );
    expect(encodeKeyPart("A")).not.toBe(encodeKeyPart("a"));
  });

  it("cuts very long parts and keeps them distinct", () => {
    const a = encodeKeyPart("x".repeat(500));
    const b = encodeKeyPart(`${"x".repeat(499)}y`);
    expect(a.length).toBeLessThanOrEqual(120);
    expect(a).not.toBe(b);
    expect(decodeKeyPart(a)).toBeUndefined();
  });

  it("refuses lone surrogates, which UTF-8 cannot keep apart", () => {
    expect(() => encodeKeyPart("\ud800")).toThrow(/well-formed/);
  });

  it("rejects names that are not canonical encodings", () => {
    for (const name of ["ABC", "%41%", "%e9", "a.chunk", ".tmp-1", "%61"]) expect(decodeKeyPart(name)).toBeUndefined();
  });

  it("puts one document's chunks in one folder and keeps file and folder keys apart", () => {
    const doc = "4NMNnkMhL8jXrdJ9jamS58PAVdXu";
    const snapshot = keyFilePath(ROOT, [doc, "snapshot", "ab12"]);
    const incremental = keyFilePath(ROOT, [doc, "incremental", "cd34"]);
    const folder = keyFolderPath(ROOT, [doc]);
    expect(snapshot).toBe(join(folder, "snapshot", "ab12.chunk"));
    expect(incremental).toBe(join(folder, "incremental", "cd34.chunk"));
    expect(keyFilePath(ROOT, ["a"])).not.toBe(keyFolderPath(ROOT, ["a"]));
    expect(keyFolderPath(ROOT, [])).toBe(ROOT);
    expect(() => keyFilePath(ROOT, [])).toThrow();
  });

  it("recovers keys from file paths", () => {
    fc.assert(
      fc.property(fc.array(wellFormed, { minLength: 1, maxLength: 4 }), (key) => {
        fc.pre(key.every((part) => !encodeKeyPart(part).includes("~") || part === ""));
        expect(keyFromFilePath(ROOT, keyFilePath(ROOT, key))).toEqual(key);
      }),
    );
  });
});
