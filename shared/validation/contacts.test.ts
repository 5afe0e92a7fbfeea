import { describe, expect, it } from "vitest";
import { check } from "./fields";
import { contactInputSchema, emailSchema, isEmailAddress, isPhoneNumber, phoneSchema } from "./contacts";

const errors = (r: ReturnType<typeof check>) => (r.ok ? {} : r.errors);

describe("contact fields", () => {
  it.each(["ana@", "ana", "@acme.example", "ana@acme", "ana @acme.example", "ana@acme..example", "ana@acme.c"])("%j is not an email address", (email) => {
    expect(isEmailAddress(email)).toBe(false);
    expect(errors(check(emailSchema, email))).toEqual({ _: `“${email.trim()}” is not an email address.` });
  });

  it("the message quotes what was typed", () => {
    expect(errors(check(emailSchema, "ana@"))).toEqual({ _: "“ana@” is not an email address." });
  });

  it.each(["ana@acme.example", "first.last+tag@mail.acme.co.uk", " kim@acme.de "])("%j is an email address", (email) => {
    expect(check(emailSchema, email)).toEqual({ ok: true, value: email.trim() });
  });

  it.each(["12ab", "call me", "123", "+", "0800-FLOWERS", "1".repeat(18)])("%j is not a phone number", (phone) => {
    expect(isPhoneNumber(phone)).toBe(false);
    expect(errors(check(phoneSchema, phone))._).toBe(`“${phone}” is not a phone number (digits, spaces and + ( ) - only, at least 5 digits).`);
  });

  it.each(["+49 30 1234567", "(555) 123-4567", "030/123 456", "+1.555.123.4567", "12345"])("%j is a phone number", (phone) => {
    expect(check(phoneSchema, phone)).toEqual({ ok: true, value: phone });
  });

  it("empty email and phone mean none", () => {
    expect(check(emailSchema, "  ")).toEqual({ ok: true, value: null });
    expect(check(phoneSchema, "")).toEqual({ ok: true, value: null });
  });

  it("the contact form gives one message per field", () => {
    expect(errors(check(contactInputSchema, { name: " ", role: "boss", email: "ana@", phone: "12ab" }))).toEqual({
      name: "The contact's name cannot be empty.",
      role: "Choose the contact's role.",
      email: "“ana@” is not an email address.",
      phone: "“12ab” is not a phone number (digits, spaces and + ( ) - only, at least 5 digits).",
    });
  });

  it("the contact form accepts a clean contact and fills the rest", () => {
    expect(check(contactInputSchema, { name: " Kim Buyer ", role: "decision-maker" })).toEqual({
      ok: true,
      value: { name: "Kim Buyer", role: "decision-maker", email: null, phone: null, notes: "" },
    });
  });
});
