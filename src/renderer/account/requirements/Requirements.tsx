/** The customer's requirements, each with its source; commitments say which one they meet. */
import { Paper, Stack, Text } from "@mantine/core";
import { DamagedItems } from "../../damage/AccountDamage";
import { type CommitmentView, type RequirementView } from "../../../../shared";
import { useMemo } from "react";
import { SectionTitle } from "../../ui/SectionTitle";
import { AddRequirementForm } from "./AddRequirementForm";
import { RequirementRow } from "./RequirementRow";
import lists from "../../ui/ItemList.module.css";
import classes from "./Requirements.module.css";
import { useReadOnly } from "../../document/hooks";
import { useRemoveWithUndo } from "../../document/remove-with-undo";

export interface RequirementsProps {
  requirements: RequirementView[];
  commitments: CommitmentView[];
}

export function Requirements({ requirements, commitments }: RequirementsProps) {
  const readOnly = useReadOnly();
  const byId = useMemo(() => new Map(commitments.map((c) => [c.id, c])), [commitments]);

  const remove = useRemoveWithUndo("requirement", requirements, (r) => r.text);

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
        <AddRequirementForm disabled={readOnly} />
      </Stack>
    </Paper>
  );
}
