/** One commitment, every field editable in place. */
import { check, commitmentTextSchema, editCommitment, ownerSchema, type CommitmentStatus, type CommitmentView } from "../../../../shared";
import { LiveTextField } from "../../ui/LiveTextField";
import { DateField } from "../../ui/DateField";
import { StatusSelect, COMMITMENT_STATUS_COLOR } from "../../ui/StatusSelect";
import { COMMITMENT_STATUS_LABEL } from "../../ui/labels";
import { ItemActions } from "../ItemActions";
import type { Edit } from "../use-editor";
import classes from "../ItemList.module.css";

export interface CommitmentRowProps {
  commitment: CommitmentView;
  index: number;
  count: number;
  edit: Edit;
  readOnly: boolean;
  onMove: (toIndex: number) => void;
  onRemove: () => void;
}

const messageOf = (r: { ok: true } | { ok: false; message: string }) => (r.ok ? null : r.message);

export function CommitmentRow({ commitment: c, index, count, edit, readOnly, onMove, onRemove }: CommitmentRowProps) {
  const set = (what: string, args: Omit<Parameters<typeof editCommitment>[1], "id">) => edit(what, (d) => editCommitment(d, { id: c.id, ...args }));
  return (
    <li className={`${classes.row} ${classes.commitmentGrid}`} data-item-id={c.id}>
      <div>
        <LiveTextField
          label="Commitment text"
          value={c.text}
          multiline
          disabled={readOnly}
          inputClassName={classes.textInput}
          validate={(t) => messageOf(check(commitmentTextSchema, t))}
          onChange={(text) => set("Edited a commitment", { text })}
          dataControl="text"
        />
      </div>
      <LiveTextField
        label="Promised by"
        value={c.promisedBy}
        placeholder="Who promised"
        disabled={readOnly}
        validate={(t) => messageOf(check(ownerSchema, t))}
        onChange={(promisedBy) => set("Changed who promised a commitment", { promisedBy })}
      />
      <DateField label="Due date" value={c.dueDate} disabled={readOnly} onCommit={(dueDate) => set("Changed a commitment's due date", { dueDate })} />
      <StatusSelect<CommitmentStatus>
        label="Commitment status"
        value={c.status}
        labels={COMMITMENT_STATUS_LABEL}
        colors={COMMITMENT_STATUS_COLOR}
        disabled={readOnly}
        onChange={(status) => set("Changed a commitment's status", { status })}
      />
      <ItemActions itemId={c.id} index={index} count={count} removeLabel="Remove commitment" disabled={readOnly} onMove={onMove} onRemove={onRemove} />
    </li>
  );
}
