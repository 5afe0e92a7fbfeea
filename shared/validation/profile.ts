/** The local profile as a person fills it in: who they are, how to reach them, how early to remind them, and the id they carry between laptops. */
import { z } from "zod";
import { emailSchema, phoneSchema } from "./contacts";
import { personNameSchema, roleSchema } from "./fields";

/** The longest lead time a person can choose for call reminders, in minutes (one day). */
export const REMINDER_LEAD_MAX_MINUTES = 24 * 60;
/** Minutes before a call that its reminder comes, unless the person chooses otherwise. */
export const REMINDER_LEAD_DEFAULT_MINUTES = 10;

/**
 * A person's id, the same on each of their laptops: a new laptop takes the id the person
 * copies from their first one (Settings → Profile), so their assignments and reminders
 * follow them.
 */
export const personIdSchema = z
  .string({ error: "A person id must be text." })
  .transform((s) => s.trim())
  .pipe(z.string().regex(/^(|[A-Za-z0-9][A-Za-z0-9._-]{2,63})$/, { error: "That is not a Baton person id (copy it from Settings → Profile on your other laptop)." }));

export const profileInputSchema = z.object({
  name: personNameSchema,
  role: roleSchema,
  phone: phoneSchema.prefault(""),
  email: emailSchema.prefault(""),
  reminderLeadMinutes: z.coerce
    .number({ error: "Give the minutes as a whole number." })
    .int({ error: "Give the minutes as a whole number." })
    .min(0, { error: "Minutes before a call cannot be negative." })
    .max(REMINDER_LEAD_MAX_MINUTES, { error: `At most ${REMINDER_LEAD_MAX_MINUTES} minutes (one day) before a call.` })
    .default(REMINDER_LEAD_DEFAULT_MINUTES),
  /** Empty: keep this laptop's id (or make a new one). */
  personId: personIdSchema.prefault(""),
});
