/** The delivery plan: milestones with owner, dates, status and the commitments each fulfils, in the agreed order. */
import { Paper, Stack, Text } from "@mantine/core";
import { DamagedItems } from "../damage/AccountDamage";
import type { DocHandle } from "@automerge/automerge-repo/slim";
import { check, milestoneTitleSchema, newId, read, type AccountDoc, type CommitmentView, type MilestoneView } from "../../../../shared";
import { snapshotMilestone } from "../../../../shared/commands/restore";
import { useNotices } from "../../ui/notices";
import { useStableCallback } from "../../ui/stable";
import { AddItemForm } from "../AddItemForm";
import { focusItemControl } from "../ItemActions";
import { SectionTitle } from "../SectionTitle";
import { truncate } from "../commitments/Commitments";
import type { Edit } from "../use-editor";
import { MilestoneRow } from "./MilestoneRow";
import classes from "../ItemList.module.css";

export interface DeliveryPlanProps {
  handle: DocHandle<AccountDoc>;
  milestones: MilestoneView[];
  /** To choose the commitments each milestone fulfils. */
  commitments: CommitmentView[];
  edit: Edit;
  readOnly: boolean;
}

export function DeliveryPlan({ handle, milestones, commitments, edit, readOnly }: DeliveryPlanProps) {
  const { notify } = useNotices();

  const remove = useStableCallback((id: string) => {
    const index = milestones.findIndex((x) => x.id === id);
    const m = milestones[index];
    if (!m) return;
    let snapshot;
    try {
      snapshot = snapshotMilestone(handle.doc(), m.id);
    } catch (e) {
      notify({ tone: "error", message: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (!edit("removeMilestone", { id: m.id })) return;
    const next = milestones[index + 1] ?? milestones[index - 1];
    if (next) focusItemControl(next.id, "text");
    else document.querySelector<HTMLElement>('[aria-label="New milestone"]')?.focus();
    const saved = snapshot;
    notify({
      message: `Milestone removed: “${truncate(m.title)}”.`,
      action: { label: "Undo", run: () => void edit("restoreMilestone", saved) },
    });
  });
  const add = useStableCallback((title: string) => edit("addMilestone", { id: newId(), title }));
  const move = useStableCallback((id: string, toIndex: number) => edit("moveMilestone", { id, toIndex }));
  const currentTitle = useStableCallback((id: string) => {
    const title = handle.doc()?.milestones?.[id]?.title;
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
        <span />
      </div>
      <ul className="plain" aria-label="Delivery plan">
        {milestones.map((m, i) => (
          <MilestoneRow
            key={m.id}
            milestone={m}
            commitments={commitments}
            index={i}
            count={milestones.length}
            edit={edit}
            readOnly={readOnly}
            onMove={move}
            onRemove={remove}
            currentTitle={currentTitle}
          />
        ))}
      </ul>
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
