/** A titled part of a page (settings, import and export): a bordered section with its heading and a one-line explanation. */
import type { ReactNode } from "react";
import { Paper, Stack, Text, Title } from "@mantine/core";

export function PageSection({ id, title, hint, children }: { id: string; title: string; hint: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder radius="md" p="lg" aria-labelledby={id}>
      <Stack gap="md">
        <div>
          <Title order={2} id={id}>
            {title}
          </Title>
          <Text size="sm" c="dimmed" mt={2}>
            {hint}
          </Text>
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
