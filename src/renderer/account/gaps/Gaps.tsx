/**
 * The gaps between what the customer needs, what we promised and what the plan
 * delivers, most urgent first, each with its fix where there is one: a broken link (the
 * item was removed on the other laptop meanwhile) can be removed here; the others are
 * fixed in the row they point at, which "Show" focuses.
 */
import { Button, Group, Paper, Text } from "@mantine/core";
import type { Gap, GapKind } from "../../../../shared";
import { focusItemControl } from "../../ui/ItemActions";
import lists from "../../ui/ItemList.module.css";
import classes from "./Gaps.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

const KIND_WORDS: Record<GapKind, string> = {
  "broken-link": "Broken link",
  "milestone-overdue": "Late",
  "milestone-after-promise": "After the promised date",
  "milestone-dates-out-of-order": "Dates out of order",
  "milestone-before-dependency": "Starts too early",
  "supply-after-promise": "Supply is later",
  "requirement-without-commitment": "No commitment",
  "commitment-without-milestone": "Not planned",
};

const URGENT: ReadonlySet<GapKind> = new Set(["broken-link", "milestone-overdue", "milestone-after-promise", "milestone-dates-out-of-order", "milestone-before-dependency", "supply-after-promise"]);

/** The row a gap is about, to focus its text: the milestone for plan gaps, else the commitment or requirement. */
function targetOf(gap: Gap): { id: string; noun: string } | null {
  if (gap.kind === "requirement-without-commitment" && gap.requirementId) return { id: gap.requirementId, noun: "requirement" };
  if (gap.kind === "commitment-without-milestone" && gap.commitmentId) return { id: gap.commitmentId, noun: "commitment" };
  if (gap.milestoneId) return { id: gap.milestoneId, noun: "milestone" };
  if (gap.commitmentId) return { id: gap.commitmentId, noun: "commitment" };
  return null;
}

function GapRow({ gap }: { gap: Gap; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const target = targetOf(gap);
  const from = gap.milestoneId ? { kind: "milestone" as const, id: gap.milestoneId } : gap.commitmentId ? { kind: "commitment" as const, id: gap.commitmentId } : null;
  return (
    <li className={classes.gap} data-urgent={URGENT.has(gap.kind) || undefined}>
      <span className={classes.kind}>{KIND_WORDS[gap.kind]}</span>
      <Text size="sm" className={classes.message}>
        {gap.message}
      </Text>
      <Group gap={4} wrap="nowrap" className={classes.fixes}>
        {gap.kind === "broken-link" && gap.missing && from && (
          <Button size="compact-sm" variant="light" color="red" disabled={readOnly} onClick={() => edit("removeBrokenLink", { from, missing: gap.missing! })}>
            Remove the link
          </Button>
        )}
        {target && gap.kind !== "broken-link" && (
          <Button size="compact-sm" variant="subtle" onClick={() => focusItemControl(target.id, "text")} aria-label={`Show the ${target.noun}`}>
            Show
          </Button>
        )}
      </Group>
    </li>
  );
}

export function Gaps({ gaps }: { gaps: Gap[]; }) {
  return (
    <Paper component="section" withBorder radius="md" className={`${lists.section} ${classes.section}`} aria-labelledby="gaps-title" data-empty={gaps.length === 0 || undefined}>
      <div className={classes.header}>
        <Text component="h2" id="gaps-title" className={classes.title}>
          {gaps.length ? `Gaps (${gaps.length})` : "No gaps"}
        </Text>
        <Text size="sm" c="dimmed">
          {gaps.length
            ? "Where requirements, commitments and the delivery plan do not meet."
            : "Every requirement has a commitment, every commitment is in the plan, and the dates fit."}
        </Text>
      </div>
      {gaps.length > 0 && (
        <ul className="plain" aria-label="Gaps">
          {gaps.map((g) => (
            <GapRow key={g.key} gap={g} />
          ))}
        </ul>
      )}
    </Paper>
  );
}
