/** Shows the account's link so a colleague can open it through the team sync server. */
import { useState } from "react";
import { Button, CopyButton, Group, Popover, Stack, Text, TextInput } from "@mantine/core";
import { formatAccountLink } from "../../../shared/account-link";

export function ShareAccountButton({ documentId }: { documentId: string }) {
  const [open, setOpen] = useState(false);
  const link = formatAccountLink(documentId);
  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" width={420} trapFocus withArrow shadow="md">
      <Popover.Target>
        <Button variant="default" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          Share account
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm">
            Send this link to your colleague. They open it with <b>Open a shared account</b>; both of you need the team sync server set up in Settings.
          </Text>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput label="Account link" value={link} readOnly onFocus={(e) => e.currentTarget.select()} style={{ flex: 1 }} />
            <CopyButton value={link}>{({ copied, copy }) => <Button onClick={copy} variant="light">{copied ? "Copied" : "Copy"}</Button>}</CopyButton>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
