/**
 * Checking one field of the order or payment form against the whole form: the field's
 * draft is merged with the stored values of the others, so a rule between fields (paid
 * before invoiced) stops the edit that breaks it, with the message on that field.
 * A problem that was already there before this edit (two people's edits meeting) does
 * not block unrelated fields; it is shown where it is.
 */
import type { z } from "zod";
import { check } from "../../../../shared";

export type FieldCheck<V> = { ok: true; value: V } | { ok: false; message: string };

export function checkField<Form extends Record<string, unknown>, K extends keyof Form & string>(
  schema: z.ZodType<Form, unknown>,
  stored: Record<string, string>,
  field: K,
  text: string,
  /** Problems reported on these other fields never block this one (e.g. "give the currency" while typing a value). */
  lenient: readonly string[] = [],
): FieldCheck<Form[K]> {
  const merged = check(schema, { ...stored, [field]: text });
  if (merged.ok) return { ok: true, value: merged.value[field] };
  const before = check(schema, stored);
  const already = new Set(before.ok ? [] : Object.keys(before.errors));
  const own = merged.errors[field];
  if (own) return { ok: false, message: own };
  const caused = Object.entries(merged.errors).find(([k]) => !already.has(k) && !lenient.includes(k));
  if (caused) return { ok: false, message: caused[1] };
  // Only problems elsewhere: read this field on its own.
  const alone = check((schema as unknown as { shape: Record<string, z.ZodType> }).shape[field] as z.ZodType<Form[K], unknown>, text);
  return alone.ok ? alone : { ok: false, message: alone.message };
}
