/**
 * The follow-up call guide, opened from Today, from a reminder or from the account: when
 * we last spoke, what was discussed and what was to happen since; an open question to
 * start with; then the outcome — reached (with the next step and the next agreed time),
 * voicemail (with the script and the retry) or no answer (with the retry). Everything
 * is logged on the account's timeline (shared/commands/follow-ups.ts).
 */
import { useMemo, useState } from "react";
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { check, followUpGuideOf, followUpRecordsOf, localDateOf, rescheduleInputSchema, type FollowUpGuide } from "../../../shared";
import { useOpenAccount } from "../document/open-account";
import { AccountSessionProvider, useAccountQuery } from "../document/hooks";
import { hrefOf } from "../ui/route";
import { useNow } from "../ui/use-now";
import { useNotices } from "../ui/notices";
import { AgreedTimeFields } from "./AgreedTimeFields";
import { downloadCalendar } from "./calendar-file";
import { FollowUpCallForm } from "./FollowUpCallForm";
import { agreedWords, dayWords, PURPOSE_LABEL, relativeWords, viewerTimeZone, whenWords } from "../words/calls";
import classes from "./call-guide.module.css";
import { useEdit } from "../document/hooks";
import { CONTACT_ROLE_LABEL, CALL_OUTCOME_LABEL } from "../words/lifecycle";
import { label, MOST_IMPORTANT_CALL_WORDS } from "../words/labels";
import { MostImportantCall } from "../account/call/MostImportantCall";


function Links({ documentId, accountName }: { documentId: string; accountName?: string }) {
  return (
    <Group gap="md">
      <Anchor href={hrefOf({ page: "today" })} size="sm" c="dimmed">
        ← Today
      </Anchor>
      <Anchor href={hrefOf({ page: "account", documentId })} size="sm" c="dimmed">
        {accountName ? `Open the account “${accountName}”` : "Open the account"}
      </Anchor>
    </Group>
  );
}

