/** Field rules for the customer's requirements. */
import { z } from "zod";
import { REQUIREMENT_SOURCES } from "../account/schema";
import { optionalText, requiredText } from "./text";

/** Longest requirement, in characters. */
export const REQUIREMENT_TEXT_MAX = 2000;
/** Longest source reference, in characters. */
export const SOURCE_REFERENCE_MAX = 200;

/** Where a requirement came from. */
export const requirementSourceSchema = z.enum(REQUIREMENT_SOURCES, { error: "Choose where the requirement came from: call note, email, quote or proposal." });

/** The requirement form. */
export const requirementInputSchema = z.object({
  text: requiredText("The requirement", REQUIREMENT_TEXT_MAX),
  source: requirementSourceSchema,
  sourceReference: optionalText("The source reference", SOURCE_REFERENCE_MAX).prefault(""),
});
/** A checked requirement form. */
export type RequirementInput = z.output<typeof requirementInputSchema>;
