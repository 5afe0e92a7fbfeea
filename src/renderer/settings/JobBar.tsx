/** Long work of the node as it runs ("312 of 1,000 accounts", a bar and Cancel) and how it ended. */
import { useState } from "react";
import { Alert, Button, Group, Progress, Stack, Text } from "@mantine/core";
import type { JobKind } from "../../../shared";
import { messageOf } from "../sync/api";
import { useClient, useClientSelector } from "../sync/context";
import { localLocale } from "../ui/locale";
import { JOB_TITLE, KEEPING, progressPhrase } from "../words/keeping";

export function JobBar({ kind }: { kind: JobKind }) {
  const client = useClient();
  const job = useClientSelector((s) => s.status?.jobs?.find((j) => j.job === kind));
  const [problem, setProblem] = useState<string | null>(null);
  if (!job) return null;
  const cancel = () => {
    setProblem(null);
    client.api.cancelJob({ job: kind }).catch((e: unknown) => setProblem(messageOf(e)));
  };
  if (job.state === "running") {
    const phrase = progressPhrase(job, localLocale());
    return (
      <Stack gap={6} role="status" aria-label={JOB_TITLE[kind]}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">
            {JOB_TITLE[kind]}: {phrase}
          </Text>
          <Button size="xs" variant="default" onClick={cancel}>
            {KEEPING.cancel}
          </Button>
        </Group>
        <Progress value={job.total ? (100 * job.done) / job.total : 0} aria-label={`${JOB_TITLE[kind]}: ${phrase}`} animated={job.total === 0} />
        {problem && (
          <Text size="sm" c="red">
            {problem}
          </Text>
        )}
      </Stack>
    );
  }
  if (!job.message) return null;
  return (
    <Alert color={job.state === "done" ? "teal" : job.state === "cancelled" ? "gray" : "red"} variant="light" role={job.state === "failed" ? "alert" : "status"} aria-label={JOB_TITLE[kind]}>
      {job.message}
    </Alert>
  );
}
