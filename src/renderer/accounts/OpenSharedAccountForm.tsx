/** Open an account a colleague shared by link; the node fetches it from the team sync server. */
import { useState } from "react";
import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { openAccountInputSchema } from "../../../shared/api";
import { check } from "../../../shared/validation/fields";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient } from "../sync/context";
import { navigate } from "../ui/route";

export function OpenSharedAccountForm({ onCancel }: { onCancel: () => void }) {
  const client = useClient();
  const [link, setLink] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    const checked = check(openAccountInputSchema, { link });
    if (!checked.ok) {
      setFieldError(checked.errors.link ?? checked.message);
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      const { documentId } = await client.api.openAccount({ link });
      void client.refresh();
      navigate({ page: "account", documentId });
    } catch (e) {
      if (e instanceof ApiRequestError && e.fields.link) setFieldError(e.fields.link);
      else setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="open-shared-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
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
              value={link}
              autoFocus
              error={fieldError}
              onChange={(e) => {
                setLink(e.currentTarget.value);
                if (fieldError) setFieldError(null);
              }}
              onKeyDown={(e) => {
                if (e.key === "Escape") onCancel();
              }}
              style={{ flex: 1, maxWidth: 560, minWidth: 0 }}
            />
            <Group gap="sm" mt={25} wrap="nowrap">
              <Button type="submit" loading={busy}>
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
