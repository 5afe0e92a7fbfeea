/**
 * The one-line "add" form under a list: type what, press Enter or the button; the rest
 * (dates, owner, status) is edited in the new row. Focus stays here for the next one.
 */
import { memo, useState } from "react";
import { Button, Group, TextInput } from "@mantine/core";

export interface AddItemFormProps {
  fieldLabel: string;
  buttonLabel: string;
  placeholder: string;
  disabled: boolean;
  /** A message when `text` cannot be added. */
  validate: (text: string) => string | null;
  /** Returns false when the add failed (the text is kept). */
  onAdd: (text: string) => boolean;
}

export const AddItemForm = memo(function AddItemForm({ fieldLabel, buttonLabel, placeholder, disabled, validate, onAdd }: AddItemFormProps) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const problem = validate(text);
        setError(problem);
        if (problem === null && onAdd(text.trim())) setText("");
      }}
    >
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <TextInput
          aria-label={fieldLabel}
          placeholder={placeholder}
          value={text}
          error={error}
          disabled={disabled}
          onChange={(e) => {
            setText(e.currentTarget.value);
            if (error) setError(null);
          }}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Button type="submit" variant="light" disabled={disabled}>
          {buttonLabel}
        </Button>
      </Group>
    </form>
  );
});
