/** How the call went: reached, voicemail or no answer, what was said and the next step. It lands on the timeline. */
import { useState } from "react";
import { Button, Group, Radio, Stack, Textarea, TextInput } from "@mantine/core";
import { callOutcomeInputSchema, check, newId, type CallOutcome } from "../../../../shared";
import { CALL_OUTCOME_LABEL } from "../../words/lifecycle";
import { useNotices } from "../../ui/notices";
import classes from "./MostImportantCall.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

export function MostImportantCallOutcomeForm({ followUpId }: { followUpId: string; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const { notify } = useNotices();
  const [outcome, setOutcome] = useState<CallOutcome | "">("");
  const [summary, setSummary] = useState("");
  const [nextStep, setNextStep] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form
      noValidate
      aria-labelledby="log-call-title"
      className={classes.block}
      onSubmit={(e) => {
        e.preventDefault();
        const r = check(callOutcomeInputSchema, { outcome, summary, nextStep });
        if (!r.ok) {
          setErrors(r.errors);
          return;
        }
        setErrors({});
        if (edit("logCallOutcome", { followUpId, activityId: newId(), ...r.value })) {
          setOutcome("");
          setSummary("");
          setNextStep("");
          notify({ message: "Call logged. It is on the timeline." });
        }
      }}
    >
      <h3 id="log-call-title" className={classes.subTitle}>
        Log the call
      </h3>
      <Stack gap="sm" mt="xs" maw={760}>
        <Radio.Group label="How the call went" value={outcome} onChange={(v) => setOutcome(v as CallOutcome)} error={errors.outcome} withAsterisk>
          <Group gap="lg" mt={6}>
            {(Object.keys(CALL_OUTCOME_LABEL) as CallOutcome[]).map((o) => (
              <Radio key={o} value={o} label={CALL_OUTCOME_LABEL[o]} disabled={readOnly} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label="What was said"
          placeholder="What the customer confirmed, questioned or asked for"
          autosize
          minRows={2}
          maxRows={8}
          value={summary}
          error={errors.summary}
          disabled={readOnly}
          onChange={(e) => setSummary(e.currentTarget.value)}
        />
        <TextInput
          label="Next step"
          placeholder="e.g. Send the training dates by Friday"
          value={nextStep}
          error={errors.nextStep}
          disabled={readOnly}
          onChange={(e) => setNextStep(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" disabled={readOnly}>
            Log the call
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
