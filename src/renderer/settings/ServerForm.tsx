/**
 * The team sync server: URL and token. The node tries them and answers; its error (down,
 * wrong token) is shown next to the field it concerns, or under the form.
 */
import { useState } from "react";
import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { PeerLink, ServerSettings } from "../../../shared";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient } from "../sync/context";
import { linkPhrase } from "../words/sync";

function checkUrl(url: string): string | null {
  const u = url.trim();
  if (u === "") return "Enter the server's address, e.g. wss://sync.example.com.";
  try {
    const parsed = new URL(u);
    if (!["ws:", "wss:", "http:", "https:"].includes(parsed.protocol)) return "The address must start with wss://, ws://, https:// or http://.";
  } catch {
    return "That is not a web address. Use the form wss://sync.example.com.";
  }
  return null;
}

export function ServerForm({ server, links }: { server: ServerSettings | null; links: PeerLink[] }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [removing, setRemoving] = useState(false);
  const link = links.find((l) => l.kind === "team-server");
  const form = useForm({
    initialValues: { url: server?.url ?? "", token: "" },
    validate: {
      url: checkUrl,
      token: (token) => (token.trim() === "" && !server?.hasToken ? "Enter the token your team's server gave you." : null),
    },
    onValuesChange: () => setSaved(false),
  });
  const busy = form.submitting || removing;

  const save = form.onSubmit(
    async ({ url, token }) => {
      setError(null);
      setSaved(false);
      try {
        await client.api.saveServer({ url: url.trim(), token: token.trim() });
        await client.refresh();
        form.setFieldValue("token", "");
        setSaved(true);
      } catch (e) {
        if (e instanceof ApiRequestError && Object.keys(e.fields).length > 0) {
          form.setErrors(e.fields);
          if (!Object.values(e.fields).includes(e.message)) setError(e.message);
        } else setError(messageOf(e));
      }
    },
    () => {
      setError(null);
      setSaved(false);
    },
  );

  const disconnect = async () => {
    setError(null);
    setSaved(false);
    setRemoving(true);
    try {
      await client.api.removeServer();
      await client.refresh();
      form.setValues({ url: "", token: "" });
      form.clearErrors();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setRemoving(false);
    }
  };

  return (
    <form noValidate onSubmit={save}>
      <Stack gap="md" maw={560}>
        {server && (
          <Text size="sm">
            <Text span c="dimmed">
              Now:{" "}
            </Text>
            {link ? linkPhrase(link).text : "Team server: not connected"}
          </Text>
        )}
        <TextInput label="Sync server URL" placeholder="wss://sync.example.com" autoComplete="off" spellCheck={false} {...form.getInputProps("url")} />
        <PasswordInput
          label="Sync server token"
          description={server?.hasToken ? "A token is saved. Leave empty to keep it." : undefined}
          autoComplete="off"
          {...form.getInputProps("token")}
        />
        {error && (
          <Alert color="red" variant="light" role="alert" title="The server settings were not saved">
            {error}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={form.submitting} disabled={removing}>
            Save server
          </Button>
          {server && (
            <Button variant="default" color="red" onClick={() => void disconnect()} disabled={busy}>
              Stop using this server
            </Button>
          )}
          {saved && (
            <Text size="sm" c="teal">
              Saved.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
