/**
 * Correct what a logged call, meeting or note says. The correction is an attributed
 * change: the entry keeps who logged it, and the timeline shows who corrected it and when.
 */
import { useState } from "react";
import { Button, Group, Popover, Stack, Textarea } from "@mantine/core";
import { activityInputSchema, check } from "../../../../shared";
import { useEdit, useReadOnly } from "../../document/hooks";
import { CORRECT_WORDS } from "../../words/corrections";

export function CorrectActivity({ id, summary }: { id: string; summary: string }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(summary);
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    if (!text.trim()) return setError(CORRECT_WORDS.activityEmpty);
    const r = check(activityInputSchema.shape.summary, text);
    if (!r.ok) return setError(r.message);
    if (r.value !== summary.trim() && !edit("editActivity", { id, summary: r.value })) return;
    setOpen(false);
  };
  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" width={420} trapFocus returnFocus withArrow shadow="md">
      <Popover.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          disabled={readOnly}
          onClick={() => {
            setText(summary);
            setError(null);
            setOpen((o) => !o);
          }}
          aria-expanded={open}
          aria-haspopup="dialog"
        >
          {CORRECT_WORDS.edit}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          noValidate
          aria-label={CORRECT_WORDS.editActivity}
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Stack gap="xs">
            <Textarea label={CORRECT_WORDS.activity} value={text} autosize minRows={2} maxRows={8} error={error} data-autofocus onChange={(e) => (setText(e.currentTarget.value), setError(null))} />
            <Group justify="flex-end" gap="xs">
              <Button variant="subtle" color="gray" size="xs" onClick={() => setOpen(false)}>
                {CORRECT_WORDS.cancel}
              </Button>
              <Button type="submit" size="xs">
                {CORRECT_WORDS.save}
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
