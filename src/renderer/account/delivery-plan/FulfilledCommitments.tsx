/**
 * Which commitments a milestone fulfils: their names under the milestone, and a small
 * checklist to change them. Each tick is one `linkCommitment`, so two people linking
 * different commitments at once both keep theirs.
 */
import { Checkbox, Stack, Text } from "@mantine/core";
import { LazyPopover } from "../../ui/LazyPopover";
import type { CommitmentView, MilestoneView } from "../../../../shared";
import classes from "../../ui/ItemList.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

export interface FulfilledCommitmentsProps {
  milestone: MilestoneView;
  commitments: CommitmentView[];
}

const name = (text: string) => {
  const t = text.trim() || "untitled";
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
};

export function FulfilledCommitments({ milestone: m, commitments }: FulfilledCommitmentsProps) {
  const readOnly = useReadOnly();
  const linked = commitments.filter((c) => m.commitmentIds.includes(c.id));
  return (
    <div className={classes.links}>
      <span className={`${classes.note} ${classes.plannedIn}`} data-warn={linked.length ? undefined : true}>
        {linked.length ? `Fulfils ${linked.map((c) => `“${name(c.text)}”`).join(", ")}` : "Fulfils no commitment yet"}
      </span>
      <LazyPopover buttonClassName={classes.linkButton} buttonLabel="Choose commitments" disabled={readOnly}>
        <CommitmentChoices milestone={m} commitments={commitments} />
      </LazyPopover>
    </div>
  );
}

/** The checklist, drawn while it is open. */
function CommitmentChoices({ milestone: m, commitments }: FulfilledCommitmentsProps) {
  const edit = useEdit();
  if (commitments.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No commitments yet: add them under Commitments first.
      </Text>
    );
  return (
    <fieldset className={classes.choices}>
      <legend>
        <Text size="sm" fw={600}>
          Commitments this milestone fulfils
        </Text>
      </legend>
      <Stack gap={6} mt={6}>
        {commitments.map((c) => (
          <Checkbox
            key={c.id}
            checked={m.commitmentIds.includes(c.id)}
            label={name(c.text)}
            onChange={(e) => edit("linkCommitment", { milestoneId: m.id, commitmentId: c.id, linked: e.currentTarget.checked })}
          />
        ))}
      </Stack>
    </fieldset>
  );
}
