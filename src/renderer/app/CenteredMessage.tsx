/** A whole-window message: starting, cannot reach the node, and the like. */
import { Button, Center, Loader, Stack, Text, Title } from "@mantine/core";

export interface CenteredMessageProps {
  title: string;
  description?: string;
  loading?: boolean;
  action?: { label: string; run: () => void };
}

export function CenteredMessage({ title, description, loading, action }: CenteredMessageProps) {
  return (
    <Center h="100%" p="xl">
      <Stack align="center" gap="sm" maw={520} ta="center" role={loading ? undefined : "alert"}>
        {loading && <Loader size="sm" aria-hidden />}
        <Title order={1} size="h3">
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm" style={{ overflowWrap: "anywhere" }}>
            {description}
          </Text>
        )}
        {action && (
          <Button variant="default" onClick={action.run} mt="xs">
            {action.label}
          </Button>
        )}
      </Stack>
    </Center>
  );
}
