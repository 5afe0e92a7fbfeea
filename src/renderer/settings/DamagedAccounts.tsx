/** Accounts the node could not read, by name, with the reason and whether they were restored since. */
import { Badge, Group, Stack, Text } from "@mantine/core";
import type { DamagedAccount } from "../../../shared";
import { sentence } from "../words/labels";
import { RestoreFromBackup } from "../damage/RestoreFromBackup";

export function DamagedAccounts({ damaged }: { damaged: DamagedAccount[] }) {
  if (damaged.length === 0)
    return (
      <Text size="sm" c="dimmed">
        None. Every account on this device reads correctly.
      </Text>
    );
  return (
    <ul className="plain" aria-label="Damaged accounts">
      <Stack gap="sm">
        {damaged.map((d) => (
          <li key={d.documentId}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="md">
              <div style={{ minWidth: 0 }}>
                <Text fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                  {d.name ?? `Unnamed account (${d.documentId})`}
                </Text>
                <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {sentence(d.reason)}
                </Text>
                <RestoreFromBackup damaged={d} />
              </div>
              {d.restored ? (
                <Badge color="teal" variant="light" style={{ flexShrink: 0 }}>
                  Restored
                </Badge>
              ) : (
                <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
                  Damaged
                </Badge>
              )}
            </Group>
          </li>
        ))}
      </Stack>
    </ul>
  );
}
