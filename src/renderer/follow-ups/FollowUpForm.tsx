/**
 * "Agree a callback": the follow-up record a rep leaves a call with when the prospect
 * did not decide — the reason (the real objection), the precise agreed time in a named
 * zone (the device's zone by default), and notes. Feedback and the decision process sit
 * next to it as live fields (FollowUpsSection). Nothing wrong is saved: each field says
 * what is wrong with it.
 */
import { useState } from "react";
import { Button, Group, Select, Stack, Textarea } from "@mantine/core";
import { check, followUpInputSchema, newId, SCHEDULABLE_PURPOSES, type SchedulablePurpose } from "../../../shared";
import { useProfile } from "../sync/context";
import { useNotices } from "../ui/notices";
import { AgreedTimeFields } from "./AgreedTimeFields";
import { PURPOSE_LABEL, viewerTimeZone, whenWords } from "../words/calls";
import { useEdit } from "../document/hooks";

interface Draft {
  purpose: SchedulablePurpose;
  reason: string;
  notes: string;
  date: string;
  time: string;
  timeZone: string;
}

const empty = (): Draft => ({ purpose: "follow-up", reason: "", notes: "", date: "", time: "", timeZone: viewerTimeZone() });

export function FollowUpForm({ disabled, onDone }: { disabled: boolean; onDone?: () => void }) {
  const edit = useEdit();
  const profile = useProfile();
  const { notify } = useNotices();
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // A field's message goes when the person changes that field.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };

  return (
    <form
      noValidate
      aria-label="Agree a callback"
      onSubmit={(e) => {
        e.preventDefault();
        const r = check(followUpInputSchema(new Date().toISOString()), draft);
        if (!r.ok) {
          setErrors(r.errors);
          return;
        }
        const v = r.value;
        const ok = edit("recordFollowUp", { id: newId(), purpose: v.purpose, agreedTime: v.agreedTime, timeZone: v.timeZone, reason: v.reason, notes: v.notes, by: profile, at: new Date().toISOString() });
        if (!ok) return;
        notify({ message: `${PURPOSE_LABEL[v.purpose]} agreed for ${whenWords(v.agreedTime, viewerTimeZone())} (your time).` });
        setDraft(empty());
        setErrors({});
        onDone?.();
      }}
    >
      <Stack gap="sm">
        <Group gap="sm" align="flex-start" wrap="wrap">
          <Select
            label="Kind of call"
            data={SCHEDULABLE_PURPOSES.map((p) => ({ value: p, label: PURPOSE_LABEL[p] }))}
            value={draft.purpose}
            onChange={(v) => v && set({ purpose: v as SchedulablePurpose })}
            allowDeselect={false}
            disabled={disabled}
            w={200}
          />
          <Textarea
            label="Reason for the callback"
            description="The real objection: what stops them deciding today."
            placeholder="e.g. “The price is above this quarter's budget”"
            value={draft.reason}
            onChange={(e) => set({ reason: e.currentTarget.value })}
            error={errors.reason}
            disabled={disabled}
            rows={1}
            classNames={{ input: "grows" }}
            style={{ flex: 1, minWidth: 280 }}
          />
        </Group>
        <AgreedTimeFields label="Callback" value={draft} onChange={(t) => set(t)} errors={errors} disabled={disabled} />
        <Textarea
          label="Notes for the call"
          description="What was discussed (goals, options presented) and what is to happen before the call."
          value={draft.notes}
          onChange={(e) => set({ notes: e.currentTarget.value })}
          error={errors.notes}
          disabled={disabled}
          rows={2}
          classNames={{ input: "grows grows-2" }}
        />
        <Group gap="sm">
          <Button type="submit" disabled={disabled}>
            Save follow-up
          </Button>
          {onDone && (
            <Button variant="subtle" color="gray" onClick={onDone}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
