/**
 * "Agree a callback": the follow-up record a rep leaves a call with when the prospect
 * did not decide — the reason (the real objection), the precise agreed time in a named
 * zone (the device's zone by default), and notes. Feedback and the decision process sit
 * next to it as live fields (FollowUpsSection). Nothing wrong is saved: each field says
 * what is wrong with it.
 */
import { Button, Group, NativeSelect, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { check, followUpInputSchema, newId, SCHEDULABLE_PURPOSES, type SchedulablePurpose } from "../../../shared";
import { useProfile } from "../sync/context";
import { useNotices } from "../ui/notices";
import { AgreedTimeFields } from "./AgreedTimeFields";
import { PURPOSE_LABEL, viewerTimeZone, whenWords } from "../words/calls";
import { useEdit } from "../document/hooks";
import { domainRules } from "../ui/form-rules";

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
  // Checked as of the moment of saving: an agreed time must still be in the future then.
  const form = useForm<Draft>({
    initialValues: empty(),
    validate: domainRules(() => followUpInputSchema(new Date().toISOString())),
  });
  // One field at a time, so that a field's message goes when the person changes that field.
  const set = (patch: Partial<Draft>) => {
    for (const [key, value] of Object.entries(patch)) form.setFieldValue(key as keyof Draft, value);
  };
  const errors = form.errors as Partial<Record<keyof Draft, string>>;

  return (
    <form
      noValidate
      aria-label="Agree a callback"
      onSubmit={form.onSubmit((draft) => {
        // Read again as of now: a moment has passed since the check.
        const checked = check(followUpInputSchema(new Date().toISOString()), draft);
        if (!checked.ok) {
          form.setErrors(checked.errors);
          return;
        }
        const v = checked.value;
        const ok = edit("recordFollowUp", { id: newId(), purpose: v.purpose, agreedTime: v.agreedTime, timeZone: v.timeZone, reason: v.reason, notes: v.notes, by: profile, at: new Date().toISOString() });
        if (!ok) return;
        notify({ message: `${PURPOSE_LABEL[v.purpose]} agreed for ${whenWords(v.agreedTime, viewerTimeZone())} (your time).` });
        form.setValues(empty());
        form.clearErrors();
        onDone?.();
      })}
    >
      <Stack gap="sm">
        <Group gap="sm" align="flex-start" wrap="wrap">
          <NativeSelect
            label="Kind of call"
            data={SCHEDULABLE_PURPOSES.map((p) => ({ value: p, label: PURPOSE_LABEL[p] }))}
            value={form.values.purpose}
            onChange={(e) => set({ purpose: e.currentTarget.value as SchedulablePurpose })}
            disabled={disabled}
            w={200}
          />
          <Textarea
            label="Reason for the callback"
            description="The real objection: what stops them deciding today."
            placeholder="e.g. “The price is above this quarter's budget”"
            value={form.values.reason}
            onChange={(e) => set({ reason: e.currentTarget.value })}
            error={errors.reason}
            disabled={disabled}
            rows={1}
            classNames={{ input: "grows" }}
            style={{ flex: 1, minWidth: 280 }}
          />
        </Group>
        <AgreedTimeFields label="Callback" value={form.values} onChange={(t) => set(t)} errors={errors} disabled={disabled} />
        <Textarea
          label="Notes for the call"
          description="What was discussed (goals, options presented) and what is to happen before the call."
          value={form.values.notes}
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
