/** A status as a native select (keyboard and screen readers know it), with a coloured dot. */
import { inputClass, PlainField, plainField } from "./PlainField";

export interface StatusSelectProps<S extends string> {
  label: string;
  /** Show `label` above the select (otherwise it is the accessible name only). */
  showLabel?: boolean;
  value: S;
  labels: Record<S, string>;
  colors: Record<S, string>;
  onChange: (next: S) => void;
  disabled?: boolean;
  className?: string;
}

export function StatusSelect<S extends string>({ label, showLabel, value, labels, colors, onChange, disabled, className }: StatusSelectProps<S>) {
  const options = (Object.keys(labels) as S[]).map((s) => ({ value: s, label: labels[s] }));
  // A value from a newer Baton still shows rather than silently becoming the first option.
  if (!options.some((o) => o.value === value)) options.push({ value, label: value });
  const color = colors[value] ?? "gray";
  return (
    <PlainField label={label} showLabel={showLabel} className={className}>
      {(control) => (
        <div className={plainField.control}>
          <span aria-hidden="true" className={plainField.dot} style={{ background: `var(--mantine-color-${color}-6)` }} />
          <select {...control} className={inputClass("sm", plainField.withDot)} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value as S)}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </PlainField>
  );
}

export const COMMITMENT_STATUS_COLOR = {
  proposed: "gray",
  agreed: "blue",
  "at-risk": "orange",
  delivered: "teal",
  dropped: "red",
} as const;

export const MILESTONE_STATUS_COLOR = {
  planned: "gray",
  "in-progress": "blue",
  done: "teal",
  blocked: "red",
} as const;
