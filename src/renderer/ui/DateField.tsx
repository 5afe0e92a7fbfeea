/**
 * A date typed as YYYY-MM-DD. A valid date (or an emptied field, meaning "no date") is
 * written at once; a wrong one is never written and gets a message next to the field
 * when the person pauses, presses Enter or leaves the field.
 */
import { useEffect, useRef, useState } from "react";
import { TextInput } from "@mantine/core";
import { check, optionalDateSchema } from "../../../shared/validation/fields";

export interface DateFieldProps {
  label: string;
  showLabel?: boolean;
  value: string | null;
  onCommit: (next: string | null) => void;
  /** A cross-field rule, e.g. "ends before it starts". */
  validate?: (next: string | null) => string | null;
  disabled?: boolean;
  className?: string;
}

const PAUSE_MS = 900;

export function DateField({ label, showLabel, value, onCommit, validate, disabled, className }: DateFieldProps) {
  const [draft, setDraft] = useState(value ?? "");
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Follow the document (the other laptop, or our own write) unless the person holds a wrong value.
  useEffect(() => {
    if (error === null) setDraft(value ?? "");
  }, [value, error]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const evaluate = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    const parsed = check(optionalDateSchema, text);
    const problem = parsed.ok ? (validate?.(parsed.value) ?? null) : parsed.message;
    setError(problem);
    if (problem === null) {
      setVisible(false);
      if (parsed.ok && parsed.value !== value) onCommit(parsed.value);
    } else {
      timer.current = setTimeout(() => setVisible(true), PAUSE_MS);
    }
  };

  return (
    <TextInput
      className={className}
      label={showLabel ? label : undefined}
      aria-label={showLabel ? undefined : label}
      placeholder="YYYY-MM-DD"
      value={draft}
      disabled={disabled}
      error={visible ? error : null}
      autoComplete="off"
      spellCheck={false}
      onChange={(e) => {
        setDraft(e.currentTarget.value);
        evaluate(e.currentTarget.value);
      }}
      onBlur={() => {
        if (error) setVisible(true);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" && error) setVisible(true);
        if (e.key === "Escape" && error) {
          setError(null);
          setVisible(false);
          setDraft(value ?? "");
        }
      }}
    />
  );
}
