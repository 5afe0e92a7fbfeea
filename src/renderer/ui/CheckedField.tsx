/**
 * A plain field for a fixed value (an email, a reference, an amount), checked as it is
 * typed (see useCheckedDraft): a valid value is written at once, a wrong one is never
 * written and gets a message next to the field. Dates have their own field (DateField).
 *
 * Unlike `LiveTextField` these values are replaced whole, not merged per character, so
 * the field simply follows the document whenever the person is not holding a wrong value.
 */
import type { ReactNode } from "react";
import { inputClass, PlainField } from "./PlainField";
import { useCheckedDraft } from "./use-checked-draft";

export interface CheckedFieldProps<T> {
  label: string;
  /** Show `label` above the field (otherwise it is the accessible name only). */
  showLabel?: boolean;
  /** The stored value as text ("" for none). */
  value: string;
  /** Read what was typed: the value to write, or a message for the person. */
  parse: (text: string) => { ok: true; value: T } | { ok: false; message: string };
  /** Write a valid value. Not called when it equals the stored one. */
  onCommit: (next: T) => void;
  /** How a parsed value reads back as text, to tell whether it changed. */
  format?: (value: T) => string;
  /**
   * Show a valid value as `format` writes it once the field is left, and follow the stored
   * value exactly while the field is not being edited (an amount: "18400" becomes "18,400.00").
   */
  formatOnBlur?: boolean;
  /** A standing problem with the stored value (e.g. two people's edits contradict); shown when the person's own draft is fine. */
  standingError?: string | null;
  placeholder?: string;
  description?: ReactNode;
  disabled?: boolean;
  className?: string;
  inputMode?: "text" | "decimal" | "email" | "tel";
  /** Wider than the default for long values. */
  w?: number | string;
}

export function CheckedField<T>(props: CheckedFieldProps<T>) {
  const { label, showLabel, value, parse, onCommit, format, formatOnBlur, standingError, placeholder, description, disabled, className, inputMode, w } = props;
  const field = useCheckedDraft({ value, parse, onCommit, format, formatOnBlur });

  return (
    <PlainField
      label={label}
      showLabel={showLabel}
      description={description}
      error={field.error ?? standingError ?? null}
      className={className}
      style={w === undefined ? undefined : { width: w }}
    >
      {(control) => (
        <input
          {...control}
          type="text"
          className={inputClass()}
          placeholder={placeholder}
          value={field.draft}
          disabled={disabled}
          autoComplete="off"
          spellCheck={false}
          inputMode={inputMode}
          onFocus={field.focus}
          onChange={(e) => field.change(e.currentTarget.value)}
          onBlur={field.blur}
          onKeyDown={(e) => field.keyDown(e.key)}
        />
      )}
    </PlainField>
  );
}
