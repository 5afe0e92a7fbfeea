/**
 * Two points of the account side by side, across every part: each item added, removed
 * or changed (with each field then and now), each record's and value's changes. When the
 * newer point is now, each difference can be restored as it was — one new change each.
 */
import { useMemo, useState } from "react";
import { Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, Title } from "@mantine/core";
import { accountAt, compareAccounts, namedPoints, type ItemDifference } from "../../../../shared";
import type { PastPoint } from "../../document/session";
import { NAMED_POINT_LABEL } from "../../words/history";
import { useAccountSession, useAccountSnapshot } from "../../document/hooks";
import { useNotices } from "../../ui/notices";
import { PART_LABEL, sentence } from "../../words/labels";
import { HISTORY_WORDS as W } from "../../words/history";
import type { Comparison } from "./history";

/** The value of "now" among the points (no point is labelled so: labels say "before", "after", "at" or "on"). */
const NOW = "now";

const CHANGE_COLOR = { added: "teal", removed: "red", changed: "blue" } as const;
const CHANGE_WORDS = { added: W.added, removed: W.removed, changed: W.changed } as const;

const partName = (part: string) => sentence(PART_LABEL[part] ?? part).replace(/\.$/, "");

function Difference({ item, canRestore, onRestore }: { item: ItemDifference; canRestore: boolean; onRestore: () => void }) {
  const name = item.name || item.id || partName(item.part);
  return (
    <li data-change={item.change}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Badge size="sm" variant="light" radius="sm" tt="none" color={CHANGE_COLOR[item.change]}>
              {CHANGE_WORDS[item.change]}
            </Badge>
            <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
              {name}
            </Text>
          </Group>
          {item.fields.length > 0 && (
            <Table withRowBorders={false} verticalSpacing={2} fz="sm" mt={4} aria-label={`What changed in “${name}”`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th className="visually-hidden">Field</Table.Th>
                  <Table.Th>{W.fieldBefore}</Table.Th>
                  <Table.Th>{W.fieldAfter}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {item.fields.map((f) => (
                  <Table.Tr key={f.field}>
                    <Table.Td c="dimmed">{sentence(PART_LABEL[f.field] ?? f.field).replace(/\.$/, "")}</Table.Td>
                    <Table.Td style={{ overflowWrap: "anywhere" }}>{f.before ?? W.empty}</Table.Td>
                    <Table.Td style={{ overflowWrap: "anywhere" }}>{f.after ?? W.empty}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </div>
        {canRestore && (
          <Button size="xs" variant="light" aria-label={W.restoreItem(name)} onClick={onRestore} style={{ flexShrink: 0 }}>
            {W.restoreItemShort}
          </Button>
        )}
      </Group>
    </li>
  );
}

export function CompareDialog({ comparison, onClose }: { comparison: Comparison; onClose: () => void }) {
  const session = useAccountSession();
  const { notify } = useNotices();
  // The account now, redrawn as it changes (a restore shows its effect at once).
  const { account: now, readOnly } = useAccountSnapshot();
  // The points on offer: the two given, the named points of the account, and now.
  const choices = useMemo(() => {
    const named = namedPoints(session.handle.doc()).map((p): PastPoint => ({ heads: p.heads, label: NAMED_POINT_LABEL[p.id], at: p.at }));
    const all = [comparison.from, ...(comparison.to ? [comparison.to] : []), ...named];
    return all.filter((p, i) => all.findIndex((q) => q.label === p.label) === i);
  }, [session, comparison]);
  const [fromLabel, setFromLabel] = useState(comparison.from.label);
  const [toLabel, setToLabel] = useState<string>(comparison.to?.label ?? NOW);
  const from = choices.find((p) => p.label === fromLabel) ?? comparison.from;
  const to = toLabel === NOW ? null : (choices.find((p) => p.label === toLabel) ?? null);
  const diff = useMemo(() => {
    const doc = session.handle.doc();
    const older = accountAt(doc, from.heads);
    const newer = to ? accountAt(doc, to.heads) : { account: now };
    if (!older || !newer) return null;
    return compareAccounts(older.account, newer.account);
  }, [session, from, to, now]);

  const parts = useMemo(() => {
    const byPart = new Map<string, ItemDifference[]>();
    for (const item of diff?.items ?? []) byPart.set(item.part, [...(byPart.get(item.part) ?? []), item]);
    return [...byPart];
  }, [diff]);

  const canRestore = to === null && !readOnly;
  return (
    <Modal opened onClose={onClose} title={W.compareTitle} size="xl" centered>
      <Stack gap="md">
        <Group gap="md" grow align="flex-start">
          <NativeSelect
            label={W.compareFrom}
            value={fromLabel}
            onChange={(e) => setFromLabel(e.currentTarget.value)}
            data={choices.map((p) => ({ value: p.label, label: sentence(p.label).replace(/\.$/, "") }))}
          />
          <NativeSelect
            label={W.compareTo}
            value={toLabel}
            onChange={(e) => setToLabel(e.currentTarget.value)}
            data={[{ value: NOW, label: W.now }, ...choices.map((p) => ({ value: p.label, label: sentence(p.label).replace(/\.$/, "") }))]}
          />
        </Group>
        {!diff && <Text c="orange">{W.notOnDevice}</Text>}
        {diff && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {diff.items.length ? W.differences(diff.items.length) : W.nothingDiffers}
            {diff.items.length > 0 && !canRestore && to !== null ? ` — ${W.restoreOnlyAgainstNow}` : ""}
          </Text>
        )}
        {parts.map(([part, items]) => (
          <section key={part} aria-labelledby={`compare-${part}`}>
            <Title order={3} size="h5" id={`compare-${part}`} mb={4}>
              {partName(part)}
            </Title>
            <Stack component="ul" gap="xs" className="plain" aria-label={partName(part)}>
              {items.map((item) => (
                <Difference
                  key={item.path.join("/")}
                  item={item}
                  canRestore={canRestore}
                  onRestore={() => {
                    const name = item.name || partName(item.part);
                    if (session.edit("restoreItem", { values: item.restore, name, point: from.label, id: item.id ?? undefined })) notify({ message: W.restoredItem(name) });
                  }}
                />
              ))}
            </Stack>
          </section>
        ))}
      </Stack>
    </Modal>
  );
}
