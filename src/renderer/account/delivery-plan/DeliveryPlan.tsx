/** The delivery plan: milestones with owner, dates, status and the commitments each fulfils, in the agreed order. */
import { Paper, Stack, Text } from "@mantine/core";
import { DamagedItems } from "../../damage/AccountDamage";
import { check, milestoneTitleSchema, newId, read, type CommitmentView, type MilestoneView } from "../../../../shared";
import { useStableCallback } from "../../ui/stable";
import { NearRowsList } from "../../ui/near-rows";
import { AddItemForm } from "../../ui/AddItemForm";
import { SectionTitle } from "../../ui/SectionTitle";
import { MilestoneRow } from "./MilestoneRow";
import classes from "../../ui/ItemList.module.css";
import { useEdit, useReadOnly, useAccountSession } from "../../document/hooks";
import { useRemoveWithUndo } from "../../document/remove-with-undo";
import { capitalised, UNTITLED } from "../../words/labels";

export interface DeliveryPlanProps {
  milestones: MilestoneView[];
  /** To choose the commitments each milestone fulfils. */
  commitments: CommitmentView[];
}

export function DeliveryPlan({ milestones, commitments }: DeliveryPlanProps) {
  const session = useAccountSession();
  const edit = useEdit();
  const readOnly = useReadOnly();

  const remove = useRemoveWithUndo("milestone", milestones, (m) => m.title);
  const add = useStableCallback((title: string) => edit("addMilestone", { id: newId(), title }));
  const move = useStableCallback((id: string, toIndex: number) => edit("moveMilestone", { id, toIndex }));
  const currentTitle = useStableCallback((id: string) => {
    const title = session.handle.doc()?.milestones?.[id]?.title;
    return title === undefined ? undefined : read(title);
  });

  return (
    <Paper component="section" withBorder radius="md" className={classes.section} aria-labelledby="plan-title">
      <SectionTitle id="plan-title" title="Delivery plan" count={milestones.length} hint="The milestones agreed with the delivery team: who, from when to when, and which commitments each one fulfils." />
      <DamagedItems parts={["milestones"]} />
      <div className={`${classes.head} ${classes.milestoneGrid}`} aria-hidden="true" hidden={milestones.length === 0}>
        <span>Milestone</span>
        <span>Owner</span>
        <span>Start date</span>
        <span>End date</span>
        <span>Status</span>
        <span>Assigned to</span>
        <span />
      </div>
      <NearRowsList
        label="Delivery plan"
        items={milestones}
        nameOf={(m) => m.title.trim() || capitalised(UNTITLED.milestone)}
        grid={classes.milestoneGrid}
        row={(m, i) => (
          <MilestoneRow
            key={m.id}
            milestone={m}
            commitments={commitments}
            milestones={milestones}
            index={i}
            count={milestones.length}
            onMove={move}
            onRemove={remove}
            currentTitle={currentTitle}
          />
        )}
      />
      <Stack gap="sm" className={classes.footer}>
        {milestones.length === 0 && (
          <Text size="sm" c="dimmed">
            No milestones yet. Plan the delivery step by step: what happens, who owns it, from when to when.
          </Text>
        )}
        <AddItemForm
          fieldLabel="New milestone"
          buttonLabel="Add milestone"
          placeholder="A milestone, e.g. “Kick-off with the customer's team”"
          disabled={readOnly}
          validate={validateMilestoneTitle}
          onAdd={add}
        />
      </Stack>
    </Paper>
  );
}

function validateMilestoneTitle(text: string): string | null {
  const r = check(milestoneTitleSchema, text);
  return r.ok ? null : r.message;
}
