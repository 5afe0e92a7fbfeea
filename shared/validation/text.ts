/** Building blocks for the field rules: trimmed text with a limit, in the user's words. */
import { z } from "zod";
import { isCalendarDate } from "./fields";

/** Text that must not be empty: `what` names the field in messages ("The requirement cannot be empty."). */
export function requiredText(what: string, max: number) {
  return z
    .string({ error: `${what} must be text.` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${what} cannot be empty.` })
        .max(max, { error: (issue) => `${what} is too long: at most ${max} characters (this one has ${String((issue.input as string).length)}).` }),
    );
}

/** Text that may be empty (then ""), up to `max` characters. */
export function optionalText(what: string, max: number) {
  return z
    .string({ error: `${what} must be text.` })
    .transform((s) => s.trim())
    .pipe(z.string().max(max, { error: (issue) => `${what} is too long: at most ${max} characters (this one has ${String((issue.input as string).length)}).` }));
}

/** Like `optionalText`, but empty becomes null (for fixed fields such as references). */
export function optionalReference(what: string, max: number) {
  return optionalText(what, max).transform((s) => (s === "" ? null : s));
}

/** A date that must be given, YYYY-MM-DD. */
export function requiredDate(what: string) {
  return z
    .string({ error: `${what} must be text.` })
    .transform((s) => s.trim())
    .refine((s) => s !== "", { error: `Give ${what.charAt(0).toLowerCase()}${what.slice(1)}.` })
    .refine((s) => s === "" || isCalendarDate(s), { error: (issue) => `“${String(issue.input)}” is not a valid date (use YYYY-MM-DD).` });
}

/** A point in time, as an ISO string. */
export const instantSchema = z
  .string({ error: "A time must be text." })
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), {
    error: (issue) => `“${String(issue.input)}” is not a point in time.`,
  })
  .transform((s) => new Date(s).toISOString());
