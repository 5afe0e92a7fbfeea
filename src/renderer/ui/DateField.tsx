/**
 * A date typed as YYYY-MM-DD. A valid date (or an emptied field, meaning "no date") is
 * written at once; a wrong one is never written and gets a message next to the field
 * when the person pauses, presses Enter or leaves the field.
 */
import { check, optionalDateSchema } from "../../../shared/validation/fields";
import { CheckedField } from "./CheckedField";

export interface DateFieldProps {
  label: string;
  showLabel?: boolean;
  value: string | null;
  onCommit: (next: string | null) => void;
  /** A cross-field rule, e.g. "ends before it starts". */
  validate?: (next: string | null) => string | null;
  /** A standing problem with the stored date (e.g. concurrent edits put it before another one). */
  standingError?: string | null;
  disabled?: boolean;
  className?: string;
}

export function DateField({ label, showLabel, value, onCommit, validate, standingError, disabled, className }: DateFieldProps) {
  return (
    <CheckedField<string | null>
      className={className}
      label={label}
      showLabel={showLabel}
      placeholder="YYYY-MM-DD"
      value={value ?? ""}
      disabled={disabled}
      standingError={standingError}
      format={(d) => d ?? ""}
      parse={(text) => {
        const parsed = check(optionalDateSchema, text);
        if (!parsed.ok) return parsed;
        const problem = validate?.(parsed.value) ?? null;
        return problem === null ? parsed : { ok: false, message: problem };
      }}
      onCommit={onCommit}
    />
  );
}
