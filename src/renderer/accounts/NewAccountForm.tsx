/** Create an account by name; the node creates the document and Baton opens it. */
import { useState } from "react";
import { Alert, Button, Group, Paper, Stack, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { z } from "zod";
import { accountNameSchema } from "../../../shared/validation/fields";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient } from "../sync/context";
import { domainRules, domainValue } from "../ui/form-rules";
import { navigate } from "../ui/route";

const newAccountSchema = z.object({ name: accountNameSchema });

export function NewAccountForm({ onCancel }: { onCancel: () => void }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: "" },
    validate: domainRules(() => newAccountSchema),
    transformValues: (values) => domainValue(newAccountSchema, values),
  });

  const submit = form.onSubmit(async ({ name }) => {
    setError(null);
    try {
      const { documentId } = await client.api.createAccount({ name });
      void client.refresh();
      navigate({ page: "account", documentId });
    } catch (e) {
      if (e instanceof ApiRequestError && e.fields.name) form.setFieldError("name", e.fields.name);
      else setError(messageOf(e));
    }
  });

  return (
    <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="new-account-title">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <Title order={2} id="new-account-title">
            New account
          </Title>
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              label="Account name"
              placeholder="e.g. Northwind Traders"
              autoFocus
              {...form.getInputProps("name")}
              onKeyDown={(e) => {
                if (e.key === "Escape") onCancel();
              }}
              style={{ flex: 1, maxWidth: 480, minWidth: 0 }}
            />
            <Group gap="sm" mt={25} wrap="nowrap">
              <Button type="submit" loading={form.submitting}>
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
