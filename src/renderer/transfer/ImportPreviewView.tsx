/**
 * The preview of a CRM's CSV as the node read it: the columns (adjustable), the deal stages
 * and the stage each becomes (adjustable), the totals, and each row with a problem with its
 * fields to fix in place. Every change goes to the node, which checks the rows again.
 */
import { useState } from "react";
import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IMPORT_FIELDS, IMPORT_STAGES, type ColumnMapping, type ImportField, type ImportPreview, type ImportStage, type PreviewRow } from "../../../shared/import/public";
import { label, STAGE_LABEL } from "../words/labels";
import { IMPORT_FIELD_GROUPS, IMPORT_FIELD_LABEL, SOURCE_LABEL, TRANSFER_WORDS as W } from "../words/transfer";

export interface PreviewActions {
  map: (mapping: ColumnMapping, stages: Record<string, ImportStage>) => Promise<void>;
  fix: (line: number, values: Partial<Record<ImportField, string>>) => Promise<string | null>;
}

export function ImportPreviewView({ preview, actions, busy, format }: { preview: ImportPreview; actions: PreviewActions; busy: boolean; format: (n: number) => string }) {
  const chosenStages = Object.fromEntries(preview.stages.map((s) => [s.value, s.stage])) as Record<string, ImportStage>;
  const problemRows = preview.rows.filter((r) => r.problems.length > 0);
  const sampleRows = preview.rows.filter((r) => r.problems.length === 0);
  const t = preview.totals;
  return (
    <Stack gap="lg">
      <Text size="sm">
        <b>{SOURCE_LABEL[preview.source]}</b> · {preview.encoding} · {format(t.rows)} rows · {format(preview.headers.length)} columns
      </Text>

      <section aria-labelledby="import-columns">
        <PartTitle id="import-columns" title={W.mappingTitle} hint={W.mappingHint} />
        {preview.mappingProblem && (
          <Alert color="red" mb="sm" role="alert">
            {preview.mappingProblem}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          {IMPORT_FIELD_GROUPS.map((group) => (
            <Stack key={group.title} gap="xs">
              <Text fw={600} size="sm">
                {group.title}
              </Text>
              {group.fields.map((field) => (
                <NativeSelect
                  key={field}
                  label={IMPORT_FIELD_LABEL[field]}
                  size="xs"
                  disabled={busy}
                  value={preview.mapping[field] === null ? "" : String(preview.mapping[field])}
                  data={[{ value: "", label: W.notImported }, ...preview.headers.map((h, i) => ({ value: String(i), label: h || `Column ${String(i + 1)}` }))]}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    const mapping = { ...preview.mapping, [field]: v === "" ? null : Number(v) };
                    void actions.map(mapping, chosenStages);
                  }}
                />
              ))}
            </Stack>
          ))}
        </SimpleGrid>
      </section>

      {preview.stages.length > 0 && (
        <section aria-labelledby="import-stages">
          <PartTitle id="import-stages" title={W.stagesTitle} hint={W.stagesHint} />
          <Table withTableBorder verticalSpacing={6} aria-labelledby="import-stages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>In the file</Table.Th>
                <Table.Th>Rows</Table.Th>
                <Table.Th>In Baton</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.stages.map((s) => (
                <Table.Tr key={s.value}>
                  <Table.Td>
                    <Group gap="xs">
                      <span>{s.value}</span>
                      {!s.recognised && (
                        <Badge color="orange" variant="light" size="sm">
                          {W.notRecognised}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{format(s.rows)}</Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Baton stage for “${s.value}”`}
                      size="xs"
                      disabled={busy}
                      value={s.stage}
                      data={IMPORT_STAGES.map((stage) => ({ value: stage, label: label(STAGE_LABEL, stage) }))}
                      onChange={(e) => void actions.map(preview.mapping, { ...chosenStages, [s.value]: e.currentTarget.value as ImportStage })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}

      <section aria-labelledby="import-rows">
        <Title order={3} id="import-rows">
          {W.rowsTitle}
        </Title>
        <Text size="sm" mb="sm" role="status">
          {format(t.ready)} ready · {format(t.withProblems)} with problems · {format(t.newAccounts)} new accounts · {format(t.updatedAccounts)} to update · {format(t.contacts)} contacts · {format(t.deals)} deals
        </Text>
        {problemRows.length > 0 && (
          <Stack gap="sm" mb="md">
            <Text size="sm" c="dimmed">
              {W.problemRows}
            </Text>
            {problemRows.map((row) => (
              <ProblemRow key={row.line} row={row} fix={actions.fix} disabled={busy} />
            ))}
          </Stack>
        )}
        {sampleRows.length > 0 && (
          <Table.ScrollContainer minWidth={600}>
            <Table withTableBorder verticalSpacing={4} fz="sm" aria-label="Rows ready to import (first rows)">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>{IMPORT_FIELD_LABEL.companyName}</Table.Th>
                  <Table.Th>Contact</Table.Th>
                  <Table.Th>{IMPORT_FIELD_LABEL.contactEmail}</Table.Th>
                  <Table.Th>{IMPORT_FIELD_LABEL.dealStage}</Table.Th>
                  <Table.Th>{IMPORT_FIELD_LABEL.dealAmount}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sampleRows.map((r) => (
                  <Table.Tr key={r.line}>
                    <Table.Td>
                      {r.line}
                      {r.fixed && (
                        <Badge ml={6} size="xs" color="green" variant="light">
                          {W.fixed}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{r.values.companyName}</Table.Td>
                    <Table.Td>{r.values.contactName || [r.values.contactFirstName, r.values.contactLastName].filter(Boolean).join(" ")}</Table.Td>
                    <Table.Td>{r.values.contactEmail}</Table.Td>
                    <Table.Td>{r.values.dealStage}</Table.Td>
                    <Table.Td>{r.values.dealAmount}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
    </Stack>
  );
}

const ERROR_STYLES = { input: { color: "var(--mantine-color-text)" }, error: { color: "var(--mantine-color-red-text)" } };

/** A row the node flagged: each wrong field as a text field with its message, fixed in place. */
function ProblemRow({ row, fix, disabled }: { row: PreviewRow; fix: PreviewActions["fix"]; disabled: boolean }) {
  const fields = IMPORT_FIELDS.filter((f) => row.problems.some((p) => p.field === f));
  const [draft, setDraft] = useState<Partial<Record<ImportField, string>>>(() => Object.fromEntries(fields.map((f) => [f, row.values[f] ?? ""])));
  const [problem, setProblem] = useState<string | null>(null);
  const context = [row.values.companyName, row.values.contactName || [row.values.contactFirstName, row.values.contactLastName].filter(Boolean).join(" ")].filter(Boolean).join(" · ");
  return (
    <Paper withBorder radius="md" p="sm" component="form" aria-label={W.row(row.line)} onSubmit={(e) => {
      e.preventDefault();
      void fix(row.line, draft).then(setProblem);
    }}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Stack gap={0} miw={120}>
          <Text fw={600} size="sm">
            {W.row(row.line)}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1} maw={220}>
            {context}
          </Text>
        </Stack>
        {fields.map((f) => (
          <TextInput
            key={f}
            label={IMPORT_FIELD_LABEL[f]}
            size="sm"
            miw={240}
            value={draft[f] ?? ""}
            error={row.problems.find((p) => p.field === f)?.message}
            // Mantine's error red is too faint for small text on either background (axe): the theme's red text, and the value in the text colour.
            styles={ERROR_STYLES}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDraft((d) => ({ ...d, [f]: value }));
            }}
          />
        ))}
        <Button type="submit" size="sm" variant="default" disabled={disabled}>
          {W.fix(row.line)}
        </Button>
      </Group>
      {problem && (
        <Text size="sm" c="red" mt={4} role="alert">
          {problem}
        </Text>
      )}
    </Paper>
  );
}

/** A part of the preview: its heading and what it is for. */
function PartTitle({ id, title, hint }: { id: string; title: string; hint: string }) {
  return (
    <>
      <Title order={3} id={id}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
    </>
  );
}
