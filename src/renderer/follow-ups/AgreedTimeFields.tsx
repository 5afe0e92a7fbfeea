/**
 * The agreed time: a date (picked from the calendar or typed), a time of day and the IANA
 * zone it was agreed in, picked from the zones this device knows by typing part of its
 * name ("new york"). What was typed and does not read as a date stays in the field, so the
 * form's message next to it names the mistake ("2026-02-30 does not exist on the calendar").
 */
import { useMemo, useReducer } from "react";
import { Group, Select, TextInput, type ComboboxItem, type OptionsFilter } from "@mantine/core";
import type { AgreedTimeFields as Fields } from "../../../shared";
import { DateInputField } from "../ui/DateInputField";
import { knownTimeZones, NO_SUCH_ZONE, zoneWords } from "../words/calls";
import classes from "./follow-ups.module.css";

export interface AgreedTimeFieldsProps {
  /** Names the fields: "Callback" gives "Callback date", "Callback time", "Callback time zone". */
  label: string;
  value: Fields;
  /** Called with the field that changed. */
  onChange: (patch: Partial<Fields>) => void;
  errors: Partial<Record<keyof Fields, string>>;
  disabled?: boolean;
}

/** Zones whose name holds what was typed, read with spaces or underscores alike ("new_york", "New York"). */
const zoneFilter: OptionsFilter = ({ options, search, limit }) => {
  const wanted = zoneWords(search).trim().toLowerCase();
  return (options as ComboboxItem[]).filter((o) => o.label.toLowerCase().includes(wanted)).slice(0, limit);
};

export function AgreedTimeFields({ label, value, onChange, errors, disabled }: AgreedTimeFieldsProps) {
  const zones = useMemo(() => knownTimeZones(), []);
  // A zone recorded elsewhere (an older alias such as Asia/Calcutta) stays choosable.
  const options = useMemo(
    () => (value.timeZone && !zones.includes(value.timeZone) ? [value.timeZone, ...zones] : zones).map((z) => ({ value: z, label: zoneWords(z) })),
    [zones, value.timeZone],
  );
  const set = onChange;
  const [, listMounted] = useReducer((n: number) => n + 1, 0);
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
      <Select
        label={`${label} time zone`}
        placeholder="e.g. Europe/Berlin"
        searchable
        data={options}
        filter={zoneFilter}
        limit={50}
        // The list itself scrolls (not a wrapper around it): the field's arrow keys move
        // through it, and checkers know a list a combobox controls needs no focus of its own.
        withScrollArea={false}
        classNames={{ options: classes.zones }}
        // Mantine keeps a closed list mounted: 50 hidden options, placed as the field mounts,
        // which reads the page's computed style mid-render — ~50–100 ms of every account's open.
        // Mounted on open instead. The field names its list (aria-controls, aria-expanded)
        // from an id the list records once mounted, read at the field's next render: hence
        // one more render right after opening.
        comboboxProps={{ keepMounted: false }}
        onDropdownOpen={() => setTimeout(listMounted, 0)}
        nothingFoundMessage={NO_SUCH_ZONE}
        value={value.timeZone || null}
        onChange={(timeZone) => set({ timeZone: timeZone ?? "" })}
        allowDeselect={false}
        error={errors.timeZone}
        disabled={disabled}
        w={240}
      />
    </Group>
  );
}
