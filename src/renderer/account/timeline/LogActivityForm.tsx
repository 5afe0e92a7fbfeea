/** Log a call, meeting or note on the timeline, as of now. */
import { useState } from "react";
import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { activityInputSchema, check, newId, type ActivityKind } from "../../../../shared";
import { nowIso } from "../../ui/clock";
import classes from "./Timeline.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

const KINDS: { value: ActivityKind; label: string }[] = [
  { value: "note", label: "Note" },
  { value: "call", label: "Call" },
  { value: "meeting", label: "Meeting" },
];

export function LogActivityForm() {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const [kind, setKind] = useState<ActivityKind>("note");
  const [summary, setSummary] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      aria-label="Log an entry"
      onSubmit={(e) => {
        e.preventDefault();
        const r = check(activityInputSchema, { kind, summary, at: nowIso() });
        if (!r.ok) {
          setError(r.errors.summary ?? r.message);
          return;
        }
        setError(null);
        if (edit("logActivity", { id: newId(), ...r.value })) setSummary("");
      }}
    >
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <NativeSelect aria-label="Kind" value={kind} data={KINDS} disabled={readOnly} w={120} onChange={(e) => setKind(e.currentTarget.value as ActivityKind)} />
        <TextInput
          aria-label="What happened"
          placeholder="Log a call, meeting or note, e.g. “Called Maria: training dates agreed”"
          value={summary}
          error={error}
          disabled={readOnly}
          className={classes.grow}
          onChange={(e) => {
            setSummary(e.currentTarget.value);
            if (error) setError(null);
          }}
        />
        <Button type="submit" variant="light" disabled={readOnly}>
          Log it
        </Button>
      </Group>
    </form>
  );
}
