/** The customer's requirements, each with its source; commitments say which one they meet. */
import { Paper, Stack, Text } from "@mantine/core";
import { DamagedItems } from "../damage/AccountDamage";
import type { DocHandle } from "@automerge/automerge-repo/slim";
import { snapshotRequirement, type AccountDoc, type CommitmentView, type RequirementView } from "../../../../shared";
import { useMemo } from "react";
import { useNotices } from "../../ui/notices";
import { useStableCallback } from "../../ui/stable";
import { focusItemControl } from "../ItemActions";
import { SectionTitle } from "../SectionTitle";
import { truncate } from "../commitments/Commitments";
import type { Edit } from "../use-editor";
import { AddRequirementForm } from "./AddRequirementForm";
import { RequirementRow } from "./RequirementRow";
import lists from "../ItemList.module.css";
import classes from "./Requirements.module.css";

export interface RequirementsProps {
  handle: DocHandle<AccountDoc>;
  requirements: RequirementView[];
  commitments: CommitmentView[];
  edit: Edit;
  readOnly: boolean;
}

export function Requirements({ handle, requirements, commitments, edit, readOnly }: RequirementsProps) {
  const { notify } = useNotices();
  const byId = useMemo(() => new Map(commitments.map((c) => [c.id, c])), [commitments]);

  const remove = useStableCallback((id: string) => {
    const index = requirements.findIndex((x) => x.id === id);
    const r = requirements[index];
    if (!r) return;
    let snapshot;
    try {
      snapshot = snapshotRequirement(handle.doc(), r.id);
    } catch (e) {
      notify({ tone: "error", message: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (!edit("removeRequirement", { id: r.id })) return;
    const next = requirements[index + 1] ?? requirements[index - 1];
    if (next) focusItemControl(next.id, "text");
    else document.querySelector<HTMLElement>('[aria-label="New requirement"]')?.focus();
    const saved = snapshot;
    notify({
      message: `Requirement removed: “${truncate(r.text)}”.`,
      action: { label: "Undo", run: () => void edit("restoreRequirement", saved) },
    });
  });

  return (
    <Paper component="section" withBorder radius="md" className={lists.section} aria-labelledby="requirements-title">
      <SectionTitle
        id="requirements-title"
        title="Requirements"
        count={requirements.length}
        hint="What the customer needs, and where we heard it: call note, email, quote or proposal."
      />
      <DamagedItems parts={["requirements"]} />
      <div className={`${lists.head} ${classes.grid}`} aria-hidden="true" hidden={requirements.length === 0}>
        <span>Requirement</span>
        <span>Source</span>
        <span>Reference</span>
        <span />
      </div>
      <ul className="plain" aria-label="Requirements">
        {requirements.map((r, i) => (
          <RequirementRow
            key={r.id}
            requirement={r}
            commitments={byId}
            index={i}
            count={requirements.length}
            edit={edit}
            readOnly={readOnly}
            onRemove={remove}
          />
        ))}
      </ul>
      <Stack gap="sm" className={lists.footer}>
        {requirements.length === 0 && (
          <Text size="sm" c="dimmed">
            No requirements yet. Write down each thing the customer needs, with where it came from.
          </Text>
        )}
        <AddRequirementForm edit={edit} disabled={readOnly} />
      </Stack>
    </Paper>
  );
}
