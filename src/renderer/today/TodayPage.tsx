/**
 * Today — the start page: overdue, today's and upcoming calls and follow-ups (most
 * important calls and handoff meetings included), milestones due, overdue payments and
 * accounts with open risks, each a click away from its account. Drawn from the node's
 * summaries only (`todayOf`), never by opening accounts.
 */
import { useMemo, useState } from "react";
import { Anchor, Badge, Button, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import type { TodayCall, TodayView } from "../../../shared";
import { hrefOf } from "../ui/route";
import { useNotices } from "../ui/notices";
import { label, STAGE_LABEL } from "../words/labels";
import { agreedWords, dayWords, PURPOSE_COLOR, PURPOSE_LABEL, relativeWords, whenWords } from "../words/calls";
import { downloadCalendar } from "../follow-ups/calendar-file";
import { useToday, type TodayScope } from "./use-today";
import { StayClose } from "./StayClose";
import { TODAY_WORDS } from "../words/labels";
import classes from "./today.module.css";

/** Rows drawn per group before "Show all": a person with 1,000 accounts still gets a quick page. */
const FIRST_ROWS = 50;

const SEVERITY_COLOR: Record<string, string> = { high: "red", medium: "orange", low: "yellow" };

export function TodayPage() {
  const [scope, setScope] = useState<TodayScope>("mine");
  const { view, now, timeZone } = useToday(scope);
  if (!view)
    return (
      <Group justify="center" p="xl">
        <Loader size="sm" aria-label="Loading Today" />
      </Group>
    );
  return <TodayContent view={view} now={now} timeZone={timeZone} scope={scope} onScope={setScope} />;
}

function TodayContent({ view, now, timeZone, scope, onScope }: { view: TodayView; now: number; timeZone: string; scope: TodayScope; onScope: (s: TodayScope) => void }) {
  const { notify } = useNotices();
  const { calls } = view;
  const openCalls = calls.overdue.length + calls.today.length + calls.upcoming.length;
  const nothing = openCalls === 0 && view.milestones.length === 0 && view.payments.length === 0 && view.risks.length === 0;
  const exportable = useMemo(() => [...calls.today, ...calls.upcoming], [calls]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Today</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {dayWords(view.date, true)} · times in {timeZone.replace(/_/g, " ")}
          </Text>
        </div>
        <SegmentedControl
          aria-label={TODAY_WORDS.scopeLabel}
          value={scope}
          onChange={(v) => onScope(v === "everyone" ? "everyone" : "mine")}
          data={[
            { value: "mine", label: TODAY_WORDS.mine },
            { value: "everyone", label: TODAY_WORDS.everyone },
          ]}
        />
        <Button
          variant="default"
          disabled={exportable.length === 0}
          onClick={() =>
            void downloadCalendar(
              exportable.map((c) => ({ documentId: c.documentId, accountName: c.accountName, followUpId: c.followUpId, purpose: c.purpose, agreedTime: c.agreedTime, timeZone: c.timeZone, reason: c.reason })),
              "Baton upcoming calls",
              "Baton calls",
            ).catch((e: unknown) => notify({ tone: "error", message: `The calendar file could not be made: ${e instanceof Error ? e.message : String(e)}` }))
          }
        >
          Add upcoming calls to calendar
        </Button>
      </Group>

      <StayClose />

      {nothing && (
        <Paper withBorder radius="md" p="xl">
          <Text fw={600}>Nothing due</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {scope === "mine" ? TODAY_WORDS.nothingMine : TODAY_WORDS.nothingEveryone}
          </Text>
        </Paper>
      )}

      {!nothing && (
        <Paper component="section" withBorder radius="md" className={classes.section} aria-labelledby="today-calls-title">
          <div className={classes.title}>
            <Group gap={8}>
              <Title order={2} id="today-calls-title">
                Calls and follow-ups
              </Title>
              <Badge variant="light" color="gray" radius="sm">
                {openCalls}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" mt={2}>
              At the time agreed with the customer, on your clock. Open the call guide to prepare and log how it went.
            </Text>
          </div>
          <div className={`${classes.head} ${classes.callGrid}`} aria-hidden="true">
            <span>When</span>
            <span>Account</span>
            <span>Call</span>
            <span />
          </div>
          <CallGroup title="Overdue" listLabel="Overdue calls" tone="red" calls={calls.overdue} now={now} view={view} empty="Nothing overdue." everyone={scope === "everyone"} />
          <CallGroup title="Today" listLabel="Calls today" tone="indigo" calls={calls.today} now={now} view={view} empty="No more calls today." everyone={scope === "everyone"} />
          <CallGroup title="Next 7 days" listLabel="Upcoming calls" tone="gray" calls={calls.upcoming} now={now} view={view} empty="None in the next 7 days." everyone={scope === "everyone"} />
          {calls.later > 0 && (
            <Text size="sm" c="dimmed" className={classes.later}>
              {calls.later === 1 ? "1 more call is" : `${calls.later} more calls are`} scheduled later.
            </Text>
          )}
        </Paper>
      )}

      {!nothing && (
        <div className={classes.pair}>
          <Paper component="section" withBorder radius="md" className={classes.section} aria-labelledby="today-milestones-title">
            <SmallTitle id="today-milestones-title" title="Milestones and commitments due" count={view.milestones.length} hint="Overdue or due in the next 7 days." />
            {view.milestones.length === 0 ? (
              <Text size="sm" c="dimmed" className={classes.emptyRow}>
                None due.
              </Text>
            ) : (
              <ul className="plain" aria-label="Milestones and commitments due">
                {view.milestones.slice(0, FIRST_ROWS).map((m) => (
                  <li key={`${m.documentId}/${m.milestoneId}`} className={`${classes.row} ${classes.smallGrid}`}>
                    <Text size="sm" c={m.overdue ? "red" : undefined} fw={m.overdue ? 600 : undefined}>
                      {dayWords(m.endDate)}
                    </Text>
                    <div className={classes.cell}>
                      <Anchor href={hrefOf({ page: "account", documentId: m.documentId })} className={classes.account}>
                        {m.accountName}
                      </Anchor>
                      <Text size="sm" c="dimmed" truncate>
                        {m.kind === "commitment" ? TODAY_WORDS.commitment : TODAY_WORDS.milestone}: {m.title}
                        {m.overdue ? " — overdue" : ""}
                        {scope === "everyone" && m.assigneeName ? ` · ${m.assigneeName}` : ""}
                      </Text>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Paper>
          <Paper component="section" withBorder radius="md" className={classes.section} aria-labelledby="today-payments-title">
            <SmallTitle id="today-payments-title" title="Payments due" count={view.payments.length} hint="Invoices due today or past their due date and not paid." />
            {view.payments.length === 0 ? (
              <Text size="sm" c="dimmed" className={classes.emptyRow}>
                None due.
              </Text>
            ) : (
              <ul className="plain" aria-label="Payments due">
                {view.payments.slice(0, FIRST_ROWS).map((p) => (
                  <li key={p.documentId} className={`${classes.row} ${classes.smallGrid}`}>
                    <Text size="sm" c={p.daysOverdue > 0 ? "red" : undefined} fw={600}>
                      {p.daysOverdue === 0 ? "Due today" : p.daysOverdue === 1 ? "1 day late" : `${p.daysOverdue} days late`}
                    </Text>
                    <div className={classes.cell}>
                      <Anchor href={hrefOf({ page: "account", documentId: p.documentId })} className={classes.account}>
                        {p.accountName}
                      </Anchor>
                      <Text size="sm" c="dimmed">
                        Due {dayWords(p.dueDate, true)}
                      </Text>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Paper>
        </div>
      )}

      {!nothing && (
        <Paper component="section" withBorder radius="md" className={classes.section} aria-labelledby="today-risks-title">
          <SmallTitle id="today-risks-title" title="Accounts with open risks" count={view.risks.length} hint="The most severe first." />
          {view.risks.length === 0 ? (
            <Text size="sm" c="dimmed" className={classes.emptyRow}>
              No open risks.
            </Text>
          ) : (
            <ShowMore items={view.risks} label="Accounts with open risks" render={(r) => (
              <li key={r.documentId} className={`${classes.row} ${classes.riskGrid}`}>
                <Anchor href={hrefOf({ page: "account", documentId: r.documentId })} className={classes.account}>
                  {r.accountName}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {label(STAGE_LABEL, r.stage)}
                </Text>
                <Text size="sm" truncate>
                  {r.worst && (
                    <Badge size="sm" variant="light" color={SEVERITY_COLOR[r.worst] ?? "gray"} mr={8}>
                      {r.worst}
                    </Badge>
                  )}
                  {r.risks[0]?.description ?? ""}
                </Text>
                <Text size="sm" ta="right">
                  {r.openRisks === 1 ? "1 open risk" : `${r.openRisks} open risks`}
                </Text>
              </li>
            )} />
          )}
        </Paper>
      )}
    </Stack>
  );
}

function SmallTitle({ id, title, count, hint }: { id: string; title: string; count: number; hint: string }) {
  return (
    <div className={classes.title}>
      <Group gap={8}>
        <Title order={2} id={id}>
          {title}
        </Title>
        <Badge variant="light" color="gray" radius="sm">
          {count}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mt={2}>
        {hint}
      </Text>
    </div>
  );
}

function ShowMore<T>({ items, label: listLabel, render }: { items: T[]; label: string; render: (item: T) => React.ReactNode }) {
  const [all, setAll] = useState(false);
  return (
    <>
      <ul className="plain" aria-label={listLabel}>
        {(all ? items : items.slice(0, FIRST_ROWS)).map(render)}
      </ul>
      {!all && items.length > FIRST_ROWS && (
        <Button variant="subtle" size="xs" m="sm" onClick={() => setAll(true)}>
          Show all {items.length}
        </Button>
      )}
    </>
  );
}

function CallGroup({ title, listLabel, tone, calls, now, view, empty, everyone }: { title: string; listLabel: string; tone: string; calls: TodayCall[]; now: number; view: TodayView; empty: string; everyone: boolean }) {
  return (
    <div className={classes.group}>
      <Group gap={8} className={classes.groupTitle}>
        <Title order={3} className={classes.groupName} c={calls.length && tone === "red" ? "red" : undefined}>
          {title}
        </Title>
        <Badge size="sm" variant={calls.length && tone === "red" ? "filled" : "light"} color={calls.length ? tone : "gray"}>
          {calls.length}
        </Badge>
      </Group>
      {calls.length === 0 ? (
        <Text size="sm" c="dimmed" className={classes.emptyRow}>
          {empty}
        </Text>
      ) : (
        <ShowMore items={calls} label={listLabel} render={(c) => <CallRow key={`${c.documentId}/${c.followUpId}`} call={c} now={now} view={view} everyone={everyone} />} />
      )}
    </div>
  );
}

function CallRow({ call: c, now, view, everyone }: { call: TodayCall; now: number; view: TodayView; everyone: boolean }) {
  const late = Date.parse(c.agreedTime) <= now;
  const other = agreedWords(c.agreedTime, c.timeZone, view.timeZone);
  const when = whenWords(c.agreedTime, view.timeZone, view.date);
  return (
    <li className={`${classes.row} ${classes.callGrid}`}>
      <div>
        <Text size="sm" fw={600} c={late ? "red" : undefined}>
          {when}
        </Text>
        <Text size="xs" c="dimmed">
          {late ? `due ${relativeWords(c.agreedTime, now).replace("just now", "now")}` : relativeWords(c.agreedTime, now)}
          {other ? ` · agreed as ${other}` : ""}
        </Text>
      </div>
      <div className={classes.cell}>
        <Anchor href={hrefOf({ page: "account", documentId: c.documentId })} className={classes.account}>
          {c.accountName}
        </Anchor>
      </div>
      <div className={classes.cell}>
        <Badge size="sm" variant="light" color={PURPOSE_COLOR[c.purpose]} radius="sm" className={classes.purpose}>
          {PURPOSE_LABEL[c.purpose]}
        </Badge>
        <Text size="sm" truncate mt={2}>
          {c.reason}
        </Text>
        {everyone && c.assigneeName && (
          <Text size="xs" c="dimmed">
            {TODAY_WORDS.assignedTo(c.assigneeName)}
          </Text>
        )}
      </div>
      <Group justify="flex-end">
        <Button component="a" href={hrefOf({ page: "call", documentId: c.documentId, followUpId: c.followUpId })} size="xs" variant={late ? "filled" : "light"} aria-label={`Open call guide: ${c.accountName}, ${when}`}>
          Call guide
        </Button>
      </Group>
    </li>
  );
}
