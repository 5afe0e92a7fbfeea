/**
 * Mantine's DateInput as Baton's date field: a date is picked from a calendar or typed,
 * shown in the person's locale ("Mar 9, 2026") and handed over as YYYY-MM-DD.
 *
 * What was typed is never lost or guessed: it is read by `readDate` (the domain's date
 * rule, plus the locale's way of writing dates); text that does not read as a date is
 * handed over as typed, so the form or the live field can put its message next to the
 * field, and it stays in the field when the person leaves it (Mantine would put the last
 * date back and hide the mistake). A value set from outside (the other laptop, a form
 * cleared after saving, Escape) redraws the field with it.
 */
import { useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from "react";
import { DateInput } from "@mantine/dates";
import { isCalendarDate } from "../../../shared";
import { CALENDAR_LABELS, DATE_PLACEHOLDER } from "../words/dates";
import { calendarWords, readDate } from "./date-text";
import { localLocale } from "./locale";
import classes from "./DateInputField.module.css";

export interface DateInputFieldProps {
  label: string;
  /** Show the label above the field (otherwise it is the accessible name only). */
  showLabel?: boolean;
  /** The date as YYYY-MM-DD, "" for none, or the text typed when it is not a date. */
  value: string;
  /** Called as the person types or picks: YYYY-MM-DD, "" for an emptied field, or the text as typed. */
  onChange: (text: string) => void;
  error?: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
  placeholder?: string;
  /** The calendar offers no day before `minDate` or after `maxDate` (YYYY-MM-DD). */
  minDate?: string | null;
  maxDate?: string | null;
  className?: string;
  w?: number | string;
  onFocus?: (e: FocusEvent<HTMLInputElement>) => void;
  onBlur?: (e: FocusEvent<HTMLInputElement>) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
}

export function DateInputField(props: DateInputFieldProps) {
  const { label, showLabel, value, onChange, error, description, disabled, placeholder, minDate, maxDate, className, w, onFocus, onBlur, onKeyDown } = props;
  const locale = localLocale();
  const words = useMemo(() => calendarWords(locale), [locale]);
  const input = useRef<HTMLInputElement>(null);
  // What this field last handed over: any other value comes from outside and redraws it.
  const reported = useRef(value);
  const [generation, setGeneration] = useState(0);
  const refocus = useRef(false);
  // Whether the text in the field reads as a date (or is empty): only then may Mantine
  // rewrite it as the shown date when the field is left.
  const [readable, setReadable] = useState(true);

  useEffect(() => {
    if (value === reported.current) return;
    reported.current = value;
    refocus.current = document.activeElement === input.current;
    setReadable(true);
    setGeneration((g) => g + 1);
  }, [value]);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    input.current?.focus();
  }, [generation]);

  // Typing reaches here twice (the text as typed, and Mantine's reading of it): hand it over once.
  const report = (text: string) => {
    if (text === reported.current) return;
    reported.current = text;
    onChange(text);
  };

  return (
    <DateInput
      key={generation}
      ref={input}
      label={showLabel ? label : undefined}
      aria-label={showLabel ? undefined : label}
      description={description}
      error={error}
      placeholder={placeholder ?? DATE_PLACEHOLDER}
      defaultValue={isCalendarDate(value) ? value : null}
      valueFormat={words.shown}
      dateParser={(text) => {
        const read = readDate(text, locale);
        return read.ok ? read.value : null;
      }}
      onInput={(e) => {
        const text = e.currentTarget.value;
        const read = readDate(text, locale);
        // A date outside the calendar's range is not taken by Mantine either: keep it in view with its message.
        const inRange = read.ok && (!read.value || ((!minDate || read.value >= minDate) && (!maxDate || read.value <= maxDate)));
        setReadable(inRange);
        report(read.ok ? (read.value ?? "") : text);
      }}
      onChange={(date) => {
        setReadable(true);
        report(date ?? "");
      }}
      fixOnBlur={readable}
      allowDeselect
      minDate={minDate ?? undefined}
      maxDate={maxDate ?? undefined}
      disabled={disabled}
      className={className}
      w={w}
      spellCheck={false}
      firstDayOfWeek={words.firstDayOfWeek}
      monthLabelFormat={words.monthLabel}
      monthsListFormat={words.monthName}
      weekdayFormat={words.weekday}
      getDayAriaLabel={words.dayName}
      ariaLabels={CALENDAR_LABELS}
      classNames={{ day: classes.day }}
      onFocus={onFocus}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
    />
  );
}
