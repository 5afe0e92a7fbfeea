/**
 * The team sync server: URL and token. The node tries them and answers; its error (down,
 * wrong token) is shown next to the field it concerns, or under the form.
 */
import { useState } from "react";
import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
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
  const [url, setUrl] = useState(server?.url ?? "");
  const [token, setToken] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const link = links.find((l) => l.kind === "team-server");

  const save = async () => {
    setError(null);
    setSaved(false);
    const next: Record<string, string> = {};
    const urlProblem = checkUrl(url);
    if (urlProblem) next.url = urlProblem;
    if (token.trim() === "" && !server?.hasToken) next.token = "Enter the token your team's server gave you.";
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await client.api.saveServer({ url: url.trim(), token: token.trim() });
      await client.refresh();
      setToken("");
      setSaved(true);
    } catch (e) {
      if (e instanceof ApiRequestError && Object.keys(e.fields).length > 0) {
        setErrors(e.fields);
        if (!Object.values(e.fields).includes(e.message)) setError(e.message);
      } else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const disconnect = async () => {
    setError(null);
    setSaved(false);
    setBusy(true);
    try {
      await client.api.removeServer();
      await client.refresh();
      setUrl("");
      setToken("");
      setErrors({});
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="md" maw={560}>
        {server && (
          <Text size="sm">
            <Text span c="dimmed">
              Now:{" "}
            </Text>
            {link ? linkPhrase(link).text : "Team server: not connected"}
          </Text>
        )}
        <TextInput
          label="Sync server URL"
          placeholder="wss://sync.example.com"
          value={url}
          error={errors.url}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setUrl(e.currentTarget.value);
            setSaved(false);
          }}
        />
        <PasswordInput
          label="Sync server token"
          description={server?.hasToken ? "A token is saved. Leave empty to keep it." : undefined}
          value={token}
          error={errors.token}
          autoComplete="off"
          onChange={(e) => {
            setToken(e.currentTarget.value);
            setSaved(false);
          }}
        />
        {error && (
          <Alert color="red" variant="light" role="alert" title="The server settings were not saved">
            {error}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={busy}>
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
