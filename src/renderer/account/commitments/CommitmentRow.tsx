/** One commitment, every field editable in place, with the requirement it meets and the milestones that deliver it. */
import { AssigneeSelect } from "../assignee/AssigneeSelect";
import { memo } from "react";
import { check, commitmentTextSchema, ownerSchema, type CommitmentStatus, type CommitmentView, type EditCommitmentArgs } from "../../../../shared";
import { LiveTextField } from "../../ui/LiveTextField";
import { DateField } from "../../ui/DateField";
import { StatusSelect, COMMITMENT_STATUS_COLOR } from "../../ui/StatusSelect";
import { COMMITMENT_STATUS_LABEL, UNTITLED } from "../../words/labels";
import { inputClass } from "../../ui/PlainField";
import { ItemActions } from "../../ui/ItemActions";
import { sameRowProps } from "../../ui/stable";
import classes from "../../ui/ItemList.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

/** A requirement or milestone as a commitment row names it. */
export interface LinkTarget {
  id: string;
  name: string;
}

export interface CommitmentRowProps {
  commitment: CommitmentView;
  /** The requirements it can meet, in list order. */
  requirements: LinkTarget[];
  /** Milestones by id, to name the ones that deliver it. */
  milestones: Map<string, LinkTarget>;
  index: number;
  count: number;
  /** Stable callbacks (rows redraw only when what they show changed): */
  onMove: (id: string, toIndex: number) => void;
  onRemove: (id: string) => void;
  /** The stored text of a commitment right now (see LiveTextField `current`). */
  currentText?: (id: string) => string | undefined;
}

const messageOf = (r: { ok: true } | { ok: false; message: string }) => (r.ok ? null : r.message);
const NONE = "";

function RequirementChoice({ commitment: c, requirements }: Pick<CommitmentRowProps, "commitment" | "requirements"  >) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const options = [{ value: NONE, label: "No requirement" }, ...requirements.map((r) => ({ value: r.id, label: r.name }))];
  // A link to a requirement removed on the other laptop stays visible (the gaps list offers the fix).
  if (c.requirementId && !requirements.some((r) => r.id === c.requirementId)) options.push({ value: c.requirementId, label: "A removed requirement" });
  return (
    <select
      aria-label="Meets requirement"
      value={c.requirementId ?? NONE}
      disabled={readOnly}
      className={inputClass("xs", classes.linkSelect)}
      onChange={(e) => edit("linkRequirement", { commitmentId: c.id, requirementId: e.currentTarget.value || null })}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export const CommitmentRow = memo(function CommitmentRow({ commitment: c, requirements, milestones, index, count, onMove, onRemove, currentText }: CommitmentRowProps) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const set = (args: Omit<EditCommitmentArgs, "id">) => edit("editCommitment", { id: c.id, ...args });
  const plannedIn = c.milestoneIds.map((id) => milestones.get(id)?.name).filter((n): n is string => !!n);
  return (
    <li className={`${classes.row} ${classes.commitmentGrid}`} data-item-id={c.id}>
      <div className={classes.cell}>
        <LiveTextField
          label="Commitment text"
          value={c.text}
          multiline
          disabled={readOnly}
          inputClassName={classes.textInput}
          validate={(t) => messageOf(check(commitmentTextSchema, t))}
          onChange={(text) => set({ text })}
          current={currentText && (() => currentText(c.id))}
          dataControl="text"
        />
        <div className={classes.links}>
          <span className={classes.note}>Meets</span>
          <RequirementChoice commitment={c} requirements={requirements} />
          <span className={`${classes.note} ${classes.plannedIn}`} data-warn={plannedIn.length ? undefined : true}>
            {plannedIn.length ? `Planned in ${plannedIn.map((n) => `“${n}”`).join(", ")}` : "Not in the delivery plan"}
          </span>
          {c.confirmed && <span className={classes.confirmed}>Customer confirmed</span>}
        </div>
      </div>
      <LiveTextField
        label="Promised by"
        value={c.promisedBy}
        placeholder="Who promised"
        disabled={readOnly}
        validate={(t) => messageOf(check(ownerSchema, t))}
        onChange={(promisedBy) => set({ promisedBy })}
      />
      <DateField label="Due date" value={c.dueDate} disabled={readOnly} onCommit={(dueDate) => set({ dueDate })} />
      <StatusSelect<CommitmentStatus>
        label="Commitment status"
        value={c.status}
        labels={COMMITMENT_STATUS_LABEL}
        colors={COMMITMENT_STATUS_COLOR}
        disabled={readOnly}
        onChange={(status) => set({ status })}
      />
      <AssigneeSelect kind="commitment" id={c.id} what={c.text.trim() || UNTITLED.commitment} />
      <ItemActions
        itemId={c.id}
        index={index}
        count={count}
        removeLabel="Remove commitment"
        disabled={readOnly}
        onMove={(toIndex) => onMove(c.id, toIndex)}
        onRemove={() => onRemove(c.id)}
      />
    </li>
  );
}, sameRowProps);
