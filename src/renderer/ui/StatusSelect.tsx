/** A status as a native select (keyboard and screen readers know it), with a coloured dot. */
import { NativeSelect } from "@mantine/core";

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
    <NativeSelect
      aria-label={showLabel ? undefined : label}
      label={showLabel ? label : undefined}
      className={className}
      value={value}
      data={options}
      disabled={disabled}
      onChange={(e) => onChange(e.currentTarget.value as S)}
      leftSection={<span aria-hidden="true" style={{ width: 8, height: 8, borderRadius: 4, background: `var(--mantine-color-${color}-6)` }} />}
      leftSectionWidth={26}
    />
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