export function CallGuidePage({ documentId, followUpId }: { documentId: string; followUpId: string }) {
  const load = useOpenAccount(documentId);
  if (load.state === "ready")
    return (
      <AccountSessionProvider session={load.session}>
        <CallGuideView documentId={documentId} followUpId={followUpId} />
      </AccountSessionProvider>
    );
  const problem =
    load.state === "invalid" ? "The link does not name a Baton account." : load.state === "failed" ? load.message : load.state === "unavailable" ? "This account is not on this device (yet)." : null;
  return (
    <Stack gap="md">
      <Links documentId={documentId} />
      {problem ? (
        <Alert color="orange" variant="light" title="This call guide cannot be shown" role="alert">
          {problem}
        </Alert>
      ) : (
        <Group gap="xs">
          <Loader size="sm" aria-label="Opening the call guide" />
          <Text size="sm" c="dimmed">
            Opening the call guide…
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function CallGuideView({ documentId, followUpId }: { documentId: string; followUpId: string }) {
  const now = useNow(15_000);
  const minute = Math.floor(now / 60_000);
  const zone = useMemo(() => viewerTimeZone(), []);
  const guide = useAccountQuery((d) => followUpGuideOf(d, followUpId, new Date(minute * 60_000 + 59_999).toISOString()), [followUpId, minute]);
  const next = useAccountQuery((d) => followUpRecordsOf(d).find((f) => f.previousId === followUpId) ?? null, [followUpId]);
  if (!guide)
    return (
      <Stack gap="md">
        <Links documentId={documentId} />
        <Alert color="orange" variant="light" title="This call is no longer on the account" role="alert">
          It may have been removed on the other laptop. The account still has its timeline and its other calls.
        </Alert>
      </Stack>
    );
  const { call } = guide;
  const today = localDateOf(new Date(now).toISOString(), zone);
  const other = agreedWords(call.agreedTime, call.timeZone, zone);
  const due = Date.parse(call.agreedTime) <= now;

  // The most important call has its own guide: requirement → commitment → what is delivered when.
  if (call.purpose === "most-important-call")
    return (
      <Stack gap="lg" className={classes.page}>
        <Links documentId={documentId} accountName={guide.accountName} />
        <div>
          <Title order={1}>
            {PURPOSE_LABEL[call.purpose]} — {guide.accountName || "Untitled account"}
          </Title>
          <Text mt={6}>
            Agreed for <strong>{whenWords(call.agreedTime, zone, today)}</strong> your time{other ? ` (${other}, as agreed)` : ""}.
          </Text>
          <WhoToCall contact={guide.contact} />
          <Text size="sm" c="dimmed" mt={2}>
            {MOST_IMPORTANT_CALL_WORDS.aim}
          </Text>
        </div>
        <MostImportantCall occasion="most-important-call" />
      </Stack>
    );

  return (
    <Stack gap="lg" className={classes.page}>
      <Links documentId={documentId} accountName={guide.accountName} />
      <div>
        <Group gap="sm" align="center">
          <Title order={1}>
            {PURPOSE_LABEL[call.purpose]} — {guide.accountName || "Untitled account"}
          </Title>
          {call.outcome ? (
            <Badge color={call.outcome === "reached" ? "green" : "yellow"} variant="light">
              {CALL_OUTCOME_LABEL[call.outcome]}
            </Badge>
          ) : due ? (
            <Badge color="red" variant="light">
              Due {relativeWords(call.agreedTime, now) === "just now" ? "now" : relativeWords(call.agreedTime, now)}
            </Badge>
          ) : (
            <Badge color="indigo" variant="light">
              {relativeWords(call.agreedTime, now)}
            </Badge>
          )}
        </Group>
        <Text mt={6}>
          Agreed for <strong>{whenWords(call.agreedTime, zone, today)}</strong> your time{other ? ` (${other}, as agreed)` : ""}.
        </Text>
        <WhoToCall contact={guide.contact} />
        <CallActions documentId={documentId} guide={guide} />
      </div>

      <div className={classes.columns}>
        <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="open-with-title">
          <Title order={2} id="open-with-title" className={classes.sectionTitle}>
            Open with
          </Title>
          <Stack gap="md">
            <div>
              <Text className={classes.label}>When we last spoke</Text>
              {guide.lastConversation ? (
                <>
                  <Text>
                    {dayWords(localDateOf(guide.lastConversation.at, zone), true)} ({relativeWords(guide.lastConversation.at, now)})
                    {guide.lastConversation.by ? `, ${guide.lastConversation.by.name}` : ""}
                    {guide.lastConversation.source === "meeting" ? ", in a meeting" : guide.lastConversation.source === "call" ? ", on a call" : ", when this callback was agreed"}.
                  </Text>
                  {guide.lastConversation.summary && guide.lastConversation.source !== "follow-up-agreed" && (
                    <Text size="sm" c="dimmed" className={classes.pre}>
                      {guide.lastConversation.summary}
                    </Text>
                  )}
                </>
              ) : (
                <Text c="dimmed">Nothing recorded yet.</Text>
              )}
            </div>
            <div>
              <Text className={classes.label}>What was discussed</Text>
              <dl className={classes.facts}>
                <Fact term="The objection" value={guide.discussed.reason} />
                <Fact term="Notes" value={guide.discussed.notes} />
                <Fact term="They like" value={guide.discussed.feedback.likes} />
                <Fact term="Comfort with the options" value={guide.discussed.feedback.optionsComfort} />
                <Fact term="Price fit" value={guide.discussed.feedback.priceFit} />
                <Fact term="Viable for them" value={guide.discussed.feedback.viability} />
              </dl>
            </div>
            <div>
              <Text className={classes.label}>What was to happen since</Text>
              <dl className={classes.facts}>
                <Fact term="Who else decides" value={guide.toHappen.decisionProcess.otherDecisionMakers} />
                <Fact term="They meet" value={guide.toHappen.decisionProcess.meetingDate ? dayWords(guide.toHappen.decisionProcess.meetingDate, true) : ""} />
                <Fact term="Information they need" value={guide.toHappen.decisionProcess.informationNeeded} />
                <Fact term="Time to review" value={guide.toHappen.decisionProcess.reviewTime} />
                <Fact term="Step agreed last time" value={guide.toHappen.agreedStep?.text ?? ""} />
              </dl>
              {!guide.toHappen.decisionProcess.otherDecisionMakers && !guide.toHappen.decisionProcess.informationNeeded && !guide.toHappen.agreedStep && (
                <Text size="sm" c="dimmed">
                  Nothing was agreed to happen in between. Ask what has changed on their side.
                </Text>
              )}
            </div>
            {guide.attempts.length > 0 && (
              <div>
                <Text className={classes.label}>Tried since</Text>
                <ul className={classes.attempts} aria-label="Calls that did not get through">
                  {guide.attempts.map((a) => (
                    <li key={a.at}>
                      {whenWords(a.at, zone, today)}: {CALL_OUTCOME_LABEL[a.outcome].toLowerCase()}
                      {a.summary ? ` — ${a.summary}` : ""}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Stack>
        </Paper>
        <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="ask-title">
          <Title order={2} id="ask-title" className={classes.sectionTitle}>
            Ask an open question
          </Title>
          <blockquote className={classes.question}>{guide.openQuestions[0]}</blockquote>
          {guide.openQuestions.length > 1 && (
            <>
              <Text size="sm" c="dimmed" mt="sm">
                Or:
              </Text>
              <ul className={classes.more}>
                {guide.openQuestions.slice(1).map((q) => (
                  <li key={q}>{q}</li>
                ))}
              </ul>
            </>
          )}
          <Text size="sm" c="dimmed" mt="md">
            Then advance the sale: resend the material, walk through it again, set up a joint call with the other decision maker, or state the cost of doing nothing.
          </Text>
        </Paper>
      </div>

      <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="outcome-title">
        <Title order={2} id="outcome-title" className={classes.sectionTitle}>
          How did the call go?
        </Title>
        {call.outcome ? (
          <Stack gap="xs">
            <Text>
              Logged: <strong>{CALL_OUTCOME_LABEL[call.outcome]}</strong>
              {call.nextStep ? `. Next step: ${call.nextStep}` : ""}.
            </Text>
            {next ? (
              <Text>
                {call.outcome === "reached" ? "Next call" : "Next try"}: <strong>{whenWords(next.agreedTime, zone, today)}</strong> your time.{" "}
                <Anchor href={hrefOf({ page: "call", documentId, followUpId: next.id })}>Open its call guide</Anchor>
              </Text>
            ) : (
              <Text c="dimmed">No further call is scheduled.</Text>
            )}
          </Stack>
        ) : (
          <FollowUpCallForm guide={guide} now={now} />
        )}
      </Paper>
    </Stack>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  if (!value.trim()) return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** Add to calendar, and move the call to another agreed time. */
/** Who to call: name, role, phone and email, the phone a link that dials. */
function WhoToCall({ contact }: { contact: FollowUpGuide["contact"] }) {
  if (!contact)
    return (
      <Text size="sm" c="orange" mt={2}>
        {MOST_IMPORTANT_CALL_WORDS.noContact}
      </Text>
    );
  return (
    <Text size="sm" mt={2} aria-label="Who to call">
      Call <strong>{contact.name}</strong> ({label(CONTACT_ROLE_LABEL, contact.role).toLowerCase()})
      {contact.phone ? (
        <>
          {" "}
          on{" "}
          {/* Underlined: inside a sentence, colour alone would not say it is a link. */}
          <Anchor href={`tel:${contact.phone.replace(/[^\d+]/g, "")}`} underline="always">
            {contact.phone}
          </Anchor>
        </>
      ) : null}
      {contact.email ? (
        <>
          {" · "}
          <Anchor href={`mailto:${contact.email}`} underline="always">
            {contact.email}
          </Anchor>
        </>
      ) : null}
      .
    </Text>
  );
}

function CallActions({ documentId, guide }: { documentId: string; guide: FollowUpGuide; }) {
  const edit = useEdit();
  const { notify } = useNotices();
  const [moving, setMoving] = useState(false);
  const { call } = guide;
  const [draft, setDraft] = useState({ date: "", time: "", timeZone: call.timeZone });
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <Stack gap="sm" mt="sm">
      <Group gap="sm">
        <Button
          variant="default"
          size="xs"
          onClick={() =>
            void downloadCalendar(
              [{ documentId, accountName: guide.accountName, followUpId: call.id, purpose: call.purpose, agreedTime: call.agreedTime, timeZone: call.timeZone, reason: call.reason, notes: call.notes, contact: guide.contact }],
              `${PURPOSE_LABEL[call.purpose]} ${guide.accountName}`,
            ).catch((e: unknown) => notify({ tone: "error", message: `The calendar file could not be made: ${e instanceof Error ? e.message : String(e)}` }))
          }
        >
          Add to calendar
        </Button>
        {!call.outcome && !moving && (
          <Button variant="subtle" size="xs" onClick={() => setMoving(true)}>
            Move the call
          </Button>
        )}
      </Group>
      {moving && (
        <form
          noValidate
          aria-label="Move the call"
          onSubmit={(e) => {
            e.preventDefault();
            const r = check(rescheduleInputSchema(new Date().toISOString()), draft);
            if (!r.ok) return setErrors(r.errors);
            if (edit("rescheduleFollowUp", { id: call.id, ...r.value })) {
              setMoving(false);
              setErrors({});
              notify({ message: `Moved to ${whenWords(r.value.agreedTime, viewerTimeZone())} (your time).` });
            }
          }}
        >
          <Group gap="sm" align="flex-end">
            <AgreedTimeFields
              label="New"
              value={draft}
              errors={errors}
              onChange={(patch) => {
                setDraft((d) => ({ ...d, ...patch }));
                setErrors((x) => Object.fromEntries(Object.entries(x).filter(([k]) => !(k in patch))));
              }}
            />
            <Group gap="xs" mb={errors.date || errors.time || errors.timeZone ? 22 : 0}>
              <Button type="submit" size="sm">
                Move
              </Button>
              <Button variant="subtle" color="gray" size="sm" onClick={() => setMoving(false)}>
                Cancel
              </Button>
            </Group>
          </Group>
        </form>
      )}
    </Stack>
  );
}
