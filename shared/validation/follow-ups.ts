/**
 * Field rules for follow-up records and logged follow-up calls. An agreed time is a
 * precise date, a time of day and the IANA zone it was agreed in — "next week" is not a
 * time — and it must lie in the future. The schemas are built for a given `now` (an ISO
 * instant) so the same rule runs in the form and in tests with a fixed clock.
 */
import { z } from "zod";
import { CALL_OUTCOMES, NEXT_STEP_KINDS } from "../account/schema";
import { isTimeZone, localDateOf, localTimeOf, zonedTimeToInstant } from "../calendar";
import { SCHEDULABLE_PURPOSES } from "../commands/follow-ups";
import { isCalendarDate, optionalDateSchema } from "./fields";
import { optionalText, requiredText } from "./text";

/** Longest reason, note, summary or feedback, in characters. */
export const FOLLOW_UP_TEXT_MAX = 4000;

/** Messages for an agreed time that cannot be used, per field. */
export interface AgreedTimeFields {
  date: string;
  time: string;
  timeZone: string;
}

/**
 * Check an agreed date + time + zone as of `now`; returns the instant, or a message per
 * field (the date, the time, the zone) for the ones that are wrong.
 */
export function checkAgreedTime(input: AgreedTimeFields, now: string): { ok: true; instant: string; timeZone: string } | { ok: false; errors: Partial<AgreedTimeFields> } {
  const date = input.date.trim();
  const time = input.time.trim();
  const timeZone = input.timeZone.trim();
  const errors: Partial<AgreedTimeFields> = {};
  if (!date) errors.date = "Give the date agreed with the customer.";
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = `“${date}” is not a date: give the precise day agreed (YYYY-MM-DD).`;
  else if (!isCalendarDate(date)) errors.date = `${date} does not exist on the calendar.`;
  if (!time) errors.time = "Give the time agreed with the customer.";
  else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors.time = `“${time}” is not a time of day (use HH:MM, e.g. 09:30).`;
  if (!timeZone) errors.timeZone = "Give the time zone the time was agreed in.";
  else if (!isTimeZone(timeZone)) errors.timeZone = `“${timeZone}” is not a time zone (use a name like Europe/Berlin).`;
  if (errors.date || errors.time || errors.timeZone) return { ok: false, errors };
  const instant = zonedTimeToInstant(date, time, timeZone);
  if (instant <= now) {
    const today = localDateOf(now, timeZone);
    if (date < today) errors.date = `${date} has already passed in ${timeZone}; agree a day in the future.`;
    else errors.time = `${time} on ${date} has already passed in ${timeZone} (it is ${localTimeOf(now, timeZone)} there now); agree a later time.`;
    return { ok: false, errors };
  }
  return { ok: true, instant, timeZone };
}

function addAgreedTimeIssues(
  ctx: z.RefinementCtx,
  fields: AgreedTimeFields,
  now: string,
  paths: Record<keyof AgreedTimeFields, string> = { date: "date", time: "time", timeZone: "timeZone" },
): string | null {
  const r = checkAgreedTime(fields, now);
  if (r.ok) return r.instant;
  for (const key of ["date", "time", "timeZone"] as const) {
    const message = r.errors[key];
    if (message) ctx.addIssue({ code: "custom", message, path: [paths[key]] });
  }
  return null;
}

const text = z.string({ error: "This must be text." }).prefault("");

/** Run one field's schema inside a transform, so every field's message is reported at once. */
function field<T>(ctx: z.RefinementCtx, schema: z.ZodType<T, string>, value: string, path: string): T | typeof z.NEVER {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  ctx.addIssue({ code: "custom", message: r.error.issues[0]?.message ?? "Invalid.", path: [path] });
  return z.NEVER;
}

