/**
 * Backups: where and how often this laptop backs up, the backups in that folder, and
 * restoring one after seeing what it holds (RestoreDialog). The node does the work and
 * checks the folder; its answers are shown next to the field they concern.
 */
import { useCallback, useEffect, useState } from "react";
import { Alert, Badge, Button, Group, NumberInput, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { BackupInfo, BackupStatus } from "../../../shared";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient, useClientSelector } from "../sync/context";
import { formatMoment } from "../ui/clock";
import { localLocale } from "../ui/locale";
import { accountsCount, KEEPING, sizePhrase } from "../words/keeping";
import { JobBar } from "./JobBar";
import { RestoreDialog } from "./RestoreDialog";

export function BackupsSection({ backups }: { backups: BackupStatus }) {
  const client = useClient();
  const locale = localLocale();
  const [list, setList] = useState<BackupInfo[] | null>(null);
  const [listProblem, setListProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [backingUp, setBackingUp] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  // A new backup (the timer, quitting, another window) shows in the list.
  const lastId = useClientSelector((s) => s.status?.backups?.last?.id ?? null);
  const form = useForm({
    initialValues: { folder: backups.folder, keep: backups.keep, everyMinutes: backups.everyMinutes },
    validate: {
      folder: (v) => (v.trim() === "" ? "Choose a folder for the backups." : null),
      keep: (v) => (Number.isInteger(v) && v >= 1 && v <= 500 ? null : "Keep between 1 and 500 backups."),
      everyMinutes: (v) => (Number.isInteger(v) && v >= 1 && v <= 1440 ? null : "Enter between 1 and 1,440 minutes."),
    },
    onValuesChange: () => setSaved(false),
  });

  const load = useCallback(() => {
    client.api
      .backups()
      .then((l) => {
        setList(l);
        setListProblem(null);
      })
      .catch((e: unknown) => setListProblem(messageOf(e)));
  }, [client]);
  useEffect(load, [load, lastId, backups.folder]);

  const save = form.onSubmit(async (values) => {
    setError(null);
    try {
      await client.api.saveBackupSettings({ folder: values.folder.trim(), keep: values.keep, everyMinutes: values.everyMinutes });
      await client.refresh();
      setSaved(true);
      load();
    } catch (e) {
      if (e instanceof ApiRequestError && Object.keys(e.fields).length > 0) form.setErrors(e.fields);
      else setError(messageOf(e));
    }
  });

  const backUpNow = async () => {
    setError(null);
    setBackingUp(true);
    try {
      await client.api.backUpNow();
      await client.refresh();
      load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBackingUp(false);
    }
  };

  return (
    <Stack gap="md">
      <form noValidate onSubmit={save}>
        <Stack gap="sm" maw={560}>
          <TextInput label={KEEPING.folder} description={KEEPING.folderHint} autoComplete="off" spellCheck={false} {...form.getInputProps("folder")} />
          <Group grow align="flex-start">
            <NumberInput label={KEEPING.keep} min={1} max={500} allowDecimal={false} {...form.getInputProps("keep")} />
            <NumberInput label={KEEPING.everyMinutes} min={1} max={1440} allowDecimal={false} {...form.getInputProps("everyMinutes")} />
          </Group>
          <Group gap="sm">
            <Button type="submit" loading={form.submitting}>
              {KEEPING.saveSettings}
            </Button>
            <Button variant="default" onClick={() => void backUpNow()} loading={backingUp}>
              {KEEPING.backUpNow}
            </Button>
            {saved && (
              <Text size="sm" c="teal">
                Saved.
              </Text>
            )}
          </Group>
        </Stack>
      </form>
      {backups.problem && (
        <Alert color="red" variant="light" role="alert" title={KEEPING.backupFailed}>
          {backups.problem}
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <JobBar kind="backup" />
      <JobBar kind="restore" />
      {listProblem && (
        <Text size="sm" c="red" role="alert">
          {listProblem}
        </Text>
      )}
      {list && list.length === 0 && (
        <Text size="sm" c="dimmed">
          {KEEPING.noBackups}
        </Text>
      )}
      {list && list.length > 0 && (
        <Table aria-label={KEEPING.listLabel} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Made</Table.Th>
              <Table.Th>Holds</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>{formatMoment(b.at)}</Table.Td>
                <Table.Td>
                  {b.problem ? (
                    <Badge color="red" variant="light" title={b.problem}>
                      Damaged
                    </Badge>
                  ) : (
                    accountsCount(b.accounts, locale)
                  )}
                  {b.problem && (
                    <Text size="xs" c="dimmed">
                      {b.problem}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{sizePhrase(b.bytes, locale)}</Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" variant="default" disabled={b.problem !== null} onClick={() => setRestoring(b)} aria-label={`Restore from the backup of ${formatMoment(b.at)}`}>
                    {KEEPING.restore}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </Stack>
  );
}
