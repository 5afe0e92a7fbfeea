/**
 * Correct a call agreed with the customer: its reason, its notes and its agreed time.
 * Each correction is an attributed change (it shows on the timeline); the reason and the
 * notes merge with the other laptop's typing, the time is checked like a new one.
 */
import { useState } from "react";
import { Button, Group, Stack } from "@mantine/core";
import { check, decisionTextSchema, localDateOf, localTimeOf, rescheduleInputSchema, type FollowUpRecordView } from "../../../shared";
import { LiveTextField } from "../ui/LiveTextField";
import { useNotices } from "../ui/notices";
import { useEdit, useReadOnly } from "../document/hooks";
import { viewerTimeZone, whenWords } from "../words/calls";
import { CORRECT_WORDS } from "../words/corrections";
import { AgreedTimeFields } from "./AgreedTimeFields";

const messageOf = (r: { ok: true } | { ok: false; message: string }) => (r.ok ? null : r.message);

export function CorrectFollowUp({ call, onDone }: { call: FollowUpRecordView; onDone: () => void }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const { notify } = useNotices();
  const [draft, setDraft] = useState(() => ({ date: localDateOf(call.agreedTime, call.timeZone), time: localTimeOf(call.agreedTime, call.timeZone), timeZone: call.timeZone }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const moved = draft.date !== localDateOf(call.agreedTime, call.timeZone) || draft.time !== localTimeOf(call.agreedTime, call.timeZone) || draft.timeZone !== call.timeZone;

  return (
    <Stack gap="sm" role="group" aria-label={CORRECT_WORDS.callGroup}>
      <LiveTextField label={CORRECT_WORDS.reason} showLabel value={call.reason} multiline disabled={readOnly} validate={(t) => messageOf(check(decisionTextSchema, t))} onChange={(reason) => edit("editFollowUp", { id: call.id, reason })} />
      <LiveTextField label={CORRECT_WORDS.notes} showLabel value={call.notes} multiline disabled={readOnly} validate={(t) => messageOf(check(decisionTextSchema, t))} onChange={(notes) => edit("editFollowUp", { id: call.id, notes })} />
      <form
        noValidate
        aria-label={CORRECT_WORDS.timeForm}
        onSubmit={(e) => {
          e.preventDefault();
          if (!moved) return onDone();
          const r = check(rescheduleInputSchema(new Date().toISOString()), draft);
          if (!r.ok) return setErrors(r.errors);
          if (edit("rescheduleFollowUp", { id: call.id, ...r.value })) {
            notify({ message: CORRECT_WORDS.moved(whenWords(r.value.agreedTime, viewerTimeZone())) });
            onDone();
          }
        }}
      >
        <Group gap="sm" align="flex-end">
          <AgreedTimeFields
            label={CORRECT_WORDS.agreed}
            value={draft}
            errors={errors}
            disabled={readOnly}
            onChange={(patch) => {
              setDraft((d) => ({ ...d, ...patch }));
              setErrors((x) => Object.fromEntries(Object.entries(x).filter(([k]) => !(k in patch))));
            }}
          />
          <Group gap="xs" mb={errors.date || errors.time || errors.timeZone ? 22 : 0}>
            <Button type="submit" size="sm" disabled={readOnly}>
              {moved ? CORRECT_WORDS.saveTime : CORRECT_WORDS.done}
            </Button>
            <Button variant="subtle" color="gray" size="sm" onClick={onDone}>
              {CORRECT_WORDS.close}
            </Button>
          </Group>
        </Group>
      </form>
    </Stack>
  );
}
