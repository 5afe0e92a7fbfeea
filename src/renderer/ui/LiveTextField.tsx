/**
 * A text field bound live to a document field: every keystroke goes through a command
 * (so two people typing in the same field merge character by character), and when the
 * other laptop's edit changes the text, the caret stays where the person left it.
 *
 * The input is uncontrolled on purpose: React would move the caret to the end when it
 * rewrites `value`; here the DOM value is updated by hand with the caret remapped.
 * An invalid value (e.g. emptied) is not written: a message shows next to the field
 * and leaving the field puts the stored text back.
 */
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from "react";
import { useChangeFeed } from "./change-feed";
import { mapSelection, rebaseEdit } from "./caret";
import { inputClass, PlainField } from "./PlainField";

export interface LiveTextFieldProps {
  /** Accessible name; shown as a visible label only with `showLabel`. */
  label: string;
  showLabel?: boolean;
  value: string;
  onChange: (next: string) => void;
  /** A message when `next` must not be written. */
  validate?: (next: string) => string | null;
  multiline?: boolean;
  disabled?: boolean;
  placeholder?: string;
  size?: "xs" | "sm" | "lg";
  className?: string;
  style?: CSSProperties;
  inputClassName?: string;
  /** Marks the input for focus helpers (`data-control`). */
  dataControl?: string;
  /** A multiline field that wraps but never holds a line break (e.g. a long name). */
  noLineBreaks?: boolean;
  /**
   * The stored text right now (read from the document, not from the last render). When the
   * other laptop's typing has reached the document but not yet this field, a keystroke is
   * applied to the stored text as a splice, so neither side's characters are lost.
   */
  current?: () => string | undefined;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

export function LiveTextField(props: LiveTextFieldProps) {
  const { label, showLabel, value, onChange, validate, multiline, disabled, placeholder, size = "sm", className, style, inputClassName, dataControl, noLineBreaks, current } = props;
  const ref = useRef<Field>(null);
  const [error, setError] = useState<string | null>(null);
  // While the person holds an invalid value, remote edits wait so their typing is not lost.
  const holding = useRef(false);
  const composing = useRef(false);
  const shown = useRef(value);

  /** Show `text` (the stored value), keeping the caret where the person left it. */
  const showStored = (text: string) => {
    const el = ref.current;
    if (!el || holding.current || composing.current) return;
    if (el.value === text) {
      shown.current = text;
      return;
    }
    if (document.activeElement === el && el.selectionStart !== null && el.selectionEnd !== null) {
      const sel = mapSelection(el.value, text, { start: el.selectionStart, end: el.selectionEnd });
      el.value = text;
      el.setSelectionRange(sel.start, sel.end);
    } else {
      el.value = text;
    }
    shown.current = text;
  };
  // The stored text right now when the field can read it: a redraw runs at lower priority
  // and may carry a text older than what was typed since; it must never put that back.
  const sync = () => showStored(current?.() ?? value);
  useLayoutEffect(sync);

  // With `current`, the field follows the document itself: the other laptop's typing shows
  // the moment it arrives, without waiting for the page to redraw (which runs at lower
  // priority). The redraw then finds the field already showing the stored text.
  const changes = useChangeFeed();
  const currentRef = useRef(current);
  currentRef.current = current;
  const hasCurrent = current !== undefined;
  useEffect(() => {
    if (!changes || !hasCurrent) return;
    return changes(() => {
      const read = currentRef.current;
      const stored = read?.();
      // undefined: the item is gone (removed on the other laptop); the redraw removes the row.
      if (stored !== undefined) showStored(stored);
    });
    // showStored only touches refs; subscribing once per feed is the point.
  }, [changes, hasCurrent]);

  const handleChange = (typed: string) => {
    if (composing.current) return;
    const next = noLineBreaks ? typed.replace(/\r?\n/g, " ") : typed;
    const problem = validate?.(next) ?? null;
    setError(problem);
    holding.current = problem !== null;
    if (problem !== null) return;
    // What the field showed before this keystroke, and what is stored now: they differ when
    // the other laptop's edit reached the document but not yet this field.
    const before = shown.current;
    shown.current = next;
    const stored = current?.() ?? value;
    const merged = stored === before ? next : rebaseEdit(before, next, stored);
    if (merged !== stored) onChange(merged);
  };

  const events = {
    onChange: (e: React.ChangeEvent<Field>) => handleChange(e.currentTarget.value),
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: (e: React.CompositionEvent<Field>) => {
      composing.current = false;
      handleChange(e.currentTarget.value);
    },
    onKeyDown: (e: React.KeyboardEvent<Field>) => {
      if (noLineBreaks && e.key === "Enter") e.preventDefault();
    },
    onBlur: () => {
      if (holding.current) {
        holding.current = false;
        setError(null);
        sync();
      }
    },
  };

  return (
    <PlainField label={label} showLabel={showLabel} error={error} className={className} style={style}>
      {(control) => {
        const common = { ...control, ...events, defaultValue: value, disabled, placeholder, "data-control": dataControl, className: inputClass(size, inputClassName) };
        return multiline ? (
          <textarea {...common} ref={ref as React.Ref<HTMLTextAreaElement>} rows={1} />
        ) : (
          <input {...common} type="text" ref={ref as React.Ref<HTMLInputElement>} />
        );
      }}
    </PlainField>
  );
}
