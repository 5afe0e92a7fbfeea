/**
 * The call guide: each requirement, the commitment that meets it and precisely what will
 * be delivered when (from the plan), with "Customer confirmed" to tick as the rep walks
 * the customer through it.
 */
import { Checkbox, Table, Text } from "@mantine/core";
import type { CallGuide, CallGuideCommitment, ConfirmationOccasion } from "../../../../shared";
import { formatDay } from "../../words/labels";
import { REQUIREMENT_SOURCE_LABEL } from "../../words/lifecycle";
import classes from "./MostImportantCall.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

const OCCASION_WORDS: Record<ConfirmationOccasion, string> = {
  "most-important-call": "on the most important call",
  "handoff-meeting": "in the handoff meeting",
};

function dates(start: string | null, end: string | null): string {
  if (start && end) return `${formatDay(start)} – ${formatDay(end)}`;
  if (end) return `by ${formatDay(end)}`;
  if (start) return `from ${formatDay(start)}`;
  return "no dates yet";
}

function CommitmentCells({ c, occasion }: { c: CallGuideCommitment; occasion: ConfirmationOccasion }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const name = c.text.trim() || "untitled";
  return (
    <>
      <Table.Td className={classes.cell}>
        <Text size="sm">{name}</Text>
        <Text size="xs" c="dimmed">
          {[c.promisedBy && `promised by ${c.promisedBy}`, c.dueDate && `due ${formatDay(c.dueDate)}`].filter(Boolean).join(", ") || "no due date"}
        </Text>
      </Table.Td>
      <Table.Td className={classes.cell}>
        {c.milestones.length ? (
          <ul className={`plain ${classes.milestones}`} aria-label={`Milestones for “${name}”`}>
            {c.milestones.map((m) => (
              <li key={m.id}>
                <Text size="sm" span>
                  {m.title.trim() || "untitled"}
                </Text>
                <Text size="xs" c="dimmed" span>
                  {" "}
                  {dates(m.startDate, m.endDate)}
                </Text>
              </li>
            ))}
          </ul>
        ) : (
          <Text size="sm" c="orange">
            Not in the delivery plan yet
          </Text>
        )}
      </Table.Td>
      <Table.Td className={classes.cell}>
        <Checkbox
          label="Confirmed"
          aria-label={`Customer confirmed: ${name}`}
          checked={c.confirmed !== null}
          disabled={readOnly}
          onChange={(e) => edit("confirmCommitment", { commitmentId: c.id, occasion, confirmed: e.currentTarget.checked })}
        />
        {c.confirmed && (
          <Text size="xs" c="dimmed" mt={2}>
            {OCCASION_WORDS[c.confirmed.occasion] ?? ""}, {formatDay(c.confirmed.at)}
          </Text>
        )}
      </Table.Td>
    </>
  );
}

/** @param occasion where a tick records the customer confirmed: on the most important call or in the handoff meeting */
export function CallGuideTable({ guide, occasion }: { guide: CallGuide; occasion: ConfirmationOccasion }) {
  if (!guide.rows.length && !guide.unlinkedCommitments.length) {
    return (
      <Text size="sm" c="dimmed" className={classes.empty}>
        Nothing to walk through yet: record the customer's requirements and the commitments that meet them under Promises &amp; plan.
      </Text>
    );
  }
  return (
    <Table className={classes.table} verticalSpacing={8} horizontalSpacing="lg" layout="fixed" aria-label="Call guide">
      <Table.Thead>
        <Table.Tr>
          <Table.Th className={classes.colRequirement}>Requirement</Table.Th>
          <Table.Th className={classes.colCommitment}>Our commitment</Table.Th>
          <Table.Th className={classes.colPlan}>What will be delivered, when</Table.Th>
          <Table.Th className={classes.colConfirmed}>Customer</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {guide.rows.map(({ requirement: r, commitments }) => {
          const head = (
            <Table.Th scope="rowgroup" rowSpan={Math.max(1, commitments.length)} className={classes.requirement}>
              <Text size="sm" fw={500}>
                {r.text.trim() || "untitled"}
              </Text>
              <Text size="xs" c="dimmed">
                {REQUIREMENT_SOURCE_LABEL[r.source] ?? r.source}
                {r.sourceReference ? `: ${r.sourceReference}` : ""}
              </Text>
            </Table.Th>
          );
          if (!commitments.length) {
            return (
              <Table.Tr key={r.id}>
                {head}
                <Table.Td colSpan={3} className={classes.cell}>
                  <Text size="sm" c="orange">
                    No commitment meets this requirement — raise it on the call.
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          }
          return commitments.map((c, i) => (
            <Table.Tr key={`${r.id}:${c.id}`}>
              {i === 0 && head}
              <CommitmentCells c={c} occasion={occasion} />
            </Table.Tr>
          ));
        })}
        {guide.unlinkedCommitments.length > 0 && (
          <>
            <Table.Tr>
              <Table.Th colSpan={4} scope="colgroup" className={classes.groupHead}>
                Commitments not tied to a requirement
              </Table.Th>
            </Table.Tr>
            {guide.unlinkedCommitments.map((c) => (
              <Table.Tr key={`unlinked:${c.id}`}>
                <Table.Td className={classes.cell}>
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                </Table.Td>
                <CommitmentCells c={c} occasion={occasion} />
              </Table.Tr>
            ))}
          </>
        )}
      </Table.Tbody>
    </Table>
  );
}
