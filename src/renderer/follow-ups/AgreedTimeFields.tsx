/**
 * The agreed time: a date (picked from the calendar or typed), a time of day and the IANA
 * zone it was agreed in. What was typed and does not read as a date stays in the field, so
 * the form's message next to it names the mistake ("2026-02-30 does not exist on the calendar").
 */
import { useMemo } from "react";
import { Autocomplete, Group, TextInput } from "@mantine/core";
import type { AgreedTimeFields as Fields } from "../../../shared";
import { DateInputField } from "../ui/DateInputField";
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
      <DateInputField label={`${label} date`} showLabel value={value.date} onChange={(date) => set({ date })} error={errors.date} disabled={disabled} w={170} />
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
