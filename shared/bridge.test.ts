import { describe, expect, it } from "vitest";
import { checkPdfRequest, PDF_LIMITS } from "./bridge";

describe("a PDF request from the renderer (main trusts nothing it receives)", () => {
  it("keeps the recap's HTML and suggests a plain .pdf file name", () => {
    const r = checkPdfRequest({ html: "<h1>Recap</h1>", fileName: "Northwind-Ltd-recap.pdf" });
    expect(r).toEqual({ ok: true, value: { html: "<h1>Recap</h1>", fileName: "Northwind-Ltd-recap.pdf" } });
  });

  it("strips folders and characters a file system refuses, and always ends in .pdf", () => {
    const r = checkPdfRequest({ html: "<p>x</p>", fileName: "../../etc/pass:wd\u0000" });
    expect(r.ok && r.value.fileName).toBe("etc-pass-wd.pdf");
    expect(checkPdfRequest({ html: "<p>x</p>", fileName: "Zoë & Søn" })).toEqual({ ok: true, value: { html: "<p>x</p>", fileName: "Zoë & Søn.pdf" } });
  });

  it("falls back to a default name when none is usable, and caps a long one", () => {
    expect(checkPdfRequest({ html: "<p>x</p>", fileName: "..." })).toMatchObject({ ok: true, value: { fileName: "recap.pdf" } });
    expect(checkPdfRequest({ html: "<p>x</p>" })).toMatchObject({ ok: true, value: { fileName: "recap.pdf" } });
    const long = checkPdfRequest({ html: "<p>x</p>", fileName: "a".repeat(500) });
    expect(long.ok && long.value.fileName.length).toBe(PDF_LIMITS.fileName);
  });

  it("refuses no HTML, empty HTML and HTML over the limit, with a message", () => {
    for (const bad of [null, 42, {}, { html: "   " }, { html: 5 }]) {
      const r = checkPdfRequest(bad);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toBe("There is nothing to save as PDF.");
    }
    const big = checkPdfRequest({ html: "x".repeat(PDF_LIMITS.htmlChars + 1), fileName: "a" });
    expect(big).toEqual({ ok: false, message: "The recap is too large to save as PDF." });
  });
});
