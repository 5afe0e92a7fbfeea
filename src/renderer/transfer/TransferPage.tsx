/**
 * Import and export: a file is chosen (dialog or dropped), handed to this device's node,
 * which reads it; the window shows the preview the node sends back, the person's choices,
 * and the progress of a long import or export, with a cancel.
 */
import { useMemo, useRef, useState } from "react";
import { Alert, Anchor, Button, FileButton, Group, List, NativeSelect, Progress, Stack, Text, Title } from "@mantine/core";
import { CSV_EXPORTS, type ColumnMapping, type CsvExport, type ImportPreview, type ImportStage, type JobAccount, type JobProgress } from "../../../shared/import/public";
import { messageOf } from "../sync/api";
import { useClient, useClientState } from "../sync/context";
import { localLocale } from "../ui/locale";
import { PageSection as Section } from "../ui/PageSection";
import { hrefOf } from "../ui/route";
import { EXPORT_LABEL, TRANSFER_WORDS as W } from "../words/transfer";
import { ImportPreviewView } from "./ImportPreviewView";
import { saveFile, useJob } from "./use-job";

export function TransferPage() {
  const format = useMemo(() => {
    const f = new Intl.NumberFormat(localLocale());
    return (n: number) => f.format(n);
  }, []);
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1}>{W.title}</Title>
      <Section id="transfer-import" title={W.importTitle} hint={W.importHint}>
        <ImportSection format={format} />
      </Section>
      <Section id="transfer-export" title={W.exportTitle} hint={W.exportHint}>
        <ExportSection format={format} />
      </Section>
    </Stack>
  );
}

/** A Baton account file is a zip; anything else is read as a CSV. */
async function isAccountFile(file: File): Promise<boolean> {
  if (/\.zip$/i.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x50 && head[1] === 0x4b;
}

function ImportSection({ format }: { format: (n: number) => string }) {
  const { api } = useClient();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ message: string; accounts?: JobAccount[]; cancelled: boolean } | null>(null);
  const [dragging, setDragging] = useState(false);
  /** What the running import counts: a CSV's companies or an account file's accounts. */
  const [counting, setCounting] = useState<"companies" | "accounts">("companies");
  const job = useJob(() => api.importProgress());
  const resetRef = useRef<() => void>(null);
  const running = job.progress?.state === "running" || job.progress?.state === "finishing";

  /** Follow an import the node started until it ends, and say how it ended. */
  const follow = async (first: JobProgress) => {
    const end = await job.follow(first);
    if (end.state === "done" || end.state === "cancelled") {
      setPreview(null);
      setDone({ message: end.message ?? "", accounts: end.accounts, cancelled: end.state === "cancelled" });
    }
    if (end.state === "failed") setProblem(end.message);
  };

  const choose = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    setPreview(null);
    job.clear();
    setFileName(file.name);
    try {
      if (await isAccountFile(file)) {
        setCounting("accounts");
        const first = await api.importAccountFile(file);
        setBusy(false);
        await follow(first);
      } else {
        setCounting("companies");
        let read = await api.importCsv(file);
        // Amounts written the person's way ("18.400,50") are read in their locale.
        if (localLocale() !== "en-US") read = await api.mapImportCsv({ mapping: read.mapping, stages: {}, locale: localLocale() });
        setPreview(read);
      }
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
      resetRef.current?.();
    }
  };

  const actions = {
    map: async (mapping: ColumnMapping, stages: Record<string, ImportStage>) => {
      setBusy(true);
      try {
        setPreview(await api.mapImportCsv({ mapping, stages, locale: localLocale() }));
        setProblem(null);
      } catch (e) {
        setProblem(messageOf(e));
      } finally {
        setBusy(false);
      }
    },
    fix: async (line: number, values: Record<string, string>) => {
      try {
        setPreview(await api.fixImportRow({ line, values }));
        return null;
      } catch (e) {
        return messageOf(e);
      }
    },
  };

  const start = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const first = await api.startImport();
      setBusy(false);
      await follow(first);
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const ready = preview ? preview.totals.newAccounts + preview.totals.updatedAccounts : 0;
  return (
    <Stack gap="md">
      <div
        role="group"
        aria-label="Drop a file to import here"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void choose(e.dataTransfer.files[0] ?? null);
        }}
        style={{
          border: `2px dashed var(--mantine-color-${dragging ? "blue-6" : "default-border"})`,
          borderRadius: "var(--mantine-radius-md)",
          padding: "var(--mantine-spacing-lg)",
          background: dragging ? "var(--mantine-color-blue-light)" : undefined,
        }}
      >
        <Group gap="sm" justify="center">
          <Text size="sm">{W.drop}</Text>
          <FileButton onChange={(f) => void choose(f)} accept=".csv,.txt,.tsv,.zip,text/csv,application/zip" resetRef={resetRef} inputProps={{ "aria-label": W.chooseLabel }} disabled={busy || running}>
            {(props) => (
              <Button {...props} variant="default" loading={busy && !preview}>
                {W.choose}
              </Button>
            )}
          </FileButton>
        </Group>
        {fileName && (
          <Text size="xs" c="dimmed" ta="center" mt="xs">
            {fileName}
          </Text>
        )}
      </div>

      {problem && (
        <Alert color="red" role="alert" title="Could not import">
          {problem}
        </Alert>
      )}
      {done && (
        <Alert color={done.cancelled ? "gray" : "green"} role="status" title={done.cancelled ? W.cancelledTitle : undefined}>
          <Stack gap={4}>
            <Text size="sm">{done.message}</Text>
            {done.accounts && done.accounts.length > 0 && <OutcomeList accounts={done.accounts} format={format} />}
          </Stack>
        </Alert>
      )}

      {preview && !running && (
        <>
          <ImportPreviewView preview={preview} actions={actions} busy={busy} format={format} />
          <Group>
            <Button onClick={() => void start()} loading={busy} disabled={busy || ready === 0 || preview.mappingProblem !== null}>
              {W.importButton(ready === 1 ? "1 account" : `${format(ready)} accounts`)}
            </Button>
          </Group>
        </>
      )}
      {job.progress && running && <JobBar progress={job.progress} what={counting} format={format} onCancel={() => void api.cancelJob({ job: "import" })} />}
    </Stack>
  );
}

