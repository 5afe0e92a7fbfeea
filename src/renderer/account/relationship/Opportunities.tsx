/** The next sale this account may bring; can be noted at any time (the most important call is also the first call of the next sale). */
import { useState } from "react";
import { Button, Group, TextInput } from "@mantine/core";
import { check, newId, opportunityInputSchema, type OpportunityView } from "../../../../shared";
import { LiveTextField } from "../../ui/LiveTextField";
import { DateField } from "../../ui/DateField";
import { DateInputField } from "../../ui/DateInputField";
import classes from "./Relationship.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

export function Opportunities({ opportunities }: { opportunities: OpportunityView[]; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const [description, setDescription] = useState("");
  const [expectedDate, setExpectedDate] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <section aria-labelledby="opportunities-title" className={classes.block}>
      <h3 id="opportunities-title" className={classes.subTitle}>
        Next opportunity
      </h3>
      <ul className={`plain ${classes.items}`} aria-label="Opportunities">
        {opportunities.map((o) => (
          <li key={o.id} className={classes.item} data-item-id={o.id}>
            <Group gap="sm" align="flex-start" wrap="nowrap">
              <LiveTextField label="Opportunity" value={o.description} multiline disabled={readOnly} className={classes.grow} onChange={(d) => edit("editOpportunity", { id: o.id, description: d })} />
              <div className={classes.date}>
                <DateField label="Expected date" value={o.expectedDate} disabled={readOnly} onCommit={(d) => edit("editOpportunity", { id: o.id, expectedDate: d })} />
              </div>
              <Button variant="subtle" color="red" size="compact-sm" mt={6} aria-label="Remove opportunity" disabled={readOnly} onClick={() => edit("removeOpportunity", { id: o.id })}>
                Remove
              </Button>
            </Group>
          </li>
        ))}
      </ul>
      <form
        noValidate
        aria-label="Note an opportunity"
        onSubmit={(e) => {
          e.preventDefault();
          const r = check(opportunityInputSchema, { description, expectedDate });
          if (!r.ok) {
            setErrors(r.errors);
            return;
          }
          setErrors({});
          if (edit("addOpportunity", { id: newId(), ...r.value })) {
            setDescription("");
            setExpectedDate("");
          }
        }}
      >
        <Group gap="sm" align="flex-start" wrap="wrap">
          <TextInput aria-label="New opportunity" placeholder="e.g. A second site in Lyon next year" value={description} error={errors.description} disabled={readOnly} className={classes.grow} onChange={(e) => setDescription(e.currentTarget.value)} />
          <DateInputField label="Expected date" value={expectedDate} error={errors.expectedDate} disabled={readOnly} w={150} onChange={setExpectedDate} />
          <Button type="submit" variant="light" disabled={readOnly}>
            Note opportunity
          </Button>
        </Group>
      </form>
    </section>
  );
}
