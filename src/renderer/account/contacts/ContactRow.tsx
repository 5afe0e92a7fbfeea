/** One contact at the customer: name, role, email and phone, checked next to the field. */
import { NativeSelect } from "@mantine/core";
import { check, contactInputSchema, emailSchema, phoneSchema, type ContactRole, type ContactView } from "../../../../shared";
import { LiveTextField } from "../../ui/LiveTextField";
import { CheckedField } from "../../ui/CheckedField";
import { CONTACT_ROLE_LABEL, optionsOf } from "../../words/lifecycle";
import { ItemActions } from "../../ui/ItemActions";
import lists from "../../ui/ItemList.module.css";
import classes from "./Contacts.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

export interface ContactRowProps {
  contact: ContactView;
  index: number;
  count: number;
  onRemove: () => void;
}

const nameError = (name: string) => {
  const r = check(contactInputSchema.shape.name, name);
  return r.ok ? null : r.message;
};

export function ContactRow({ contact: c, index, count, onRemove }: ContactRowProps) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  return (
    <li className={`${lists.row} ${classes.grid}`} data-item-id={c.id}>
      <LiveTextField
        label="Contact name"
        value={c.name}
        disabled={readOnly}
        dataControl="text"
        validate={nameError}
        onChange={(name) => edit("editContact", { id: c.id, name })}
      />
      <NativeSelect
        aria-label="Contact role"
        value={c.role}
        data={optionsOf(CONTACT_ROLE_LABEL)}
        disabled={readOnly}
        onChange={(e) => edit("editContact", { id: c.id, role: e.currentTarget.value as ContactRole })}
      />
      <CheckedField<string | null>
        label="Email"
        value={c.email ?? ""}
        placeholder="name@company.com"
        inputMode="email"
        disabled={readOnly}
        parse={(t) => check(emailSchema, t)}
        format={(v) => v ?? ""}
        onCommit={(email) => edit("editContact", { id: c.id, email })}
      />
      <CheckedField<string | null>
        label="Phone"
        value={c.phone ?? ""}
        placeholder="+49 30 1234567"
        inputMode="tel"
        disabled={readOnly}
        parse={(t) => check(phoneSchema, t)}
        format={(v) => v ?? ""}
        onCommit={(phone) => edit("editContact", { id: c.id, phone })}
      />
      <ItemActions
        itemId={c.id}
        index={index}
        count={count}
        removeLabel="Remove contact"
        disabled={readOnly}
        onMove={(toIndex) => edit("moveContact", { id: c.id, toIndex })}
        onRemove={onRemove}
      />
    </li>
  );
}
