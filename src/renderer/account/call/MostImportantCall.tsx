/**
 * The most important call (PRODUCT.md, "Why it exists" 2): the first call after the
 * order, the next business day. When it is scheduled this shows when, the call guide
 * (requirement → commitment → what will be delivered when, with the proposal and quote
 * references), the concerns noted, and the form to log how it went.
 */
import { useState } from "react";
import { Alert, Badge, Button, Group, Paper, SegmentedControl, Text, TextInput, Title } from "@mantine/core";
import { callGuideOf, check, orderOf, rescheduleCallInputSchema, type ConfirmationOccasion, type OrderView } from "../../../../shared";
import { formatDay, MOST_IMPORTANT_CALL_WORDS } from "../../words/labels";
import { formatMoment, localTimeZone } from "../../ui/clock";
import { DateInputField } from "../../ui/DateInputField";
import { CALL_OUTCOME_LABEL } from "../../words/lifecycle";
import { CallGuideTable } from "./CallGuideTable";
import { Concerns } from "./Concerns";
import { MostImportantCallOutcomeForm } from "./MostImportantCallOutcomeForm";
import lists from "../../ui/ItemList.module.css";
import classes from "./MostImportantCall.module.css";
import { useEdit, useReadOnly, useAccountQuery } from "../../document/hooks";

function References({ proposal, quote, order }: { proposal: string | null; quote: string | null; order: OrderView }) {
  const none = <Text span c="dimmed" size="sm">{MOST_IMPORTANT_CALL_WORDS.notRecorded}</Text>;
  return (
    <dl className={classes.references}>
      <div>
        <dt>{MOST_IMPORTANT_CALL_WORDS.orderReference}</dt>
        <dd>{[order.reference, order.date && formatDay(order.date)].filter(Boolean).join(", ") || none}</dd>
      </div>
      <div>
        <dt>{MOST_IMPORTANT_CALL_WORDS.ordered}</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{order.items.trim() || none}</dd>
      </div>
      <div>
        <dt>Proposal</dt>
        <dd>{proposal ?? <Text span c="dimmed" size="sm">not recorded (Order &amp; payment)</Text>}</dd>
      </div>
      <div>
        <dt>Quote</dt>
        <dd>{quote ?? <Text span c="dimmed" size="sm">not recorded (Order &amp; payment)</Text>}</dd>
      </div>
    </dl>
  );
}

/** Move the call to another day or time, in this person's time zone. */
function MoveCall() {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const [date, setDate] = useState("");
  const [time, setTime] = useState("09:00");
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form
      noValidate
      aria-label="Move the call"
      className={classes.moveCall}
      onSubmit={(e) => {
        e.preventDefault();
        const r = check(rescheduleCallInputSchema, { date, time, timeZone: localTimeZone() });
        if (!r.ok) {
          setErrors(r.errors);
          return;
        }
        setErrors({});
        if (edit("rescheduleMostImportantCall", r.value)) setDate("");
      }}
    >
      <Group gap="xs" align="flex-start" wrap="wrap">
        <DateInputField label="Date" value={date} error={errors.date} disabled={readOnly} w={150} onChange={setDate} />
        <TextInput aria-label="Time" placeholder="HH:MM" value={time} error={errors.time ?? errors.timeZone} disabled={readOnly} w={90} onChange={(e) => setTime(e.currentTarget.value)} />
        <Button type="submit" variant="default" disabled={readOnly}>
          Move the call
        </Button>
      </Group>
    </form>
  );
}

/** @param occasion where the customer's confirmations are given, by default (the person can switch it) */
export function MostImportantCall({ occasion: initial = "most-important-call" }: { occasion?: ConfirmationOccasion } = {}) {
  const guide = useAccountQuery(callGuideOf);
  const order = useAccountQuery(orderOf);
  const [occasion, setOccasion] = useState<ConfirmationOccasion>(initial);
  const call = guide.call;
  if (!call) {
    return (
      <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="call-title">
        <Title order={2} id="call-title">
          Most important call
        </Title>
        <Text size="sm" mt="xs" maw={720}>
          Not scheduled yet. When the account moves to Ordered, Baton schedules it for the next business day at 09:00: the first call after the order,
          before anything is shipped, to walk the customer back through each requirement, what we committed and exactly what will be delivered when.
        </Text>
      </Paper>
    );
  }
  const confirmed = [...guide.rows.flatMap((r) => r.commitments), ...guide.unlinkedCommitments].filter((c) => c.confirmed).length;
  const total = guide.rows.reduce((n, r) => n + r.commitments.length, 0) + guide.unlinkedCommitments.length;
  return (
    <Paper component="section" withBorder radius="md" className={lists.section} aria-labelledby="call-title">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md" className={lists.title}>
        <div>
          <Title order={2} id="call-title">
            Most important call
          </Title>
          <Text size="sm" mt={2}>
            <time dateTime={call.agreedTime}>{formatMoment(call.agreedTime, call.timeZone)}</time>
            <Text span c="dimmed" size="sm">
              {" "}
              ({call.timeZone}
              {call.timeZone !== localTimeZone() ? `; ${formatMoment(call.agreedTime)} your time` : ""})
            </Text>
          </Text>
          <Group gap={6} mt={6}>
            {call.outcome ? (
              <Badge variant="light" color={call.outcome === "reached" ? "teal" : "orange"} radius="sm" tt="none">
                Last attempt: {CALL_OUTCOME_LABEL[call.outcome]}
              </Badge>
            ) : (
              <Badge variant="light" color="blue" radius="sm" tt="none">
                Scheduled
              </Badge>
            )}
            <Badge variant="light" color={total && confirmed === total ? "teal" : "gray"} radius="sm" tt="none">
              {confirmed} of {total} confirmed
            </Badge>
          </Group>
        </div>
        <MoveCall />
      </Group>
      <div className={classes.guide}>
        <References proposal={guide.proposalReference} quote={guide.quoteReference} order={order} />
        <Group gap="sm" px="lg" py="sm">
          <Text size="sm" id="occasion-label">
            {MOST_IMPORTANT_CALL_WORDS.occasionLabel}
          </Text>
          <SegmentedControl
            aria-labelledby="occasion-label"
            size="xs"
            value={occasion}
            onChange={(v) => setOccasion(v === "handoff-meeting" ? "handoff-meeting" : "most-important-call")}
            data={[
              { value: "most-important-call", label: MOST_IMPORTANT_CALL_WORDS.onThisCall },
              { value: "handoff-meeting", label: MOST_IMPORTANT_CALL_WORDS.inHandoffMeeting },
            ]}
          />
        </Group>
        <CallGuideTable guide={guide} occasion={occasion} />
      </div>
      {guide.concerns.some((c) => c.kind === "remorse-signal" && !c.resolved) && (
        <Alert color="orange" variant="light" mx="lg" mt="md" title="Buyer's remorse">
          The customer showed second thoughts. Go back over what they bought and why before delivery starts.
        </Alert>
      )}
      <div className={classes.lowerGrid}>
        <Concerns concerns={guide.concerns} followUpId={call.id} />
        <MostImportantCallOutcomeForm followUpId={call.id} />
      </div>
    </Paper>
  );
}
