/** Add a risk: its kind, what could happen and how bad it would be; the rest is edited in the new row. */
import { useState } from "react";
import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { check, newId, riskInputSchema, type RiskKind, type RiskSeverity } from "../../../../shared";
import { RISK_KIND_LABEL, RISK_SEVERITY_LABEL, optionsOf } from "../../words/lifecycle";
import classes from "./Risks.module.css";
import { useEdit } from "../../document/hooks";

export function AddRiskForm({ disabled }: { disabled: boolean }) {
  const edit = useEdit();
  const [kind, setKind] = useState<RiskKind>("competitor");
  const [description, setDescription] = useState("");
  const [severity, setSeverity] = useState<RiskSeverity>("medium");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      aria-label="Add a risk"
      onSubmit={(e) => {
        e.preventDefault();
        const r = check(riskInputSchema, { kind, description, severity });
        if (!r.ok) {
          setError(r.errors.description ?? r.message);
          return;
        }
        setError(null);
        if (edit("addRisk", { id: newId(), ...r.value })) setDescription("");
      }}
    >
      <Group gap="sm" align="flex-start" wrap="wrap">
        <NativeSelect
          aria-label="Kind"
          value={kind}
          data={optionsOf(RISK_KIND_LABEL)}
          disabled={disabled}
          onChange={(e) => setKind(e.currentTarget.value as RiskKind)}
          w={220}
        />
        <TextInput
          aria-label="New risk"
          placeholder="What could cost the deal, e.g. “Competitor offered 10% less”"
          value={description}
          error={error}
          disabled={disabled}
          className={classes.addText}
          onChange={(e) => {
            setDescription(e.currentTarget.value);
            if (error) setError(null);
          }}
        />
        <NativeSelect
          aria-label="Severity"
          value={severity}
          data={optionsOf(RISK_SEVERITY_LABEL)}
          disabled={disabled}
          onChange={(e) => setSeverity(e.currentTarget.value as RiskSeverity)}
          w={110}
        />
        <Button type="submit" variant="light" disabled={disabled}>
          Add risk
        </Button>
      </Group>
    </form>
  );
}
