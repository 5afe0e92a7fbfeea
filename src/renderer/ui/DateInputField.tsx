/**
 * Baton's date field: a date is typed or picked from a calendar, shown in the person's
 * locale ("Mar 9, 2026") and handed over as YYYY-MM-DD.
 *
 * What was typed is never lost or guessed: it is read by `readDate` (the domain's date
 * rule, plus the locale's way of writing dates); text that does not read as a date is
 * handed over as typed, so the form or the live field can put its message next to the
 * field, and it stays in the field when the person leaves it. A value set from outside
 * (the other laptop, a form cleared after saving, Escape) redraws the text in place.
 *
 * Why not Mantine's DateInput: an account draws a hundred date fields, and each DateInput
 * mounted a Popover (floating-position hooks) and a hidden input — a fifth of opening an
 * account. Here the field is one plain input that stays the same element for its whole
 * life (focus, selection and anything holding it survive), and Mantine's Calendar is
 * mounted beside it only once the person opens it.
 */
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from "react";
import { Popover } from "@mantine/core";
import { Calendar } from "@mantine/dates";
import { isCalendarDate } from "../../../shared";
import { CALENDAR_LABELS, DATE_PLACEHOLDER } from "../words/dates";
import { calendarWords, readDate } from "./date-text";
import { localLocale } from "./locale";
import { inputClass, PlainField } from "./PlainField";
import classes from "./DateInputField.module.css";
import anchor from "./PopoverAnchor.module.css";

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
  const words = calendarWords(locale);
  const shownOf = (v: string) => (isCalendarDate(v) ? words.shown(v) : v);
  const [text, setText] = useState(() => shownOf(value));
  // What this field last handed over: any other value comes from outside and redraws the text.
  const reported = useRef(value);
  const [open, setOpen] = useState(false);
  // The calendar is mounted the first time it opens and kept (its month stays where it was).
  const [mounted, setMounted] = useState(false);
  const [month, setMonth] = useState<string | undefined>(isCalendarDate(value) ? value : undefined);

  useEffect(() => {
    if (value === reported.current) return;
    reported.current = value;
    setText(shownOf(value));
    if (isCalendarDate(value)) setMonth(value);
  }, [value]);

  const report = (next: string) => {
    if (next === reported.current) return;
    reported.current = next;
    onChange(next);
  };
  const inRange = (d: string) => (!minDate || d >= minDate) && (!maxDate || d <= maxDate);
  const show = () => {
    if (disabled) return;
    setMounted(true);
    setOpen(true);
  };
  const pick = (day: string) => {
    // Picking the chosen day again clears the field, as the calendar's selection toggles.
    const next = reported.current === day ? "" : day;
    setText(shownOf(next));
    report(next);
    setOpen(false);
  };

  return (
    <PlainField label={label} showLabel={showLabel} description={description} error={error} className={className} style={w === undefined ? undefined : { width: w }}>
      {(control) => (
        <div className={anchor.anchored}>
          <input
            {...control}
            className={inputClass("sm")}
            type="text"
            autoComplete="off"
            spellCheck={false}
            data-dates-input
            placeholder={placeholder ?? DATE_PLACEHOLDER}
            value={text}
            disabled={disabled}
            onChange={(e) => {
              const typed = e.currentTarget.value;
              setText(typed);
              show();
              const read = readDate(typed, locale);
              if (read.ok && read.value && inRange(read.value)) setMonth(read.value);
              report(read.ok ? (read.value ?? "") : typed);
            }}
            onFocus={(e) => {
              show();
              onFocus?.(e);
            }}
            onClick={show}
            onBlur={(e) => {
              setOpen(false);
              // Text that reads as a date in range is redrawn as the locale shows it; anything
              // else stays as typed, next to its message.
              const read = readDate(e.currentTarget.value, locale);
              if (read.ok && (!read.value || inRange(read.value))) setText(shownOf(read.value ?? ""));
              onBlur?.(e);
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") setOpen(false);
              onKeyDown?.(e);
            }}
          />
          {mounted && (
            // The input's focus decides: the dropdown keeps it (mouse down there is prevented), so
            // a click anywhere else blurs the input and closes the calendar; Escape is the input's.
            <Popover opened={open && !disabled} position="bottom-start" trapFocus={false} withRoles={false} shadow="md" closeOnClickOutside={false} closeOnEscape={false}>
              <Popover.Target>
                {/* The calendar is placed against the input's box, without wrapping the input. */}
                <div className={anchor.anchor} aria-hidden="true" />
              </Popover.Target>
              <Popover.Dropdown data-dates-dropdown onMouseDown={(e) => e.preventDefault()}>
                <Calendar
                  __preventFocus
                  date={month}
                  onDateChange={setMonth}
                  minDate={minDate ?? undefined}
                  maxDate={maxDate ?? undefined}
                  firstDayOfWeek={words.firstDayOfWeek}
                  monthLabelFormat={words.monthLabel}
                  monthsListFormat={words.monthName}
                  weekdayFormat={words.weekday}
                  getDayAriaLabel={words.dayName}
                  ariaLabels={CALENDAR_LABELS}
                  classNames={{ day: classes.day }}
                  getDayProps={(day) => ({ selected: reported.current === day, onClick: () => pick(day) })}
                />
              </Popover.Dropdown>
            </Popover>
          )}
        </div>
      )}
    </PlainField>
  );
}
