/** Field rules for the customer's contacts: name, role, email and phone. */
import { z } from "zod";
import { CONTACT_ROLES } from "../account/schema";
import { optionalText, requiredText } from "./text";

/** Longest contact name, in characters. */
export const CONTACT_NAME_MAX = 120;
/** Longest notes on a contact, in characters. */
export const CONTACT_NOTES_MAX = 2000;

/** Something@domain.tld, no spaces; deliberately simple (the mail server is the real judge). */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[^\s@.]{2,}$/.test(value) && value.length <= 254;
}

/** Digits with optional +, spaces, dots, slashes, dashes and parentheses; 5 to 17 digits. */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?[\d\s()./-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, "").length;
  return digits >= 5 && digits <= 17;
}

/** An email field: empty means none. */
export const emailSchema = z
  .string({ error: "An email address must be text." })
  .transform((s) => s.trim())
  .refine((s) => s === "" || isEmailAddress(s), { error: (issue) => `“${String(issue.input).trim()}” is not an email address.` })
  .transform((s) => (s === "" ? null : s));

/** A phone field: empty means none. */
export const phoneSchema = z
  .string({ error: "A phone number must be text." })
  .transform((s) => s.trim())
  .refine((s) => s === "" || isPhoneNumber(s), {
    error: (issue) => `“${String(issue.input).trim()}” is not a phone number (digits, spaces and + ( ) - only, at least 5 digits).`,
  })
  .transform((s) => (s === "" ? null : s));

/** The contact's role. */
export const contactRoleSchema = z.enum(CONTACT_ROLES, { error: "Choose the contact's role." });

/** The contact form. */
export const contactInputSchema = z.object({
  name: requiredText("The contact's name", CONTACT_NAME_MAX),
  role: contactRoleSchema,
  email: emailSchema.prefault(""),
  phone: phoneSchema.prefault(""),
  notes: optionalText("The notes", CONTACT_NOTES_MAX).prefault(""),
});
/** A checked contact form. */
export type ContactInput = z.output<typeof contactInputSchema>;
