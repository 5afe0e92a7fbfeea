/** One milestone, every field editable in place; an end before the start is refused. */
import { AssigneeSelect } from "../assignee/AssigneeSelect";
import { memo } from "react";
import { check, milestoneTitleSchema, ownerSchema, type CommitmentView, type EditMilestoneArgs, type MilestoneStatus, type MilestoneView } from "../../../../shared";
import { LiveTextField } from "../../ui/LiveTextField";
import { DateField } from "../../ui/DateField";
import { StatusSelect, MILESTONE_STATUS_COLOR } from "../../ui/StatusSelect";
import { MILESTONE_STATUS_LABEL, UNTITLED } from "../../words/labels";
import { ItemActions } from "../../ui/ItemActions";
import { FulfilledCommitments } from "./FulfilledCommitments";
import { Dependencies } from "./Dependencies";
import { sameRowProps } from "../../ui/stable";
import classes from "../../ui/ItemList.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

export interface MilestoneRowProps {
  milestone: MilestoneView;
  /** Every commitment, to choose the ones this milestone fulfils. */
  commitments: CommitmentView[];
  /** Every milestone, to choose the ones this one waits for. */
  milestones: readonly MilestoneView[];
  index: number;
  count: number;
  /** Stable callbacks (rows redraw only when what they show changed): */
  onMove: (id: string, toIndex: number) => void;
  onRemove: (id: string) => void;
  /** The stored title of a milestone right now (see LiveTextField `current`). */
  currentTitle?: (id: string) => string | undefined;
}

const ENDS_BEFORE_START = "The milestone ends before it starts.";
const messageOf = (r: { ok: true } | { ok: false; message: string }) => (r.ok ? null : r.message);

export const MilestoneRow = memo(function MilestoneRow({ milestone: m, commitments, milestones, index, count, onMove, onRemove, currentTitle }: MilestoneRowProps) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const set = (args: Omit<EditMilestoneArgs, "id">) => edit("editMilestone", { id: m.id, ...args });
  return (
    <li className={`${classes.row} ${classes.milestoneGrid}`} data-item-id={m.id}>
      <div className={classes.cell}>
        <LiveTextField
          label="Milestone title"
          value={m.title}
          multiline
          disabled={readOnly}
          inputClassName={classes.textInput}
          dataControl="text"
          validate={(t) => messageOf(check(milestoneTitleSchema, t))}
          onChange={(title) => set({ title })}
          current={currentTitle && (() => currentTitle(m.id))}
        />
        <FulfilledCommitments milestone={m} commitments={commitments} />
        <Dependencies milestone={m} milestones={milestones} />
      </div>
      <LiveTextField
        label="Milestone owner"
        value={m.owner}
        placeholder="Owner"
        disabled={readOnly}
        validate={(t) => messageOf(check(ownerSchema, t))}
        onChange={(owner) => set({ owner })}
      />
      <DateField
        label="Start date"
        value={m.startDate}
        maxDate={m.endDate}
        disabled={readOnly}
        validate={(start) => (start && m.endDate && m.endDate < start ? ENDS_BEFORE_START : null)}
        onCommit={(startDate) => set({ startDate })}
      />
      <DateField
        label="End date"
        value={m.endDate}
        minDate={m.startDate}
        disabled={readOnly}
        validate={(end) => (end && m.startDate && end < m.startDate ? ENDS_BEFORE_START : null)}
        onCommit={(endDate) => set({ endDate })}
      />
      <StatusSelect<MilestoneStatus>
        label="Milestone status"
        value={m.status}
        labels={MILESTONE_STATUS_LABEL}
        colors={MILESTONE_STATUS_COLOR}
        disabled={readOnly}
        onChange={(status) => set({ status })}
      />
      <AssigneeSelect kind="milestone" id={m.id} what={m.title.trim() || UNTITLED.milestone} />
      <ItemActions
        itemId={m.id}
        index={index}
        count={count}
        removeLabel="Remove milestone"
        disabled={readOnly}
        onMove={(toIndex) => onMove(m.id, toIndex)}
        onRemove={() => onRemove(m.id)}
      />
    </li>
  );
}, sameRowProps);
