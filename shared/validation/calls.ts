/** Field rules for the most important call, concerns, call outcomes and logged activities. */
import { z } from "zod";
import { ACTIVITY_KINDS, CALL_OUTCOMES, CONCERN_KINDS } from "../account/schema";
import { isTimeZone } from "../calendar";
import { instantSchema, optionalText, requiredDate, requiredText } from "./text";

/** Longest concern, summary or next step, in characters. */
export const CALL_TEXT_MAX = 4000;

/** An IANA time zone name. */
export const timeZoneSchema = z
  .string({ error: "The time zone must be text." })
  .transform((s) => s.trim())
  .refine((s) => s !== "", { error: "Give a time zone." })
  .refine((s) => s === "" || isTimeZone(s), { error: (issue) => `“${String(issue.input).trim()}” is not a time zone (use a name like Europe/Berlin).` });

/** A time of day, HH:MM (24 hours). */
export const timeOfDaySchema = z
  .string({ error: "The time must be text." })
  .transform((s) => s.trim())
  .refine((s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), { error: (issue) => `“${String(issue.input).trim()}” is not a time of day (use HH:MM, e.g. 09:00).` });

/** Moving the most important call. */
export const rescheduleCallInputSchema = z.object({
  date: requiredDate("The date"),
  time: timeOfDaySchema,
  timeZone: timeZoneSchema,
});

/** A concern or remorse signal. */
export const concernInputSchema = z.object({
  kind: z.enum(CONCERN_KINDS, { error: "Choose concern or remorse signal." }).default("concern"),
  text: requiredText("The concern", CALL_TEXT_MAX),
});

/** How a call went. */
export const callOutcomeInputSchema = z.object({
  outcome: z.enum(CALL_OUTCOMES, { error: "Choose how the call went: reached, voicemail or no answer." }),
  summary: optionalText("The summary", CALL_TEXT_MAX).prefault(""),
  nextStep: optionalText("The next step", CALL_TEXT_MAX).prefault(""),
});

/** A call, meeting or note logged on the timeline. */
export const activityInputSchema = z.object({
  kind: z.enum(ACTIVITY_KINDS, { error: "Choose call, meeting or note." }),
  summary: requiredText("What happened", CALL_TEXT_MAX),
  at: instantSchema,
});
