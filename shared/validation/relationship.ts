/** Field rules for the relationship after payment: satisfaction, referrals, opportunities. */
import { z } from "zod";
import { REFERRAL_STATUSES, SATISFACTION_MAX, SATISFACTION_MIN } from "../account/schema";
import { optionalDateSchema } from "./fields";
import { optionalText, requiredText } from "./text";

/** Longest notes or description in the relationship forms, in characters. */
export const RELATIONSHIP_TEXT_MAX = 4000;
/** Longest name typed for a person in the referral forms, in characters. */
export const PERSON_TEXT_MAX = 200;

const SCORE_MESSAGE = `The score is a whole number from ${SATISFACTION_MIN} to ${SATISFACTION_MAX}.`;

/** A satisfaction score, typed or sent as a number; empty means notes only. */
export const satisfactionScoreSchema = z
  .union([z.number(), z.string(), z.null()], { error: SCORE_MESSAGE })
  .transform((v, ctx) => {
    if (v === null || (typeof v === "string" && v.trim() === "")) return null;
    const n = typeof v === "number" ? v : /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isInteger(n) || n < SATISFACTION_MIN || n > SATISFACTION_MAX) {
      ctx.addIssue({ code: "custom", message: SCORE_MESSAGE });
      return z.NEVER;
    }
    return n;
  });

/** The satisfaction check form: a score, notes, or both. */
export const satisfactionInputSchema = z
  .object({
    score: satisfactionScoreSchema.prefault(""),
    notes: optionalText("The notes", RELATIONSHIP_TEXT_MAX).prefault(""),
  })
  .refine((s) => s.score !== null || s.notes !== "", { error: "Give a score or some notes.", path: ["score"] });

/** Asking for a referral. */
export const referralInputSchema = z.object({
  askedOf: requiredText("Who was asked", PERSON_TEXT_MAX),
  notes: optionalText("The notes", RELATIONSHIP_TEXT_MAX).prefault(""),
});

/** What came of a referral request: who they referred us to is needed when one was given. */
export const referralOutcomeInputSchema = z
  .object({
    status: z.enum(REFERRAL_STATUSES, { error: "Choose asked, given or declined." }),
    referredTo: optionalText("Who they referred you to", PERSON_TEXT_MAX).prefault(""),
  })
  .refine((r) => r.status !== "given" || r.referredTo !== "", { error: "Say who they referred you to.", path: ["referredTo"] });

/** The next opportunity. */
export const opportunityInputSchema = z.object({
  description: requiredText("The opportunity", RELATIONSHIP_TEXT_MAX),
  expectedDate: optionalDateSchema.prefault(""),
});
