/** The account's commitments: what we promised, by whom, by when, and where it stands. */
import { Paper, Stack, Text } from "@mantine/core";
import type { DocHandle } from "@automerge/automerge-repo/slim";
import { addCommitment, check, commitmentTextSchema, moveCommitment, newId, removeCommitment, type AccountDoc, type CommitmentView } from "../../../../shared";
import { restoreCommitment, snapshotCommitment } from "../../../../shared/commands/restore";
import { useProfile } from "../../sync/context";
import { useNotices } from "../../ui/notices";
import { AddItemForm } from "../AddItemForm";
import { focusItemControl } from "../ItemActions";
import { SectionTitle } from "../SectionTitle";
import type { Edit } from "../use-editor";
import { CommitmentRow } from "./CommitmentRow";
import classes from "../ItemList.module.css";

export interface CommitmentsProps {
  handle: DocHandle<AccountDoc>;
  commitments: CommitmentView[];
  edit: Edit;
  readOnly: boolean;
}

export function Commitments({ handle, commitments, edit, readOnly }: CommitmentsProps) {
  const profile = useProfile();
  const { notify } = useNotices();

  const remove = (c: CommitmentView, index: number) => {
    let snapshot;
    try {
      snapshot = snapshotCommitment(handle.doc(), c.id);
    } catch (e) {
      notify({ tone: "error", message: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (!edit("Removed a commitment", (d) => removeCommitment(d, { id: c.id }))) return;
    const next = commitments[index + 1] ?? commitments[index - 1];
    if (next) focusItemControl(next.id, "text");
    else document.querySelector<HTMLElement>('[aria-label="New commitment"]')?.focus();
    const saved = snapshot;
    notify({
      message: `Commitment removed: “${truncate(c.text)}”.`,
      action: { label: "Undo", run: () => void edit("Restored a commitment", (d) => restoreCommitment(d, saved)) },
    });
  };

  return (
    <Paper component="section" withBorder radius="md" className={classes.section} aria-labelledby="commitments-title">
      <SectionTitle id="commitments-title" title="Commitments" count={commitments.length} hint="What we promised the customer, by whom and by when." />
      <div className={`${classes.head} ${classes.commitmentGrid}`} aria-hidden="true" hidden={commitments.length === 0}>
        <span>What was promised</span>
        <span>Promised by</span>
        <span>Due date</span>
        <span>Status</span>
        <span />
      </div>
      <ul className="plain" aria-label="Commitments">
        {commitments.map((c, i) => (
          <CommitmentRow
            key={c.id}
            commitment={c}
            index={i}
            count={commitments.length}
            edit={edit}
            readOnly={readOnly}
            onMove={(toIndex) => edit("Moved a commitment", (d) => moveCommitment(d, { id: c.id, toIndex }))}
            onRemove={() => remove(c, i)}
          />
        ))}
      </ul>
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
          validate={(text) => {
            const r = check(commitmentTextSchema, text);
            return r.ok ? null : r.message;
          }}
          onAdd={(text) => edit("Added a commitment", (d) => addCommitment(d, { id: newId(), text, by: profile, at: new Date().toISOString() }))}
        />
      </Stack>
    </Paper>
  );
}

export function truncate(text: string, max = 60): string {
  const t = text.trim() || "untitled";
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
