/** What can still cost the deal: competitor, supply date, credit, scope, buyer's remorse — with mitigation and owner. */
import { Paper, Stack, Text } from "@mantine/core";
import type { RiskView } from "../../../../shared";
import { useNotices } from "../../ui/notices";
import { focusItemControl } from "../../ui/ItemActions";
import { SectionTitle } from "../../ui/SectionTitle";
import { truncate } from "../../words/labels";
import { AddRiskForm } from "./AddRiskForm";
import { RiskRow } from "./RiskRow";
import lists from "../../ui/ItemList.module.css";
import classes from "./Risks.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

export function Risks({ risks }: { risks: RiskView[]; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const { notify } = useNotices();
  const open = risks.filter((r) => r.status === "open").length;
  const remove = (r: RiskView, index: number) => {
    if (!edit("removeRisk", { id: r.id })) return;
    const next = risks[index + 1] ?? risks[index - 1];
    if (next) focusItemControl(next.id, "text");
    notify({
      message: `Risk removed: “${truncate(r.description)}”.`,
      action: {
        label: "Undo",
        run: () =>
          void edit("addRisk", { id: r.id, kind: r.kind, description: r.description, severity: r.severity, mitigation: r.mitigation, status: r.status, owner: r.owner }),
      },
    });
  };
  return (
    <Paper component="section" withBorder radius="md" className={lists.section} aria-labelledby="risks-title">
      <SectionTitle
        id="risks-title"
        title="Risks"
        count={risks.length}
        hint={`${open} open. A risk that is over is closed, not removed — remove only what was recorded by mistake.`}
      />
      <div className={`${lists.head} ${classes.grid}`} aria-hidden="true" hidden={risks.length === 0}>
        <span>Risk and mitigation</span>
        <span>Kind</span>
        <span>Severity</span>
        <span>Status</span>
        <span>Owner</span>
        <span />
      </div>
      <ul className="plain" aria-label="Risks">
        {risks.map((r, i) => (
          <RiskRow key={r.id} risk={r} index={i} count={risks.length} onRemove={() => remove(r, i)} />
        ))}
      </ul>
      <Stack gap="sm" className={lists.footer}>
        {risks.length === 0 && (
          <Text size="sm" c="dimmed">
            No risks recorded. Until the money is in, ask: could a competitor come back, can supply meet the date, will credit pass?
          </Text>
        )}
        <AddRiskForm disabled={readOnly} />
      </Stack>
    </Paper>
  );
}
