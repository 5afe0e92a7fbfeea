/** Add a requirement with where it came from; messages next to the fields, focus stays for the next one. */
import { memo, useState } from "react";
import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { check, newId, requirementInputSchema, type RequirementSource } from "../../../../shared";
import { REQUIREMENT_SOURCE_LABEL, optionsOf } from "../../words/lifecycle";
import classes from "./Requirements.module.css";
import { useEdit } from "../../document/hooks";

export const AddRequirementForm = memo(function AddRequirementForm({ disabled }: { disabled: boolean }) {
  const edit = useEdit();
  const [text, setText] = useState("");
  const [source, setSource] = useState<RequirementSource>("call-note");
  const [reference, setReference] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form
      noValidate
      aria-label="Add a requirement"
      onSubmit={(e) => {
        e.preventDefault();
        const r = check(requirementInputSchema, { text, source, sourceReference: reference });
        if (!r.ok) {
          setErrors(r.errors);
          return;
        }
        setErrors({});
        if (edit("addRequirement", { id: newId(), ...r.value })) {
          setText("");
          setReference("");
        }
      }}
    >
      <Group gap="sm" align="flex-start" wrap="wrap" className={classes.addForm}>
        <TextInput
          aria-label="New requirement"
          placeholder="What the customer needs, e.g. “Works with our SAP system”"
          value={text}
          error={errors.text}
          disabled={disabled}
          onChange={(e) => {
            setText(e.currentTarget.value);
            if (errors.text) setErrors({});
          }}
          className={classes.addText}
        />
        <NativeSelect
          aria-label="Source"
          value={source}
          data={optionsOf(REQUIREMENT_SOURCE_LABEL)}
          disabled={disabled}
          onChange={(e) => setSource(e.currentTarget.value as RequirementSource)}
          w={140}
        />
        <TextInput
          aria-label="Source reference"
          placeholder="e.g. Call of 3 Mar"
          value={reference}
          error={errors.sourceReference}
          disabled={disabled}
          onChange={(e) => setReference(e.currentTarget.value)}
          w={190}
        />
        <Button type="submit" variant="light" disabled={disabled}>
          Add requirement
        </Button>
      </Group>
    </form>
  );
});
