/** Satisfaction checks after payment: a score from 1 to 5, notes, or both. */
import { useState } from "react";
import { Button, Group, NativeSelect, Text, TextInput } from "@mantine/core";
import { check, newId, SATISFACTION_MAX, SATISFACTION_MIN, satisfactionInputSchema, type SatisfactionCheckView } from "../../../../shared";
import { LiveTextField } from "../../ui/LiveTextField";
import { formatDay } from "../../words/labels";
import classes from "./Relationship.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

const SCORES = [
  { value: "", label: "No score" },
  ...Array.from({ length: SATISFACTION_MAX - SATISFACTION_MIN + 1 }, (_, i) => {
    const n = SATISFACTION_MIN + i;
    return { value: String(n), label: `${n} of ${SATISFACTION_MAX}${n === SATISFACTION_MIN ? " (very unhappy)" : n === SATISFACTION_MAX ? " (very happy)" : ""}` };
  }),
];

export function Satisfaction({ checks, open }: { checks: SatisfactionCheckView[]; open: boolean; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const [score, setScore] = useState("");
  const [notes, setNotes] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const disabled = readOnly || !open;
  return (
    <section aria-labelledby="satisfaction-title" className={classes.block}>
      <h3 id="satisfaction-title" className={classes.subTitle}>
        Satisfaction
      </h3>
      <ul className={`plain ${classes.items}`} aria-label="Satisfaction checks">
        {checks.map((c) => (
          <li key={c.id} className={classes.item} data-item-id={c.id}>
            <Group gap="sm" align="flex-start" wrap="nowrap">
              <NativeSelect
                aria-label="Score"
                value={c.score === null ? "" : String(c.score)}
                data={SCORES}
                disabled={readOnly}
                w={170}
                onChange={(e) => edit("editSatisfaction", { id: c.id, score: e.currentTarget.value ? Number(e.currentTarget.value) : null })}
              />
              <LiveTextField label="Satisfaction notes" value={c.notes} placeholder="Notes" multiline disabled={readOnly} className={classes.grow} onChange={(n) => edit("editSatisfaction", { id: c.id, notes: n })} />
              <Button variant="subtle" color="red" size="compact-sm" mt={6} aria-label="Remove satisfaction check" disabled={readOnly} onClick={() => edit("removeSatisfaction", { id: c.id })}>
                Remove
              </Button>
            </Group>
            <Text size="xs" c="dimmed" mt={2}>
              {c.by?.name ?? "Someone"}, {formatDay(c.at)}
            </Text>
          </li>
        ))}
      </ul>
      <form
        noValidate
        aria-label="Record a satisfaction check"
        onSubmit={(e) => {
          e.preventDefault();
          const r = check(satisfactionInputSchema, { score, notes });
          if (!r.ok) {
            setErrors(r.errors);
            return;
          }
          setErrors({});
          if (edit("recordSatisfaction", { id: newId(), ...r.value })) {
            setScore("");
            setNotes("");
          }
        }}
      >
        <Group gap="sm" align="flex-start" wrap="wrap">
          <NativeSelect aria-label="Score" value={score} data={SCORES} error={errors.score} disabled={disabled} w={170} onChange={(e) => setScore(e.currentTarget.value)} />
          <TextInput aria-label="Notes" placeholder="What the customer said" value={notes} error={errors.notes} disabled={disabled} className={classes.grow} onChange={(e) => setNotes(e.currentTarget.value)} />
          <Button type="submit" variant="light" disabled={disabled}>
            Record satisfaction
          </Button>
        </Group>
      </form>
    </section>
  );
}
