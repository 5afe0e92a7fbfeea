/**
 * A live date of the account (a due date, a milestone's end, the invoice date): picked
 * from the calendar or typed, shown in the person's locale, stored as YYYY-MM-DD. A valid
 * date (or an emptied field, meaning "no date") is written at once; a wrong one — not on
 * the calendar, or breaking a rule between fields — is never written and gets a message
 * next to the field when the person pauses, presses Enter or leaves the field.
 */
import { useCheckedDraft } from "./use-checked-draft";
import { readDate } from "./date-text";
import { DateInputField } from "./DateInputField";
import { localLocale } from "./locale";

export interface DateFieldProps {
  label: string;
  showLabel?: boolean;
  value: string | null;
  onCommit: (next: string | null) => void;
  /** A cross-field rule, e.g. "ends before it starts". */
  validate?: (next: string | null) => string | null;
  /** A standing problem with the stored date (e.g. concurrent edits put it before another one). */
  standingError?: string | null;
  /** The calendar offers no day outside these (YYYY-MM-DD); typed, such a day gets `validate`'s message. */
  minDate?: string | null;
  maxDate?: string | null;
  disabled?: boolean;
  className?: string;
}

export function DateField({ label, showLabel, value, onCommit, validate, standingError, minDate, maxDate, disabled, className }: DateFieldProps) {
  const locale = localLocale();
  const field = useCheckedDraft<string | null>({
    value: value ?? "",
    format: (d) => d ?? "",
    parse: (text) => {
      const read = readDate(text, locale);
      if (!read.ok) return read;
      const problem = validate?.(read.value) ?? null;
      return problem === null ? read : { ok: false, message: problem };
    },
    onCommit,
  });
  return (
    <DateInputField
      label={label}
      showLabel={showLabel}
      value={field.draft}
      onChange={field.change}
      error={field.error ?? standingError ?? null}
      minDate={minDate}
      maxDate={maxDate}
      disabled={disabled}
      className={className}
      onFocus={field.focus}
      onBlur={field.blur}
      onKeyDown={(e) => field.keyDown(e.key)}
    />
  );
}
