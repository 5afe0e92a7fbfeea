/**
 * A field for a fixed value (a date, an email, a reference, an amount): what is typed is
 * checked as it is typed; a valid value (or an emptied field, meaning "none") is written
 * at once; a wrong one is never written and gets a message next to the field when the
 * person pauses, presses Enter or leaves the field. Escape puts the stored value back.
 *
 * Unlike `LiveTextField` these values are replaced whole, not merged per character, so
 * the field simply follows the document whenever the person is not holding a wrong value.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { inputClass, PlainField } from "./PlainField";

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

const PAUSE_MS = 900;

export function CheckedField<T>(props: CheckedFieldProps<T>) {
  const { label, showLabel, value, parse, onCommit, format, formatOnBlur, standingError, placeholder, description, disabled, className, inputMode, w } = props;
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const editing = useRef(false);

  // Follow the document (the other laptop, or our own write) unless the person holds a wrong
  // value, or the draft already means the stored value ("1 000" for 1000: keep what they typed).
  useEffect(() => {
    if (error !== null) return;
    setDraft((d) => {
      if (d === value) return d;
      if (formatOnBlur && !editing.current) return value;
      const parsed = parse(d);
      return parsed.ok && (format ? format(parsed.value) : String(parsed.value ?? "")) === value ? d : value;
    });
    // `parse` and `format` are rules, not data: following `value` is what matters here.
  }, [value, error]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const evaluate = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    const parsed = parse(text);
    if (parsed.ok) {
      setError(null);
      setVisible(false);
      const shown = format ? format(parsed.value) : String(parsed.value ?? "");
      if (shown !== value) onCommit(parsed.value);
    } else {
      setError(parsed.message);
      timer.current = setTimeout(() => setVisible(true), PAUSE_MS);
    }
  };

  return (
    <PlainField
      label={label}
      showLabel={showLabel}
      description={description}
      error={(visible ? error : null) ?? standingError ?? null}
      className={className}
      style={w === undefined ? undefined : { width: w }}
    >
      {(control) => (
        <input
          {...control}
          type="text"
          className={inputClass()}
          placeholder={placeholder}
          value={draft}
          disabled={disabled}
          autoComplete="off"
          spellCheck={false}
          inputMode={inputMode}
          onFocus={() => {
            editing.current = true;
          }}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            evaluate(e.currentTarget.value);
          }}
          onBlur={() => {
            editing.current = false;
            if (error) setVisible(true);
            else if (formatOnBlur) {
              const parsed = parse(draft);
              if (parsed.ok) setDraft(format ? format(parsed.value) : String(parsed.value ?? ""));
            }
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && error) setVisible(true);
            if (e.key === "Escape" && error) {
              setError(null);
              setVisible(false);
              setDraft(value);
            }
          }}
        />
      )}
    </PlainField>
  );
}
