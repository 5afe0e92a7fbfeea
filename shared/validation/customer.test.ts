import { describe, expect, it } from "vitest";
import { check } from "./fields";
import { customerInputSchema, domainOf, domainSchema } from "./customer";

const errors = (r: ReturnType<typeof check>) => (r.ok ? {} : r.errors);

describe("the customer's domain", () => {
  it.each([
    ["acme.com", "acme.com"],
    [" Acme.COM ", "acme.com"],
    ["www.acme.com", "acme.com"],
    ["https://www.acme.com/about?x=1#top", "acme.com"],
    ["http://shop.acme.co.uk:8080/", "shop.acme.co.uk"],
    ["acme.com/", "acme.com"],
    ["//acme.de", "acme.de"],
    ["müller-bau.de", "müller-bau.de"],
    ["xn--mller-bau-r9a.de", "xn--mller-bau-r9a.de"],
  ])("%j is the domain %j", (typed, domain) => {
    expect(domainOf(typed)).toBe(domain);
    expect(check(domainSchema, typed)).toEqual({ ok: true, value: domain });
  });

  it.each(["acme", "acme .com", "acme.c", "-acme.com", "acme-.com", "acme..com", "https://", "http://localhost/", "acme.123", "a@b", "=cmd|'/C calc'!A0", `${"a".repeat(64)}.com`])(
    "%j is not a domain, and the message says how to write one",
    (typed) => {
      expect(domainOf(typed)).toBeNull();
      expect(errors(check(domainSchema, typed))._).toBe(`“${typed.trim()}” is not a web domain: write it like acme.com, or paste the company's web address.`);
    },
  );

  it("empty means none", () => {
    expect(check(domainSchema, "  ")).toEqual({ ok: true, value: null });
  });
});

describe("the customer section", () => {
  it("checks the domain and the phone, each with its message next to its field", () => {
    expect(check(customerInputSchema, { domain: "https://acme.com", phone: "+1 (555) 010-0100" })).toEqual({ ok: true, value: { domain: "acme.com", phone: "+1 (555) 010-0100" } });
    expect(check(customerInputSchema, {})).toEqual({ ok: true, value: { domain: null, phone: null } });
    expect(Object.keys(errors(check(customerInputSchema, { domain: "acme", phone: "call me" })))).toEqual(["domain", "phone"]);
  });
});