/** The accounts an import brought in or changed, each a link (the first few hundred of a big one). */
function OutcomeList({ accounts, format }: { accounts: JobAccount[]; format: (n: number) => string }) {
  const shown = accounts.slice(0, OUTCOMES_SHOWN);
  return (
    <List size="sm" aria-label={W.outcomeList}>
      {shown.map((a) => (
        <List.Item key={a.documentId}>
          <Anchor href={hrefOf({ page: "account", documentId: a.documentId })}>{a.name || W.untitled}</Anchor> — {W.outcome[a.outcome]}
        </List.Item>
      ))}
      {accounts.length > shown.length && <List.Item>{W.andMore(format(accounts.length - shown.length))}</List.Item>}
    </List>
  );
}

const OUTCOMES_SHOWN = 200;

function JobBar({ progress, what, format, onCancel }: { progress: JobProgress; what: string; format: (n: number) => string; onCancel: () => void }) {
  const finishing = progress.state === "finishing";
  const value = progress.total ? (progress.done / progress.total) * 100 : 0;
  const said = finishing
    ? W.finishing(progress.done > 0 ? format(progress.done) : null, format(progress.total))
    : progress.writing
      ? W.writing(format(progress.done), format(progress.total))
      : W.progress(format(progress.done), format(progress.total), what);
  return (
    <Group gap="md" wrap="nowrap">
      <Stack gap={4} style={{ flex: 1 }}>
        <Progress value={value} animated={finishing} aria-label={said} />
        <Text size="sm" role="status">
          {said}
        </Text>
      </Stack>
      <Button variant="default" onClick={onCancel} disabled={finishing}>
        {W.cancel}
      </Button>
    </Group>
  );
}

function ExportSection({ format }: { format: (n: number) => string }) {
  const { api } = useClient();
  const { accounts } = useClientState();
  const [what, setWhat] = useState<"account-file" | CsvExport>("account-file");
  const [which, setWhich] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const job = useJob(() => api.exportProgress());
  const running = job.progress?.state === "running" || job.progress?.state === "finishing";

  const run = async () => {
    setProblem(null);
    setMessage(null);
    try {
      const end = await job.follow(await api.startExport({ what, documentIds: which ? [which] : null }));
      if (end.state === "done") {
        const file = await api.exportFile();
        saveFile(file);
        setMessage(`${end.message ?? ""} ${W.saved(file.name)}`);
      } else if (end.state === "failed") setProblem(end.message);
      else if (end.state === "cancelled") setMessage(end.message);
    } catch (e) {
      setProblem(messageOf(e));
    }
  };

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md">
        <NativeSelect
          label={W.exportWhat}
          value={what}
          disabled={running}
          onChange={(e) => setWhat(e.currentTarget.value as typeof what)}
          data={(["account-file", ...CSV_EXPORTS] as const).map((v) => ({ value: v, label: EXPORT_LABEL[v] }))}
        />
        <NativeSelect
          label={W.exportWhich}
          value={which}
          disabled={running}
          onChange={(e) => setWhich(e.currentTarget.value)}
          data={[{ value: "", label: `${W.allAccounts} (${format(accounts?.length ?? 0)})` }, ...(accounts ?? []).map((a) => ({ value: a.documentId, label: a.name || "Untitled account" }))]}
        />
        <Button onClick={() => void run()} disabled={running || !accounts?.length}>
          {W.exportButton}
        </Button>
      </Group>
      {job.progress && running && <JobBar progress={job.progress} what="accounts" format={format} onCancel={() => void api.cancelJob({ job: "export" })} />}
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
      {message && (
        <Alert color="green" role="status">
          {message}
        </Alert>
      )}
    </Stack>
  );
}
