/** Open an account a colleague shared by link; the node fetches it from the team sync server. */
import { useState } from "react";
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { openAccountInputSchema } from "../../../shared/api";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient } from "../sync/context";
import { domainRules } from "../ui/form-rules";
import { navigate } from "../ui/route";

export function OpenSharedAccountForm({ onCancel }: { onCancel: () => void }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { link: "" },
    validate: domainRules(() => openAccountInputSchema),
  });

  const submit = form.onSubmit(async ({ link }) => {
    setError(null);
    try {
      const { documentId } = await client.api.openAccount({ link });
      void client.refresh();
      navigate({ page: "account", documentId });
    } catch (e) {
      if (e instanceof ApiRequestError && e.fields.link) form.setFieldError("link", e.fields.link);
      else setError(messageOf(e));
    }
  });

  return (
    <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="open-shared-title">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <div>
            <Title order={2} id="open-shared-title">
              Open a shared account
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              Paste the link a colleague copied with Share account. Baton fetches the account from your team sync server.
            </Text>
          </div>
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              label="Account link"
              placeholder="baton:account/…"
              autoFocus
              {...form.getInputProps("link")}
              onKeyDown={(e) => {
                if (e.key === "Escape") onCancel();
              }}
              style={{ flex: 1, maxWidth: 560, minWidth: 0 }}
            />
            <Group gap="sm" mt={25} wrap="nowrap">
              <Button type="submit" loading={form.submitting}>
                Open account
              </Button>
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            </Group>
          </Group>
          {error && (
            <Alert color="red" variant="light" role="alert" title="The account was not opened">
              {error}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
