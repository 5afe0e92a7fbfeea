/** A section's heading with a count (for a list) and a one-line explanation. */
import { memo } from "react";
import { Badge, Group, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import classes from "./ItemList.module.css";

export const SectionTitle = memo(function SectionTitle({ id, title, count, hint, right }: { id: string; title: string; count?: number; hint: string; right?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" className={classes.title} wrap="nowrap">
      <div>
        <Group gap={8} align="center">
          <Title order={2} id={id}>
            {title}
          </Title>
          {count !== undefined && (
            <Badge variant="light" color="gray" radius="sm">
              {count}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed" mt={2}>
          {hint}
        </Text>
      </div>
      {right}
    </Group>
  );
});
