import { describe, expect, it } from "vitest";
import { hrefOf, parseRoute } from "./route";

describe("hash routes", () => {
  it("reads the three pages", () => {
    expect(parseRoute("")).toEqual({ page: "accounts" });
    expect(parseRoute("#/")).toEqual({ page: "accounts" });
    expect(parseRoute("#/settings")).toEqual({ page: "settings" });
    expect(parseRoute("#/accounts/abc123")).toEqual({ page: "account", documentId: "abc123" });
    expect(parseRoute("#/nope")).toEqual({ page: "unknown", path: "/nope" });
  });
  it("round-trips an account route", () => {
    const route = { page: "account", documentId: "4NMNnkMhL8jXrdJ9jamS58PAVdXu" } as const;
    expect(parseRoute(hrefOf(route))).toEqual(route);
  });
});
