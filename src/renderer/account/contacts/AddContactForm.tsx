/** Add a contact: name and role required, email and phone checked; each message next to its field. */
import { useState } from "react";
import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { check, contactInputSchema, newId, type ContactRole } from "../../../../shared";
import { CONTACT_ROLE_LABEL, optionsOf } from "../../words/lifecycle";
import classes from "./Contacts.module.css";
import { useEdit } from "../../document/hooks";

const EMPTY = { name: "", role: "decision-maker" as ContactRole, email: "", phone: "" };

export function AddContactForm({ disabled }: { disabled: boolean }) {
  const edit = useEdit();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const field = (key: "name" | "email" | "phone") => ({
    value: form[key],
    error: errors[key],
    disabled,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [key]: value }));
      if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest);
    },
  });
  return (
    <form
      noValidate
      aria-label="Add a contact"
      onSubmit={(e) => {
        e.preventDefault();
        const r = check(contactInputSchema, form);
        if (!r.ok) {
          setErrors(r.errors);
          return;
        }
        setErrors({});
        if (edit("addContact", { id: newId(), ...r.value })) setForm((f) => ({ ...EMPTY, role: f.role }));
      }}
    >
      <Group gap="sm" align="flex-start" wrap="wrap">
        <TextInput aria-label="Name" placeholder="Name" className={classes.addName} {...field("name")} />
        <NativeSelect
          aria-label="Role"
          value={form.role}
          data={optionsOf(CONTACT_ROLE_LABEL)}
          disabled={disabled}
          onChange={(e) => {
            const role = e.currentTarget.value as ContactRole;
            setForm((f) => ({ ...f, role }));
          }}
          w={190}
        />
        <TextInput aria-label="Email" placeholder="Email (optional)" inputMode="email" className={classes.addField} {...field("email")} />
        <TextInput aria-label="Phone" placeholder="Phone (optional)" inputMode="tel" className={classes.addField} {...field("phone")} />
        <Button type="submit" variant="light" disabled={disabled}>
          Add contact
        </Button>
      </Group>
    </form>
  );
}
