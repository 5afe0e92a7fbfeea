/**
 * The agreed time: a date, a time of day and the IANA zone it was agreed in — three
 * plain fields, so that "next week" or 30 February can be typed and get a clear message
 * next to the field (a date picker would hide the mistake instead of naming it).
 */
import { useMemo } from "react";
import { Autocomplete, Group, TextInput } from "@mantine/core";
import type { AgreedTimeFields as Fields } from "../../../shared";
import { knownTimeZones } from "../words/calls";

export interface AgreedTimeFieldsProps {
  /** Names the fields: "Callback" gives "Callback date", "Callback time", "Callback time zone". */
  label: string;
  value: Fields;
  /** Called with the field that changed. */
  onChange: (patch: Partial<Fields>) => void;
  errors: Partial<Record<keyof Fields, string>>;
  disabled?: boolean;
}

export function AgreedTimeFields({ label, value, onChange, errors, disabled }: AgreedTimeFieldsProps) {
  const zones = useMemo(() => knownTimeZones(), []);
  const set = onChange;
  return (
    <Group gap="sm" align="flex-start" wrap="wrap">
      <TextInput
        label={`${label} date`}
        placeholder="YYYY-MM-DD"
        value={value.date}
        onChange={(e) => set({ date: e.currentTarget.value })}
        error={errors.date}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        w={170}
      />
      <TextInput
        label={`${label} time`}
        placeholder="HH:MM"
        value={value.time}
        onChange={(e) => set({ time: e.currentTarget.value })}
        error={errors.time}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        w={140}
      />
      <Autocomplete
        label={`${label} time zone`}
        placeholder="e.g. Europe/Berlin"
        data={zones}
        limit={12}
        value={value.timeZone}
        onChange={(timeZone) => set({ timeZone })}
        error={errors.timeZone}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        w={240}
      />
    </Group>
  );
}
