/** Concerns and signs of buyer's remorse the customer raised, noted during the call and resolved later. */
import { useState } from "react";
import { Button, Checkbox, Group, NativeSelect, Text, TextInput } from "@mantine/core";
import { check, concernInputSchema, newId, type ConcernKind, type ConcernView } from "../../../../shared";
import { LiveTextField } from "../../ui/LiveTextField";
import { CONCERN_KIND_LABEL, optionsOf } from "../../words/lifecycle";
import lists from "../../ui/ItemList.module.css";
import classes from "./MostImportantCall.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

function ConcernRow({ concern: c }: { concern: ConcernView; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  return (
    <li className={`${classes.concernRow} ${classes.concernGrid}`} data-item-id={c.id} data-resolved={c.resolved || undefined}>
      <NativeSelect
        aria-label="Kind of concern"
        value={c.kind}
        data={optionsOf(CONCERN_KIND_LABEL)}
        disabled={readOnly}
        onChange={(e) => edit("editConcern", { id: c.id, kind: e.currentTarget.value as ConcernKind })}
      />
      <LiveTextField
        label="Concern"
        value={c.text}
        multiline
        disabled={readOnly}
        dataControl="text"
        inputClassName={lists.textInput}
        validate={(t) => {
          const r = check(concernInputSchema.shape.text, t);
          return r.ok ? null : r.message;
        }}
        onChange={(text) => edit("editConcern", { id: c.id, text })}
      />
      <Checkbox
        label="Resolved"
        checked={c.resolved}
        disabled={readOnly}
        mt={8}
        onChange={(e) => edit("resolveConcern", { id: c.id, resolved: e.currentTarget.checked })}
      />
      <Button variant="subtle" color="red" size="compact-sm" mt={6} disabled={readOnly} aria-label="Remove concern" onClick={() => edit("removeConcern", { id: c.id })}>
        Remove
      </Button>
    </li>
  );
}

export function Concerns({ concerns, followUpId }: { concerns: ConcernView[]; followUpId: string | null; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const [kind, setKind] = useState<ConcernKind>("concern");
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="concerns-title" className={classes.block}>
      <Text component="h3" id="concerns-title" className={classes.subTitle}>
        Concerns and remorse signals
      </Text>
      <Text size="sm" c="dimmed" className={classes.subHint}>
        Anything the customer worries about, or second thoughts about the purchase. Deal with each before delivery starts.
      </Text>
      <ul className={`plain ${classes.concerns}`} aria-label="Concerns and remorse signals">
        {concerns.map((c) => (
          <ConcernRow key={c.id} concern={c} />
        ))}
      </ul>
      <form
        noValidate
        aria-label="Note a concern"
        className={classes.addConcern}
        onSubmit={(e) => {
          e.preventDefault();
          const r = check(concernInputSchema, { kind, text });
          if (!r.ok) {
            setError(r.errors.text ?? r.message);
            return;
          }
          setError(null);
          if (edit("addConcern", { id: newId(), ...r.value, followUpId })) setText("");
        }}
      >
        <Group gap="sm" align="flex-start" wrap="wrap">
          <NativeSelect aria-label="Kind" value={kind} data={optionsOf(CONCERN_KIND_LABEL)} disabled={readOnly} w={170} onChange={(e) => setKind(e.currentTarget.value as ConcernKind)} />
          <TextInput
            aria-label="New concern"
            placeholder="What the customer said, e.g. “Worried the team won't have time for training”"
            value={text}
            error={error}
            disabled={readOnly}
            className={classes.grow}
            onChange={(e) => {
              setText(e.currentTarget.value);
              if (error) setError(null);
            }}
          />
          <Button type="submit" variant="light" disabled={readOnly}>
            Note it
          </Button>
        </Group>
      </form>
    </section>
  );
}
