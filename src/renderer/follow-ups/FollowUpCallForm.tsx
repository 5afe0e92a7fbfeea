/**
 * The outcome of a follow-up call. Voicemail shows the script (you called as promised,
 * your number, when you will try again) and schedules the retry; no answer schedules
 * the retry; reached asks for what was said, the next step that advances the sale and,
 * unless the customer decided, the next agreed time.
 */
import { useEffect, useMemo, useState } from "react";
import { Button, Checkbox, Group, Radio, Stack, Text, Textarea, TextInput } from "@mantine/core";
import {
  checkAgreedTime,
  newId,
  NEXT_STEP_KINDS,
  NEXT_STEP_WORDS,
  voicemailScript,
  type CallOutcome,
  type FollowUpGuide,
  type NextStepKind,
} from "../../../shared";
import { useClient, useProfile } from "../sync/context";
import { ApiRequestError } from "../sync/api";
import { useNotices } from "../ui/notices";
import { AgreedTimeFields } from "./AgreedTimeFields";
import { viewerTimeZone, whenWords } from "../words/calls";
import classes from "./call-guide.module.css";
import { useEdit } from "../document/hooks";
import { CALL_OUTCOME_LABEL } from "../words/lifecycle";
import { callCommand, emptyCallDraft, withOutcome } from "./call-draft";
import type { CallDraft } from "./call-draft";

const SUBMIT: Record<CallOutcome, string> = {
  reached: "Log the call",
  voicemail: "Log voicemail and schedule the retry",
  "no-answer": "Log no answer and schedule the retry",
};

export function FollowUpCallForm({ guide, now }: { guide: FollowUpGuide; now: number }) {
  const edit = useEdit();
  const client = useClient();
  const profile = useProfile();
  const { notify } = useNotices();
  const { call } = guide;
  const [draft, setDraft] = useState<CallDraft>(() => emptyCallDraft(call));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [number, setNumber] = useState("");
  const [numberError, setNumberError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.api
      .reminders()
      .then((r) => live && setNumber(r.callbackNumber))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client]);

  const set = (patch: Partial<CallDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };

  const chooseOutcome = (outcome: CallOutcome) => {
    const next = withOutcome(draft, outcome, call, new Date(now).toISOString());
    set({ outcome: next.outcome, nextDate: next.nextDate, nextTime: next.nextTime, nextTimeZone: next.nextTimeZone });
  };

  const retryInstant = useMemo(() => {
    const r = checkAgreedTime({ date: draft.nextDate, time: draft.nextTime, timeZone: draft.nextTimeZone }, new Date(now).toISOString());
    return r.ok ? r.instant : null;
  }, [draft.nextDate, draft.nextTime, draft.nextTimeZone, now]);

  const script = useMemo(
    () => voicemailScript({ contactName: guide.contact?.name ?? null, callerName: profile.name, callbackNumber: number, agreedTime: call.agreedTime, timeZone: call.timeZone, retryTime: retryInstant }),
    [guide.contact, profile.name, number, call.agreedTime, call.timeZone, retryInstant],
  );

  const saveNumber = async () => {
    try {
      const r = await client.api.saveCallbackNumber({ callbackNumber: number });
      setNumber(r.callbackNumber);
      setNumberError(null);
    } catch (e) {
      setNumberError(e instanceof ApiRequestError ? (e.fields.callbackNumber ?? e.message) : String(e));
    }
  };

  const outcome = draft.outcome;
  return (
    <form
      noValidate
      aria-label="Log the call"
      onSubmit={(e) => {
        e.preventDefault();
        const command = callCommand(draft, call, { by: profile, at: new Date().toISOString(), newId });
        if (!command.ok) {
          setErrors(command.errors);
          return;
        }
        const v = command.args;
        if (!edit("logFollowUpCall", v)) return;
        const when = v.next ? whenWords(v.next.agreedTime, viewerTimeZone()) : null;
        notify({ message: `${CALL_OUTCOME_LABEL[v.outcome]} — logged on the timeline.${when ? ` ${v.outcome === "reached" ? "Next call" : "Next try"}: ${when} (your time).` : ""}` });
      }}
    >
      <Stack gap="md">
        <Radio.Group label="Outcome" value={outcome ?? ""} onChange={(v) => chooseOutcome(v as CallOutcome)} error={errors.outcome}>
          <Group gap="lg" mt={6}>
            <Radio value="reached" label="Reached" />
            <Radio value="voicemail" label="Left a voicemail" />
            <Radio value="no-answer" label="No answer" />
          </Group>
        </Radio.Group>

        {outcome === "voicemail" && (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              Say this
            </Text>
            <blockquote className={classes.script} aria-label="Voicemail script">
              {script}
            </blockquote>
            <TextInput
              label="Your number"
              description="Said on the voicemail; kept on this device for your next calls."
              value={number}
              onChange={(e) => {
                setNumber(e.currentTarget.value);
                setNumberError(null);
              }}
              onBlur={() => void saveNumber()}
              error={numberError}
              inputMode="tel"
              w={280}
            />
          </Stack>
        )}

        {outcome === "reached" && (
          <Stack gap="sm">
            <Textarea label="What was said" value={draft.summary} onChange={(e) => set({ summary: e.currentTarget.value })} error={errors.summary} autosize minRows={2} />
            <Radio.Group label="Next step that advances the sale" value={draft.nextStepKind ?? ""} onChange={(v) => set({ nextStepKind: v as NextStepKind })} error={errors.nextStepKind}>
              <Stack gap={6} mt={6}>
                {NEXT_STEP_KINDS.map((k) => (
                  <Radio key={k} value={k} label={NEXT_STEP_WORDS[k]} />
                ))}
              </Stack>
            </Radio.Group>
            <TextInput label="Next step details" placeholder="e.g. “Send the TCO sheet to Jana and the CFO by Friday”" value={draft.nextStep} onChange={(e) => set({ nextStep: e.currentTarget.value })} error={errors.nextStep} />
            <Checkbox label="The customer decided — no further call" checked={draft.decided} onChange={(e) => set({ decided: e.currentTarget.checked })} />
          </Stack>
        )}

        {outcome && outcome !== "reached" && (
          <Textarea label="Note (optional)" value={draft.summary} onChange={(e) => set({ summary: e.currentTarget.value })} error={errors.summary} autosize minRows={1} />
        )}

        {outcome && !(outcome === "reached" && draft.decided) && (
          <div>
            <Text size="sm" fw={600} mb={4}>
              {outcome === "reached" ? "Next agreed call" : "When you will try again"}
            </Text>
            <AgreedTimeFields
              label={outcome === "reached" ? "Next call" : "Retry"}
              value={{ date: draft.nextDate, time: draft.nextTime, timeZone: draft.nextTimeZone }}
              errors={{ date: errors.nextDate, time: errors.nextTime, timeZone: errors.nextTimeZone }}
              onChange={(p) => set({ ...(p.date !== undefined ? { nextDate: p.date } : {}), ...(p.time !== undefined ? { nextTime: p.time } : {}), ...(p.timeZone !== undefined ? { nextTimeZone: p.timeZone } : {}) })}
            />
            {retryInstant && viewerTimeZone() !== draft.nextTimeZone.trim() && (
              <Text size="xs" c="dimmed" mt={4}>
                That is {whenWords(retryInstant, viewerTimeZone())} your time.
              </Text>
            )}
          </div>
        )}

        <Group>
          <Button type="submit" disabled={!outcome}>
            {outcome ? SUBMIT[outcome] : "Log the call"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
