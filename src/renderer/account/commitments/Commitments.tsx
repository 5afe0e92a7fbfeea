/** The account's commitments: what we promised, for which requirement, by whom, by when, and where it stands. */
import { useMemo } from "react";
import { DamagedItems } from "../../damage/AccountDamage";
import { Paper, Stack, Text } from "@mantine/core";
import { check, commitmentTextSchema, newId, read, type CommitmentView, type MilestoneView, type RequirementView } from "../../../../shared";
import { useStableCallback } from "../../ui/stable";
import { NearRowsList } from "../../ui/near-rows";
import { AddItemForm } from "../../ui/AddItemForm";
import { SectionTitle } from "../../ui/SectionTitle";
import { CommitmentRow, type LinkTarget } from "./CommitmentRow";
import classes from "../../ui/ItemList.module.css";
import { useEdit, useReadOnly, useAccountSession } from "../../document/hooks";
import { capitalised, truncate, UNTITLED } from "../../words/labels";
import { useRemoveWithUndo } from "../../document/remove-with-undo";

export interface CommitmentsProps {
  commitments: CommitmentView[];
  /** To link each commitment to the requirement it meets. */
  requirements: RequirementView[];
  /** To name the milestones that deliver each commitment. */
  milestones: MilestoneView[];
}

export function Commitments({ commitments, requirements, milestones }: CommitmentsProps) {
  const session = useAccountSession();
  const edit = useEdit();
  const readOnly = useReadOnly();
  const requirementChoices = useMemo<LinkTarget[]>(() => requirements.map((r) => ({ id: r.id, name: truncate(r.text, 48) })), [requirements]);
  const milestoneNames = useMemo(() => new Map<string, LinkTarget>(milestones.map((m) => [m.id, { id: m.id, name: truncate(m.title, 48) }])), [milestones]);

  const remove = useRemoveWithUndo("commitment", commitments, (c) => c.text);
  const add = useStableCallback((text: string) => edit("addCommitment", { id: newId(), text }));
  const move = useStableCallback((id: string, toIndex: number) => edit("moveCommitment", { id, toIndex }));
  const currentText = useStableCallback((id: string) => {
    const text = session.handle.doc()?.commitments?.[id]?.text;
    return text === undefined ? undefined : read(text);
  });

  return (
    <Paper component="section" withBorder radius="md" className={classes.section} aria-labelledby="commitments-title">
      <SectionTitle
        id="commitments-title"
        title="Commitments"
        count={commitments.length}
        hint="What we promised the customer, for which requirement, by whom and by when."
      />
      <DamagedItems parts={["commitments"]} />
      <div className={`${classes.head} ${classes.commitmentGrid}`} aria-hidden="true" hidden={commitments.length === 0}>
        <span>What was promised</span>
        <span>Promised by</span>
        <span>Due date</span>
        <span>Status</span>
        <span>Assigned to</span>
        <span />
      </div>
      <NearRowsList
        label="Commitments"
        items={commitments}
        nameOf={(c) => c.text.trim() || capitalised(UNTITLED.commitment)}
        grid={classes.commitmentGrid}
        row={(c, i) => (
          <CommitmentRow
            key={c.id}
            commitment={c}
            requirements={requirementChoices}
            milestones={milestoneNames}
            index={i}
            count={commitments.length}
            onMove={move}
            onRemove={remove}
            currentText={currentText}
          />
        )}
      />
      <Stack gap="sm" className={classes.footer}>
        {commitments.length === 0 && (
          <Text size="sm" c="dimmed">
            No commitments yet. Write down each thing promised to the customer, one at a time.
          </Text>
        )}
        <AddItemForm
          fieldLabel="New commitment"
          buttonLabel="Add commitment"
          placeholder="What was promised, e.g. “Installed and running by 3 March”"
          disabled={readOnly}
          validate={validateCommitmentText}
          onAdd={add}
        />
      </Stack>
    </Paper>
  );
}

function validateCommitmentText(text: string): string | null {
  const r = check(commitmentTextSchema, text);
  return r.ok ? null : r.message;
}

