/**
 * A damaged account that no peer has given back yet, offered from the newest backup that
 * holds it intact (the node finds it): one click merges that copy into this laptop.
 */
import { useState } from "react";
import { Button, Stack, Text } from "@mantine/core";
import type { DamagedAccount } from "../../../shared";
import { messageOf } from "../sync/api";
import { useClient, useClientSelector } from "../sync/context";
import { formatMoment } from "../ui/clock";
import { KEEPING } from "../words/keeping";

export function RestoreFromBackup({ damaged }: { damaged: DamagedAccount }) {
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  const job = useClientSelector((s) => s.status?.jobs?.find((j) => j.job === "restore"));
  if (!damaged.backup || damaged.restored) return null;
  const backup = damaged.backup;
  const restore = async () => {
    setProblem(null);
    try {
      await client.api.restoreBackup({ id: backup.id, documentIds: [damaged.documentId], mode: "missing" });
    } catch (e) {
      setProblem(messageOf(e));
    }
  };
  return (
    <Stack gap="xs" align="flex-start" mt="sm">
      <Text size="sm">{KEEPING.restoreDamagedHint}</Text>
      <Button size="xs" onClick={() => void restore()} loading={job?.state === "running"}>
        {KEEPING.restoreDamaged(formatMoment(backup.at))}
      </Button>
      {(problem ?? (job?.state === "failed" ? job.message : null)) && (
        <Text size="sm" c="red" role="alert">
          {problem ?? job?.message}
        </Text>
      )}
    </Stack>
  );
}