/** The follow-up record form: what the callback is about and the agreed time. */
export function followUpInputSchema(now: string) {
  return z
    .object({
      purpose: z.enum(SCHEDULABLE_PURPOSES, { error: "Choose follow-up call, call or handoff meeting." }).default("follow-up"),
      reason: text,
      notes: text,
      date: text,
      time: text,
      timeZone: text,
    })
    .transform((v, ctx) => {
      const reason = field(ctx, requiredText("The reason for the callback", FOLLOW_UP_TEXT_MAX), v.reason, "reason");
      const notes = field(ctx, optionalText("The notes", FOLLOW_UP_TEXT_MAX), v.notes, "notes");
      const agreedTime = addAgreedTimeIssues(ctx, v, now);
      if (agreedTime === null || reason === z.NEVER || notes === z.NEVER) return z.NEVER;
      return { purpose: v.purpose, reason, notes, agreedTime, timeZone: v.timeZone.trim() };
    });
}
/** A checked follow-up record form. */
export type FollowUpInput = z.output<ReturnType<typeof followUpInputSchema>>;

/** Moving a call to another agreed time. */
export function rescheduleInputSchema(now: string) {
  return z.object({ date: text, time: text, timeZone: text }).transform((v, ctx) => {
    const agreedTime = addAgreedTimeIssues(ctx, v, now);
    if (agreedTime === null) return z.NEVER;
    return { agreedTime, timeZone: v.timeZone.trim() };
  });
}

/**
 * Logging a follow-up call. A voicemail or no answer schedules the retry; a reached call
 * names the next step and, unless the customer decided, the next agreed time.
 */
export function logCallInputSchema(now: string) {
  return z
    .object({
      outcome: z.enum(CALL_OUTCOMES, { error: "Choose how the call went: reached, voicemail or no answer." }),
      summary: optionalText("What was said", FOLLOW_UP_TEXT_MAX).prefault(""),
      nextStepKind: z.enum(NEXT_STEP_KINDS, { error: "Choose the next step." }).nullable().default(null),
      nextStep: optionalText("The next step", FOLLOW_UP_TEXT_MAX).prefault(""),
      /** Reached only: the customer decided, no further call is agreed. */
      decided: z.boolean().default(false),
      nextDate: text,
      nextTime: text,
      nextTimeZone: text,
    })
    .transform((v, ctx) => {
      if (v.outcome === "reached" && !v.summary) ctx.addIssue({ code: "custom", message: "Say briefly what was said on the call.", path: ["summary"] });
      if (v.outcome === "reached" && !v.nextStepKind) ctx.addIssue({ code: "custom", message: "Choose the next step that advances the sale.", path: ["nextStepKind"] });
      const wantsNext = v.outcome !== "reached" || !v.decided;
      let next: { agreedTime: string; timeZone: string } | null = null;
      if (wantsNext) {
        const agreedTime = addAgreedTimeIssues(ctx, { date: v.nextDate, time: v.nextTime, timeZone: v.nextTimeZone }, now, { date: "nextDate", time: "nextTime", timeZone: "nextTimeZone" });
        if (agreedTime) next = { agreedTime, timeZone: v.nextTimeZone.trim() };
        else return z.NEVER;
      }
      if (v.outcome === "reached" && (!v.summary || !v.nextStepKind)) return z.NEVER;
      return {
        outcome: v.outcome,
        summary: v.summary,
        nextStepKind: v.outcome === "reached" ? v.nextStepKind : null,
        nextStep: v.outcome === "reached" ? v.nextStep : "",
        next,
      };
    });
}
/** A checked call log. */
export type LogCallInput = z.output<ReturnType<typeof logCallInputSchema>>;

/** One feedback field. */
export const feedbackTextSchema = optionalText("The feedback", FOLLOW_UP_TEXT_MAX);
/** One decision-process text field. */
export const decisionTextSchema = optionalText("This", FOLLOW_UP_TEXT_MAX);
/** When the other decision makers meet: a date, or empty for "not known". */
export const decisionMeetingDateSchema = optionalDateSchema;
