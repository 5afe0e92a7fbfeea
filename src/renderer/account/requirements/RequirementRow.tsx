/** One requirement of the customer's: what, where it came from, and which commitments meet it. */
import { memo } from "react";
import { NativeSelect, Text } from "@mantine/core";
import { check, requirementInputSchema, type CommitmentView, type RequirementSource, type RequirementView } from "../../../../shared";
import { LiveTextField } from "../../ui/LiveTextField";
import { REQUIREMENT_SOURCE_LABEL, optionsOf } from "../../words/lifecycle";
import { ItemActions } from "../../ui/ItemActions";
import { sameRowProps } from "../../ui/stable";
import lists from "../../ui/ItemList.module.css";
import classes from "./Requirements.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

export interface RequirementRowProps {
  requirement: RequirementView;
  /** Every commitment, to name the ones that meet this requirement. */
  commitments: Map<string, CommitmentView>;
  index: number;
  count: number;
  /** Stable callback (rows redraw only when what they show changed). */
  onRemove: (id: string) => void;
}

const fieldError = (field: "text" | "sourceReference", value: string) => {
  const r = check(requirementInputSchema.shape[field], value);
  return r.ok ? null : r.message;
};

export const RequirementRow = memo(function RequirementRow({ requirement: r, commitments, index, count, onRemove }: RequirementRowProps) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const metBy = r.commitmentIds.map((id) => commitments.get(id)).filter((c): c is CommitmentView => !!c && c.status !== "dropped");
  return (
    <li className={`${lists.row} ${classes.grid}`} data-item-id={r.id}>
      <div className={classes.main}>
        <LiveTextField
          label="Requirement"
          value={r.text}
          multiline
          disabled={readOnly}
          inputClassName={lists.textInput}
          dataControl="text"
          validate={(t) => fieldError("text", t)}
          onChange={(text) => edit("editRequirement", { id: r.id, text })}
        />
        <Text size="xs" c={metBy.length ? "dimmed" : "orange"} mt={4} className={classes.metBy}>
          {metBy.length ? <>Met by {metBy.map((c) => `“${c.text.trim() || "untitled"}”`).join(", ")}</> : "No commitment meets it yet."}
        </Text>
      </div>
      <NativeSelect
        aria-label="Source"
        value={r.source}
        data={optionsOf(REQUIREMENT_SOURCE_LABEL)}
        disabled={readOnly}
        onChange={(e) => edit("editRequirement", { id: r.id, source: e.currentTarget.value as RequirementSource })}
      />
      <LiveTextField
        label="Source reference"
        value={r.sourceReference}
        placeholder="Which note, email…"
        disabled={readOnly}
        validate={(t) => fieldError("sourceReference", t)}
        onChange={(sourceReference) => edit("editRequirement", { id: r.id, sourceReference })}
      />
      <ItemActions
        itemId={r.id}
        index={index}
        count={count}
        removeLabel="Remove requirement"
        disabled={readOnly}
        onMove={(toIndex) => edit("moveRequirement", { id: r.id, toIndex })}
        onRemove={() => onRemove(r.id)}
      />
    </li>
  );
}, sameRowProps);
