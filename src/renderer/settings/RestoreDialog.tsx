/**
 * What a backup holds, account by account (name, stage, whether it is on this laptop, and
 * whether the backup's copy of it is intact), and the choice of what to restore and how,
 * before anything is restored. The restore runs in the node with progress (JobBar).
 */
import { useEffect, useState } from "react";
import { Alert, Badge, Button, Checkbox, Group, Loader, Modal, Radio, ScrollArea, Stack, Text } from "@mantine/core";
import type { BackupInfo, BackupPreview } from "../../../shared";
import { messageOf } from "../sync/api";
import { useClient, useClientSelector } from "../sync/context";
import { formatMoment } from "../ui/clock";
import { localLocale } from "../ui/locale";
import { CLOSE_LABEL, STAGE_LABEL } from "../words/labels";
import { accountsCount, KEEPING } from "../words/keeping";
import { JobBar } from "./JobBar";
import type { Stage } from "../../../shared";

export function RestoreDialog({ backup, onClose }: { backup: BackupInfo; onClose: () => void }) {
  const client = useClient();
  const locale = localLocale();
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [mode, setMode] = useState<"merge" | "missing">("merge");
  const [started, setStarted] = useState(false);
  const running = useClientSelector((s) => s.status?.jobs?.some((j) => j.job === "restore" && j.state === "running") ?? false);

  useEffect(() => {
    let live = true;
    client.api
      .backupPreview({ id: backup.id })
      .then((p) => {
        if (!live) return;
        setPreview(p);
        setChosen(new Set(p.accounts.filter((a) => a.problem === null).map((a) => a.documentId)));
      })
      .catch((e: unknown) => live && setProblem(messageOf(e)));
    return () => {
      live = false;
    };
  }, [client, backup.id]);

  const restore = async () => {
    setProblem(null);
    try {
      await client.api.restoreBackup({ id: backup.id, documentIds: [...chosen], mode });
      setStarted(true);
    } catch (e) {
      setProblem(messageOf(e));
    }
  };
  const toggle = (id: string, on: boolean) =>
    setChosen((c) => {
      const next = new Set(c);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const intact = preview?.accounts.filter((a) => a.problem === null) ?? [];

  return (
    <Modal opened onClose={onClose} title={KEEPING.previewTitle(formatMoment(backup.at))} size="lg" closeButtonProps={{ "aria-label": CLOSE_LABEL }}>
      <Stack gap="md">
        {!preview && !problem && <Loader size="sm" aria-label="Reading the backup" />}
        {problem && (
          <Alert color="red" variant="light" role="alert">
            {problem}
          </Alert>
        )}
        {preview && !started && (
          <>
            <Text size="sm" c="dimmed">
              {KEEPING.previewHint}
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="subtle" onClick={() => setChosen(new Set(intact.map((a) => a.documentId)))}>
                {KEEPING.chooseAll}
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setChosen(new Set())}>
                {KEEPING.chooseNone}
              </Button>
            </Group>
            <ScrollArea.Autosize mah={320}>
              <Stack gap="xs" component="ul" className="plain" aria-label="Accounts in this backup">
                {preview.accounts.map((a) => (
                  <li key={a.documentId}>
                    <Group justify="space-between" wrap="nowrap" gap="sm">
                      <Checkbox
                        label={a.name || a.documentId}
                        description={a.problem ?? STAGE_LABEL[a.stage as Stage] ?? a.stage}
                        checked={chosen.has(a.documentId)}
                        disabled={a.problem !== null}
                        onChange={(e) => toggle(a.documentId, e.currentTarget.checked)}
                      />
                      <Badge variant="light" color={a.problem ? "red" : a.here ? "gray" : "blue"} style={{ flexShrink: 0 }}>
                        {a.problem ? "Damaged" : a.here ? KEEPING.here : KEEPING.notHere}
                      </Badge>
                    </Group>
                  </li>
                ))}
              </Stack>
            </ScrollArea.Autosize>
            <Radio.Group label={KEEPING.modeLabel} value={mode} onChange={(v) => setMode(v as "merge" | "missing")}>
              <Stack gap={6} mt={6}>
                <Radio value="merge" label={KEEPING.modeMerge} />
                <Radio value="missing" label={KEEPING.modeMissing} />
              </Stack>
            </Radio.Group>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {KEEPING.cancel}
              </Button>
              <Button onClick={() => void restore()} disabled={chosen.size === 0 || running}>
                {KEEPING.restoreChosen(accountsCount(chosen.size, locale))}
              </Button>
            </Group>
          </>
        )}
        {started && (
          <>
            <JobBar kind="restore" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {KEEPING.close}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
