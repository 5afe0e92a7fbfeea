import { describe, expect, it } from "vitest";
import { hrefOf, parseRoute } from "./route";

describe("hash routes", () => {
  it("reads the pages; Today is the start page", () => {
    expect(parseRoute("")).toEqual({ page: "today" });
    expect(parseRoute("#/")).toEqual({ page: "today" });
    expect(parseRoute("#/accounts")).toEqual({ page: "accounts" });
    expect(parseRoute("#/settings")).toEqual({ page: "settings" });
    expect(parseRoute("#/accounts/abc123")).toEqual({ page: "account", documentId: "abc123" });
    expect(parseRoute("#/calls/abc123/f%201")).toEqual({ page: "call", documentId: "abc123", followUpId: "f 1" });
    expect(parseRoute("#/calls/abc123/%E0%A4%A")).toEqual({ page: "unknown", path: "/calls/abc123/%E0%A4%A" });
    expect(parseRoute("#/nope")).toEqual({ page: "unknown", path: "/nope" });
  });
  it("reads the new-account form and a deep link given in the address", () => {
    expect(parseRoute("#/accounts/new")).toEqual({ page: "new-account" });
    expect(parseRoute("#/open?link=baton%3A%2F%2Faccount%2F4NMNnkMhL8jXrdJ9jamS58PAVdXu")).toEqual({ page: "open", link: "baton://account/4NMNnkMhL8jXrdJ9jamS58PAVdXu" });
    expect(parseRoute("#/open")).toEqual({ page: "open", link: "" });
    const open = { page: "open", link: "baton:account/4NMNnkMhL8jXrdJ9jamS58PAVdXu?x=1&y=2" } as const;
    expect(parseRoute(hrefOf(open))).toEqual(open);
  });
  it("round-trips account and call routes", () => {
    const route = { page: "account", documentId: "4NMNnkMhL8jXrdJ9jamS58PAVdXu" } as const;
    expect(parseRoute(hrefOf(route))).toEqual(route);
    const call = { page: "call", documentId: "4NMNnkMhL8jXrdJ9jamS58PAVdXu", followUpId: "most-important-call" } as const;
    expect(parseRoute(hrefOf(call))).toEqual(call);
    expect(parseRoute(hrefOf({ page: "accounts" }))).toEqual({ page: "accounts" });
  });
});
