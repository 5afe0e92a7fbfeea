/**
 * The account's follow-ups and calls (PRODUCT.md, "Why it exists" 4): the calls still to
 * make with their agreed time (on this device's clock, and in the zone agreed when that
 * differs), the calls made with their outcome, the form to agree a callback, and the
 * customer's feedback and decision process as live fields both laptops edit together.
 */
import { memo, useMemo, useState } from "react";
import { DamagedItems } from "../damage/AccountDamage";
import { ActionIcon, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from "@mantine/core";
import {
  check,
  contactsOf,
  decisionProcessOf,
  decisionTextSchema,
  feedbackOf,
  feedbackTextSchema,
  followUpRecordsOf,
  localDateOf,
  read,
  type FollowUpRecordView,
} from "../../../shared";
import { SectionTitle } from "../ui/SectionTitle";
import { hrefOf } from "../ui/route";
import { LiveTextField } from "../ui/LiveTextField";
import { DateField } from "../ui/DateField";
import { useNotices } from "../ui/notices";
import { useNow } from "../ui/use-now";
import { downloadCalendar } from "./calendar-file";
import { FollowUpForm } from "./FollowUpForm";
import { CorrectFollowUp } from "./CorrectFollowUp";
import { CORRECT_WORDS } from "../words/corrections";
import { agreedWords, PURPOSE_COLOR, PURPOSE_LABEL, viewerTimeZone, whenWords } from "../words/calls";
import classes from "./follow-ups.module.css";
import { useEdit, useReadOnly, useAccountQuery } from "../document/hooks";
import { CALL_OUTCOME_LABEL } from "../words/lifecycle";
import { AssigneeSelect } from "../account/assignee/AssigneeSelect";

export interface FollowUpsSectionProps {
  documentId: string;
}

const messageOf = (r: { ok: true } | { ok: false; message: string }) => (r.ok ? null : r.message);

/** Redrawn only when what it reads changed (not, e.g., while someone types a commitment). */
export const FollowUpsSection = memo(function FollowUpsSection({ documentId }: FollowUpsSectionProps) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const { notify } = useNotices();
  const now = useNow();
  const zone = useMemo(() => viewerTimeZone(), []);
  const today = localDateOf(new Date(now).toISOString(), zone);
  const records = useAccountQuery(followUpRecordsOf);
  const open = records.filter((f) => !f.outcome);
  const done = records.filter((f) => f.outcome).reverse();
  const feedback = useAccountQuery(feedbackOf);
  const dp = useAccountQuery(decisionProcessOf);
  const [adding, setAdding] = useState(false);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const accountName = useAccountQuery((d) => read(d.name));
  const contact = useAccountQuery((d) => contactsOf(d).find((c) => c.role === "decision-maker") ?? null);

  const exportCalls = (calls: FollowUpRecordView[], what: string) =>
    void downloadCalendar(
      calls.map((f) => ({ documentId, accountName, followUpId: f.id, purpose: f.purpose, agreedTime: f.agreedTime, timeZone: f.timeZone, reason: f.reason, notes: f.notes, contact })),
      what,
    ).catch((e: unknown) => notify({ tone: "error", message: `The calendar file could not be made: ${e instanceof Error ? e.message : String(e)}` }));

  const remove = (f: FollowUpRecordView) => {
    if (!edit("removeFollowUp", { id: f.id })) return;
    notify({
      message: `${PURPOSE_LABEL[f.purpose]} of ${whenWords(f.agreedTime, zone, today)} removed.`,
      action: {
        label: "Undo",
        run: () =>
          void edit("recordFollowUp", {
            id: f.id,
            purpose: f.purpose === "most-important-call" ? "call" : f.purpose,
            agreedTime: f.agreedTime,
            timeZone: f.timeZone,
            reason: f.reason,
            notes: f.notes,
            previousId: f.previousId,
            by: f.createdBy ?? { id: "unknown", name: "Unknown" },
            at: f.createdAt,
          }),
      },
    });
  };

  // Before the order the follow-up record is the work itself: shown open. Later it stays one click away.
  const beforeOrder = useAccountQuery((d) => read(d.stage) === "follow-up");
  const showForm = adding || (open.length === 0 && beforeOrder && !readOnly);
  const [details, setDetails] = useState<boolean | null>(null);
  const showDetails = details ?? beforeOrder;

  return (
    <Paper component="section" withBorder radius="md" className={classes.section} aria-labelledby="follow-ups-title">
      <SectionTitle
        id="follow-ups-title"
        title="Follow-ups and calls"
        count={open.length}
        hint="Each callback at the precise time agreed with the customer, why we call, and how each call went."
        right={
          open.length > 0 ? (
            <Button variant="default" size="xs" onClick={() => exportCalls(open, `Calls ${accountName}`)}>
              Add all to calendar
            </Button>
          ) : undefined
        }
      />
      <DamagedItems parts={["followUps", "decisionProcess", "feedback"]} />
      <div className={`${classes.head} ${classes.callGrid}`} aria-hidden="true" hidden={open.length === 0}>
        <span>When (your time)</span>
        <span>Call</span>
        <span>Why</span>
        <span />
      </div>
      <ul className="plain" aria-label="Calls to make">
        {open.map((f) => {
          if (correcting === f.id)
            return (
              <li key={f.id} className={classes.row} data-item-id={f.id}>
                <CorrectFollowUp call={f} onDone={() => setCorrecting(null)} />
              </li>
            );
          const late = Date.parse(f.agreedTime) <= now;
          const other = agreedWords(f.agreedTime, f.timeZone, zone);
          return (
            <li key={f.id} className={`${classes.row} ${classes.callGrid}`} data-item-id={f.id}>
              <div>
                <Text size="sm" fw={600} c={late ? "red" : undefined}>
                  {whenWords(f.agreedTime, zone, today)}
                </Text>
                {other && (
                  <Text size="xs" c="dimmed">
                    Agreed as {other}
                  </Text>
                )}
                {late && (
                  <Badge size="xs" color="red" variant="light" mt={2}>
                    Due
                  </Badge>
                )}
              </div>
              <div>
                <Badge variant="light" color={PURPOSE_COLOR[f.purpose]} radius="sm" className={classes.purpose}>
                  {PURPOSE_LABEL[f.purpose]}
                </Badge>
                <AssigneeSelect kind="follow-up" id={f.id} what={`${PURPOSE_LABEL[f.purpose]}, ${whenWords(f.agreedTime, zone, today)}`} />
              </div>
              <Text size="sm" className={classes.reason}>
                {f.reason || <span className={classes.none}>No reason given</span>}
              </Text>
              <Group gap={6} wrap="nowrap" justify="flex-end">
                <Button component="a" href={hrefOf({ page: "call", documentId, followUpId: f.id })} size="xs" variant="light" aria-label={`Open call guide: ${PURPOSE_LABEL[f.purpose]}, ${whenWords(f.agreedTime, zone, today)}`}>
                  Call guide
                </Button>
                <Button size="xs" variant="subtle" disabled={readOnly} aria-label={CORRECT_WORDS.editCall(`${PURPOSE_LABEL[f.purpose]}, ${whenWords(f.agreedTime, zone, today)}`)} onClick={() => setCorrecting(f.id)}>
                  {CORRECT_WORDS.edit}
                </Button>
                <Tooltip label="Add to calendar (.ics)">
                  <ActionIcon variant="subtle" color="gray" aria-label={`Add to calendar: ${PURPOSE_LABEL[f.purpose]}, ${whenWords(f.agreedTime, zone, today)}`} onClick={() => exportCalls([f], `${PURPOSE_LABEL[f.purpose]} ${accountName}`)}>
                    <CalendarIcon />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Remove">
                  <ActionIcon variant="subtle" color="gray" disabled={readOnly} aria-label={`Remove: ${PURPOSE_LABEL[f.purpose]}, ${whenWords(f.agreedTime, zone, today)}`} onClick={() => remove(f)}>
                    ×
                  </ActionIcon>
                </Tooltip>
              </Group>
            </li>
          );
        })}
      </ul>
      <Stack gap="md" className={classes.footer}>
        {showForm ? (
          <FollowUpForm disabled={readOnly} onDone={open.length > 0 ? () => setAdding(false) : undefined} />
        ) : (
          <Group>
            <Button variant="light" onClick={() => setAdding(true)} disabled={readOnly}>
              Agree a callback
            </Button>
          </Group>
        )}
        {done.length > 0 && (
          <div>
            <Title order={3} className={classes.subTitle}>
              Calls made
            </Title>
            <ul className="plain" aria-label="Calls made">
              {done.map((f) => (
                <li key={f.id} className={classes.doneRow}>
                  <Text size="sm" c="dimmed" className={classes.doneWhen}>
                    {whenWords(f.agreedTime, zone, today)}
                  </Text>
                  <Text size="sm">{PURPOSE_LABEL[f.purpose]}</Text>
                  <Badge size="sm" variant="light" color={f.outcome === "reached" ? "green" : "yellow"}>
                    {f.outcome ? CALL_OUTCOME_LABEL[f.outcome] : ""}
                  </Badge>
                  <Anchor size="sm" href={hrefOf({ page: "call", documentId, followUpId: f.id })}>
                    Details
                  </Anchor>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Stack>
      <Group className={classes.toggle}>
        <Button variant="subtle" size="xs" color="gray" aria-expanded={showDetails} aria-controls="follow-up-details" onClick={() => setDetails(!showDetails)}>
          {showDetails ? "Hide feedback and decision process" : "Show feedback and decision process"}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" className={classes.footer} id="follow-up-details" hidden={!showDetails}>
        <Stack gap="xs" role="group" aria-labelledby="feedback-title">
          <Title order={3} id="feedback-title" className={classes.subTitle}>
            Feedback
          </Title>
          <LiveTextField label="What they like" showLabel value={feedback.likes} multiline disabled={readOnly} validate={(t) => messageOf(check(feedbackTextSchema, t))} onChange={(likes) => edit("editFeedback", { likes })} />
          <LiveTextField label="Comfort with the options" showLabel value={feedback.optionsComfort} multiline disabled={readOnly} validate={(t) => messageOf(check(feedbackTextSchema, t))} onChange={(optionsComfort) => edit("editFeedback", { optionsComfort })} />
          <LiveTextField label="How the price fits" showLabel value={feedback.priceFit} multiline disabled={readOnly} validate={(t) => messageOf(check(feedbackTextSchema, t))} onChange={(priceFit) => edit("editFeedback", { priceFit })} />
          <LiveTextField label="Viable for them?" showLabel value={feedback.viability} multiline disabled={readOnly} validate={(t) => messageOf(check(feedbackTextSchema, t))} onChange={(viability) => edit("editFeedback", { viability })} />
        </Stack>
        <Stack gap="xs" role="group" aria-labelledby="decision-title">
          <Title order={3} id="decision-title" className={classes.subTitle}>
            Decision process
          </Title>
          <LiveTextField label="Who else decides" showLabel value={dp.otherDecisionMakers} disabled={readOnly} validate={(t) => messageOf(check(decisionTextSchema, t))} onChange={(otherDecisionMakers) => edit("editDecisionProcess", { otherDecisionMakers })} />
          <DateField label="When they meet" showLabel value={dp.meetingDate} disabled={readOnly} onCommit={(meetingDate) => edit("editDecisionProcess", { meetingDate })} />
          <LiveTextField label="Information they need" showLabel value={dp.informationNeeded} multiline disabled={readOnly} validate={(t) => messageOf(check(decisionTextSchema, t))} onChange={(informationNeeded) => edit("editDecisionProcess", { informationNeeded })} />
          <LiveTextField label="Time they need to review" showLabel value={dp.reviewTime} disabled={readOnly} validate={(t) => messageOf(check(decisionTextSchema, t))} onChange={(reviewTime) => edit("editDecisionProcess", { reviewTime })} />
        </Stack>
      </SimpleGrid>
    </Paper>
  );
});

function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  );
}
