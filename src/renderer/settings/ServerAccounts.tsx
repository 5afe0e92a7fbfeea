/** A new laptop's accounts from the team server: it starts when the server is saved, and can be asked again. */
import { useState } from "react";
import { Button, Stack, Text } from "@mantine/core";
import { messageOf } from "../sync/api";
import { useClient, useClientSelector } from "../sync/context";
import { KEEPING } from "../words/keeping";
import { JobBar } from "./JobBar";

export function ServerAccounts() {
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  const running = useClientSelector((s) => s.status?.jobs?.some((j) => j.job === "server-accounts" && j.state === "running") ?? false);
  const ask = () => {
    setProblem(null);
    client.api.accountsFromServer().catch((e: unknown) => setProblem(messageOf(e)));
  };
  return (
    <Stack gap="sm" maw={560}>
      <Text size="sm" c="dimmed">
        {KEEPING.serverAccountsHint}
      </Text>
      <JobBar kind="server-accounts" />
      {!running && (
        <Button variant="default" onClick={ask} style={{ alignSelf: "flex-start" }}>
          {KEEPING.serverAccounts}
        </Button>
      )}
      {problem && (
        <Text size="sm" c="red" role="alert">
          {problem}
        </Text>
      )}
    </Stack>
  );
}
