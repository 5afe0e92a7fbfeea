/**
 * The outcome of a follow-up call. Voicemail shows the script (you called as promised,
 * your number, when you will try again) and schedules the retry; no answer schedules
 * the retry; reached asks for what was said, the next step that advances the sale and,
 * unless the customer decided, the next agreed time.
 */
import { useEffect, useMemo, useState } from "react";
import { Button, Checkbox, Group, Radio, Stack, Text, Textarea, TextInput } from "@mantine/core";
import {
  check,
  checkAgreedTime,
  logCallInputSchema,
  newId,
  NEXT_STEP_KINDS,
  NEXT_STEP_WORDS,
  suggestedRetry,
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

interface Draft {
  outcome: CallOutcome | null;
  summary: string;
  nextStepKind: NextStepKind | null;
  nextStep: string;
  decided: boolean;
  nextDate: string;
  nextTime: string;
  nextTimeZone: string;
}

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
  const [draft, setDraft] = useState<Draft>({ outcome: null, summary: "", nextStepKind: null, nextStep: "", decided: false, nextDate: "", nextTime: "", nextTimeZone: call.timeZone });
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

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };

  const chooseOutcome = (outcome: CallOutcome) => {
    if (outcome === "reached") set({ outcome, nextDate: "", nextTime: "", nextTimeZone: call.timeZone });
    else {
      // The retry: the next business day at the same time, in the zone agreed with the customer.
      const retry = suggestedRetry(call.agreedTime, call.timeZone, new Date(now).toISOString());
      set({ outcome, nextDate: retry.date, nextTime: retry.time, nextTimeZone: retry.timeZone });
    }
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
      const r = await client.api.saveCallbackNumber(number);
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
        const at = new Date().toISOString();
        const r = check(logCallInputSchema(at), { ...draft, outcome: draft.outcome ?? "" });
        if (!r.ok) {
          setErrors(r.errors);
          return;
        }
        const v = r.value;
        const ok = edit("logFollowUpCall", {
          followUpId: call.id,
          outcome: v.outcome,
          summary: v.summary,
          nextStepKind: v.nextStepKind,
          nextStep: v.nextStep,
          next: v.next ? { id: newId(), ...v.next } : null,
          activityId: newId(),
          by: profile,
          at,
        });
        if (!ok) return;
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
