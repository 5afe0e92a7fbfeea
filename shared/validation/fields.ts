/**
 * Field rules for everything a person types, shared by the forms (message next to the
 * field) and the sync node's API (refuses the same input with the same words).
 */
import { z } from "zod";
import { COMMITMENT_STATUSES, MILESTONE_STATUSES, ROLES } from "../account/values";

export const ACCOUNT_NAME_MAX = 120;
export const COMMITMENT_TEXT_MAX = 2000;
export const PERSON_NAME_MAX = 80;
export const OWNER_MAX = 80;

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const trimmed = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text.` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${what} cannot be empty.` })
        .max(max, { error: (issue) => `${what} is too long: at most ${max} characters (this one has ${String((issue.input as string).length)}).` }),
    );

export const accountNameSchema = trimmed("The account name", ACCOUNT_NAME_MAX);
export const personNameSchema = trimmed("Your name", PERSON_NAME_MAX);
export const commitmentTextSchema = trimmed("What was promised", COMMITMENT_TEXT_MAX);
export const milestoneTitleSchema = trimmed("The milestone", COMMITMENT_TEXT_MAX);

/** A date field: empty means "no date", otherwise a real YYYY-MM-DD date. */
export const optionalDateSchema = z
  .string({ error: "A date must be text." })
  .transform((s) => s.trim())
  .refine((s) => s === "" || isCalendarDate(s), {
    error: (issue) => `“${String(issue.input)}” is not a valid date (use YYYY-MM-DD).`,
  })
  .transform((s) => (s === "" ? null : s));

export const ownerSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().max(OWNER_MAX, { error: `The owner's name is too long: at most ${OWNER_MAX} characters.` }));

export const roleSchema = z.enum(ROLES, { error: "Choose rep or delivery lead." });

export const commitmentInputSchema = z.object({
  text: commitmentTextSchema,
  promisedBy: ownerSchema.default(""),
  dueDate: optionalDateSchema.prefault(""),
  status: z.enum(COMMITMENT_STATUSES, { error: "Unknown commitment status." }).default("proposed"),
});

export const milestoneInputSchema = z
  .object({
    title: milestoneTitleSchema,
    owner: ownerSchema.default(""),
    startDate: optionalDateSchema.prefault(""),
    endDate: optionalDateSchema.prefault(""),
    status: z.enum(MILESTONE_STATUSES, { error: "Unknown milestone status." }).default("planned"),
  })
  .refine((m) => !m.startDate || !m.endDate || m.endDate >= m.startDate, {
    error: "The milestone ends before it starts.",
    path: ["endDate"],
  });

/** Result of checking one input: the clean value, or a message per field. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string>; message: string };

/** Run a schema and turn its issues into one message per field (the first wins). */
export function check<T>(schema: z.ZodType<T, unknown>, input: unknown): Checked<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "_";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, message: Object.values(errors)[0] ?? "Invalid input." };
}
