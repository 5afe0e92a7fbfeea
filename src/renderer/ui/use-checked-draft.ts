/**
 * The draft of a field for a fixed value (a date, an email, a reference, an amount): what
 * is typed is checked as it is typed; a valid value (or an emptied field, meaning "none")
 * is written at once; a wrong one is never written and gets its message when the person
 * pauses, presses Enter or leaves the field. Escape puts the stored value back.
 *
 * These values are replaced whole, not merged per character, so the draft simply follows
 * the document whenever the person is not holding a wrong value. CheckedField and
 * DateField draw it.
 */
import { useEffect, useRef, useState } from "react";

export interface CheckedDraftOptions<T> {
  /** The stored value as text ("" for none). */
  value: string;
  /** Read what was typed: the value to write, or a message for the person. */
  parse: (text: string) => { ok: true; value: T } | { ok: false; message: string };
  /** Write a valid value. Not called when it equals the stored one. */
  onCommit: (next: T) => void;
  /** How a parsed value reads back as text, to tell whether it changed. */
  format?: (value: T) => string;
  /** Show a valid value as `format` writes it once the field is left; follow the stored value exactly while not editing. */
  formatOnBlur?: boolean;
}

const PAUSE_MS = 900;

export function useCheckedDraft<T>({ value, parse, onCommit, format, formatOnBlur }: CheckedDraftOptions<T>) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const editing = useRef(false);
  const shown = (v: T) => (format ? format(v) : String(v ?? ""));

  // Follow the document (the other laptop, or our own write) unless the person holds a wrong
  // value, or the draft already means the stored value ("1 000" for 1000: keep what they typed).
  useEffect(() => {
    if (error !== null) return;
    setDraft((d) => {
      if (d === value) return d;
      if (formatOnBlur && !editing.current) return value;
      const parsed = parse(d);
      return parsed.ok && shown(parsed.value) === value ? d : value;
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
      if (shown(parsed.value) !== value) onCommit(parsed.value);
    } else {
      setError(parsed.message);
      timer.current = setTimeout(() => setVisible(true), PAUSE_MS);
    }
  };

  return {
    draft,
    /** The message to show now (after a pause, Enter or leaving the field). */
    error: visible ? error : null,
    change(text: string) {
      setDraft(text);
      evaluate(text);
    },
    focus() {
      editing.current = true;
    },
    blur() {
      editing.current = false;
      if (error) setVisible(true);
      else if (formatOnBlur) {
        const parsed = parse(draft);
        if (parsed.ok) setDraft(shown(parsed.value));
      }
    },
    keyDown(key: string) {
      if (key === "Enter" && error) setVisible(true);
      if (key === "Escape" && error) {
        setError(null);
        setVisible(false);
        setDraft(value);
      }
    },
  };
}
