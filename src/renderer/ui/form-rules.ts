/**
 * The create and dialog forms are Mantine forms (`@mantine/form`) checked with the domain's
 * own schemas: the same rules and words as the sync node's API, one message per field.
 */
import type { z } from "zod";
import { check } from "../../../shared";

/** A Mantine form's `validate`: the schema's first message for each field that is wrong. */
export function domainRules<T>(schema: () => z.ZodType<T, unknown>): (values: unknown) => Record<string, string> {
  return (values) => {
    const checked = check(schema(), values);
    return checked.ok ? {} : checked.errors;
  };
}

/** The domain's reading of values the form already checked (trimmed text, parsed dates). */
export function domainValue<T>(schema: z.ZodType<T, unknown>, values: unknown): T {
  const checked = check(schema, values);
  if (!checked.ok) throw new Error(`form values the form itself passed are refused: ${checked.message}`);
  return checked.value;
}
