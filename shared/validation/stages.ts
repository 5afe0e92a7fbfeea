/** Field rules for stage moves and the order checks. */
import { z } from "zod";
import { CREDIT_CHECK_RESULTS, STAGES } from "../account/schema";
import { optionalDateSchema } from "./fields";
import { optionalText } from "./text";

/** Longest reason for a stage move, in characters. */
export const STAGE_REASON_MAX = 1000;

/** The stage-move form: the reason is required for lost and cancelled (open items are checked by `moveStage`). */
export const stageMoveInputSchema = z
  .object({
    to: z.enum(STAGES, { error: "Choose a stage." }),
    reason: optionalText("The reason", STAGE_REASON_MAX).prefault(""),
  })
  .superRefine((m, ctx) => {
    if (m.to === "lost" && !m.reason) ctx.addIssue({ code: "custom", message: "Say why the account was lost.", path: ["reason"] });
    if (m.to === "cancelled" && !m.reason) ctx.addIssue({ code: "custom", message: "Say why the order was cancelled.", path: ["reason"] });
  });
/** A checked stage-move form. */
export type StageMoveInput = z.output<typeof stageMoveInputSchema>;

/** The result of the credit check. */
export const creditCheckSchema = z.enum(CREDIT_CHECK_RESULTS, { error: "Choose pending, passed or failed." });

/** The delivery date supply confirmed; empty withdraws it. */
export const supplyDateSchema = optionalDateSchema;
