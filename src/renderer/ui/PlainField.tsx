/**
 * The frame of a plain field: an optional visible label and description, the control,
 * and a message under it wired for screen readers (`aria-invalid`, `aria-describedby`).
 * Used by the fields that repeat down long lists (see PlainField.module.css).
 */
import { useId, type CSSProperties, type ReactNode } from "react";
import classes from "./PlainField.module.css";

export { classes as plainField };

export interface ControlProps {
  id: string;
  "aria-label"?: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

export interface PlainFieldProps {
  label: string;
  /** Show the label above the control; otherwise it is the accessible name only. */
  showLabel?: boolean;
  description?: ReactNode;
  error?: ReactNode;
  className?: string;
  style?: CSSProperties;
  /** Draws the control with the ids and ARIA attributes the frame gives it. */
  children: (control: ControlProps) => ReactNode;
}

export function PlainField({ label, showLabel, description, error, className, style, children }: PlainFieldProps) {
  const id = useId();
  const described = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={className ? `${classes.root} ${className}` : classes.root} style={style}>
      {showLabel && (
        <label className={classes.label} htmlFor={id}>
          {label}
        </label>
      )}
      {description && (
        <p className={classes.description} id={`${id}-description`}>
          {description}
        </p>
      )}
      {children({
        id,
        "aria-label": showLabel ? undefined : label,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {error && (
        <p className={classes.error} id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Class names for a plain input of a size. */
export function inputClass(size: "xs" | "sm" | "lg" = "sm", extra?: string): string {
  return [classes.input, size === "sm" ? null : classes[size], extra].filter(Boolean).join(" ");
}
