/** First start: nothing else is shown until this install knows who is using it. */
import { Center, Paper, Stack, Text, Title } from "@mantine/core";
import { ProfileForm } from "./ProfileForm";

export function FirstStart() {
  return (
    <Center mih="100%" p="xl">
      <Paper withBorder radius="lg" p="xl" w="100%" maw={520} shadow="sm">
        <Stack gap="lg">
          <div>
            <Title order={1}>Welcome to Baton</Title>
            <Text c="dimmed" size="sm" mt={6}>
              Baton keeps the promises made to a customer in one place you and your delivery lead share. First, tell Baton who you
              are.
            </Text>
          </div>
          <ProfileForm profile={null} autoFocus />
        </Stack>
      </Paper>
    </Center>
  );
}
