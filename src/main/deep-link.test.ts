/** baton:// links handed over by the operating system (deep-link.ts). */
import { describe, expect, it } from "vitest";
import { commandForDeepLink, deepLinkIn } from "./deep-link";

const ID = "4NMNnkMhL8jXrdJ9jamS58PAVdXu";

describe("deep links", () => {
  it("are found among a second instance's arguments, never the app's own pages", () => {
    expect(deepLinkIn(["/opt/Baton/baton", "--no-sandbox", `baton://account/${ID}`])).toBe(`baton://account/${ID}`);
    expect(deepLinkIn(["electron", ".", `baton:account/${ID}`])).toBe(`baton:account/${ID}`);
    expect(deepLinkIn(["electron", "."])).toBeNull();
    expect(deepLinkIn(["electron", "baton://app/index.html"])).toBeNull();
  });

  it("open the account when the link is one, in either form", () => {
    expect(commandForDeepLink(`baton://account/${ID}`)).toEqual({ type: "open-account", documentId: ID });
    expect(commandForDeepLink(`baton:account/${ID}`)).toEqual({ type: "open-account", documentId: ID });
  });

  it("hand a malformed link to the window, which says what is wrong with it", () => {
    expect(commandForDeepLink("baton://account/../../etc")).toEqual({ type: "open-link", link: "baton://account/../../etc" });
    expect(commandForDeepLink(`baton://x/${"a".repeat(600)}`)).toMatchObject({ type: "open-link" });
    expect((commandForDeepLink(`baton://x/${"a".repeat(600)}`) as { link: string }).link).toHaveLength(500);
  });
});
