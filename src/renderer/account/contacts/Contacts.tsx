/** The people at the customer, with their role in the decision: decision maker, functional owner, finance, others. */
import { Paper, Stack, Text } from "@mantine/core";
import type { ContactView } from "../../../../shared";
import { useNotices } from "../../ui/notices";
import { focusItemControl } from "../../ui/ItemActions";
import { SectionTitle } from "../../ui/SectionTitle";
import { AddContactForm } from "./AddContactForm";
import { ContactRow } from "./ContactRow";
import lists from "../../ui/ItemList.module.css";
import classes from "./Contacts.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

export function Contacts({ contacts }: { contacts: ContactView[]; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const { notify } = useNotices();
  const remove = (c: ContactView, index: number) => {
    if (!edit("removeContact", { id: c.id })) return;
    const next = contacts[index + 1] ?? contacts[index - 1];
    if (next) focusItemControl(next.id, "text");
    // A contact is a few fields: Undo adds it back as it was (under the same id).
    notify({
      message: `Contact removed: ${c.name || "(no name)"}.`,
      action: { label: "Undo", run: () => void edit("addContact", { id: c.id, name: c.name, role: c.role, email: c.email, phone: c.phone, notes: c.notes }) },
    });
  };
  return (
    <Paper component="section" withBorder radius="md" className={lists.section} aria-labelledby="contacts-title">
      <SectionTitle id="contacts-title" title="Contacts" count={contacts.length} hint="Who decides, who uses it, who pays: each with a role, email and phone." />
      <div className={`${lists.head} ${classes.grid}`} aria-hidden="true" hidden={contacts.length === 0}>
        <span>Name</span>
        <span>Role</span>
        <span>Email</span>
        <span>Phone</span>
        <span />
      </div>
      <ul className="plain" aria-label="Contacts">
        {contacts.map((c, i) => (
          <ContactRow key={c.id} contact={c} index={i} count={contacts.length} onRemove={() => remove(c, i)} />
        ))}
      </ul>
      <Stack gap="sm" className={lists.footer}>
        {contacts.length === 0 && (
          <Text size="sm" c="dimmed">
            No contacts yet. Start with the decision maker.
          </Text>
        )}
        <AddContactForm disabled={readOnly} />
      </Stack>
    </Paper>
  );
}
