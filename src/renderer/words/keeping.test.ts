import { describe, expect, it } from "vitest";
import { accountsCount, progressPhrase, sizePhrase } from "./keeping";

describe("the words of long work", () => {
  it("count accounts in the person's locale", () => {
    expect(progressPhrase({ done: 312, total: 1000 }, "en-US")).toBe("312 of 1,000 accounts");
    expect(progressPhrase({ done: 312, total: 1000 }, "de-DE")).toBe("312 of 1.000 accounts");
    expect(progressPhrase({ done: 0, total: 0 }, "en-US")).toBe("Starting…");
    expect(accountsCount(1, "en-US")).toBe("1 account");
    expect(accountsCount(1500, "fr-FR")).toBe("1\u202f500 accounts");
    expect(sizePhrase(1536, "de-DE")).toBe("1,5 KB");
  });
});
