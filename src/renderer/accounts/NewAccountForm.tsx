/** Create an account by name; the node creates the document and Baton opens it. */
import { useState } from "react";
import { Alert, Button, Group, Paper, Stack, TextInput, Title } from "@mantine/core";
import { accountNameSchema, check } from "../../../shared/validation/fields";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient } from "../sync/context";
import { navigate } from "../ui/route";

export function NewAccountForm({ onCancel }: { onCancel: () => void }) {
  const client = useClient();
  const [name, setName] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    const checked = check(accountNameSchema, name);
    if (!checked.ok) {
      setFieldError(checked.message);
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      const { documentId } = await client.api.createAccount({ name: checked.value });
      void client.refresh();
      navigate({ page: "account", documentId });
    } catch (e) {
      if (e instanceof ApiRequestError && e.fields.name) setFieldError(e.fields.name);
      else setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="new-account-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Title order={2} id="new-account-title">
            New account
          </Title>
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              label="Account name"
              placeholder="e.g. Northwind Traders"
              value={name}
              autoFocus
              error={fieldError}
              onChange={(e) => {
                setName(e.currentTarget.value);
                if (fieldError) setFieldError(null);
              }}
              onKeyDown={(e) => {
                if (e.key === "Escape") onCancel();
              }}
              style={{ flex: 1, maxWidth: 480, minWidth: 0 }}
            />
            <Group gap="sm" mt={25} wrap="nowrap">
              <Button type="submit" loading={busy}>
                Create account
              </Button>
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            </Group>
          </Group>
          {error && (
            <Alert color="red" variant="light" role="alert" title="The account was not created">
              {error}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
