/** Field rules for risks. */
import { z } from "zod";
import { RISK_KINDS, RISK_SEVERITIES, RISK_STATUSES } from "../account/schema";
import { ownerSchema } from "./fields";
import { optionalText, requiredText } from "./text";

/** Longest risk description or mitigation, in characters. */
export const RISK_TEXT_MAX = 2000;

/** The risk form. */
export const riskInputSchema = z.object({
  kind: z.enum(RISK_KINDS, { error: "Choose the kind of risk." }),
  description: requiredText("The risk", RISK_TEXT_MAX),
  severity: z.enum(RISK_SEVERITIES, { error: "Choose low, medium or high." }).default("medium"),
  mitigation: optionalText("The mitigation", RISK_TEXT_MAX).prefault(""),
  status: z.enum(RISK_STATUSES, { error: "Choose open, mitigated or closed." }).default("open"),
  owner: ownerSchema.prefault(""),
});
/** A checked risk form. */
export type RiskInput = z.output<typeof riskInputSchema>;
