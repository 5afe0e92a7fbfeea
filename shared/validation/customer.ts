/**
 * Field rules for the customer company's own details: its web domain and its phone. A
 * domain is what a person types into a browser ("acme.com"); a pasted address
 * ("https://www.acme.com/about") is reduced to its host, so the account holds one form
 * whatever was typed or imported.
 */
import { z } from "zod";
import { phoneSchema } from "./contacts";

/** Longest domain name (RFC 1035). */
export const DOMAIN_MAX = 253;

/**
 * The host of a typed domain or address, lower case, without "www.", a port or a path;
 * null when what is left is not a domain name (letters, digits and hyphens in dot-separated
 * labels, a top-level label of letters or an IDN's "xn--" form).
 */
export function domainOf(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (s === "" || /\s/.test(s)) return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/^\/\//, "");
  s = s.split(/[/?#]/, 1)[0] ?? "";
  s = s.slice(s.lastIndexOf("@") + 1).replace(/:\d*$/, "").replace(/\.$/, "").replace(/^www\./, "");
  if (s.length === 0 || s.length > DOMAIN_MAX) return null;
  const labels = s.split(".");
  if (labels.length < 2) return null;
  if (!labels.every((l) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(l))) return null;
  const top = labels[labels.length - 1]!;
  return /^(\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u.test(top) ? s : null;
}

/** A domain field: empty means none; an address is reduced to its host. */
export const domainSchema = z
  .string({ error: "A domain must be text." })
  .transform((s) => s.trim())
  .refine((s) => s === "" || domainOf(s) !== null, {
    error: (issue) => `“${String(issue.input).trim()}” is not a web domain: write it like acme.com, or paste the company's web address.`,
  })
  .transform((s) => (s === "" ? null : domainOf(s)));

/** The customer section of an account: the company's domain and phone (empty: none). */
export const customerInputSchema = z.object({
  domain: domainSchema.prefault(""),
  phone: phoneSchema.prefault(""),
});
/** A checked customer section. */
export type CustomerInput = z.output<typeof customerInputSchema>;
