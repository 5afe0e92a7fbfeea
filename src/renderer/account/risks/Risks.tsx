/** What can still cost the deal: competitor, supply date, credit, scope, buyer's remorse — with mitigation and owner. */
import { Paper, Stack, Text } from "@mantine/core";
import type { RiskView } from "../../../../shared";
import { useNotices } from "../../ui/notices";
import { focusItemControl } from "../ItemActions";
import { SectionTitle } from "../SectionTitle";
import { truncate } from "../commitments/Commitments";
import type { Edit } from "../use-editor";
import { AddRiskForm } from "./AddRiskForm";
import { RiskRow } from "./RiskRow";
import lists from "../ItemList.module.css";
import classes from "./Risks.module.css";

export function Risks({ risks, edit, readOnly }: { risks: RiskView[]; edit: Edit; readOnly: boolean }) {
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
          <RiskRow key={r.id} risk={r} index={i} count={risks.length} edit={edit} readOnly={readOnly} onRemove={() => remove(r, i)} />
        ))}
      </ul>
      <Stack gap="sm" className={lists.footer}>
        {risks.length === 0 && (
          <Text size="sm" c="dimmed">
            No risks recorded. Until the money is in, ask: could a competitor come back, can supply meet the date, will credit pass?
          </Text>
        )}
        <AddRiskForm edit={edit} disabled={readOnly} />
      </Stack>
    </Paper>
  );
}
