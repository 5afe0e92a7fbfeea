/**
 * The timeline: everything that happened to the account in one order — calls, meetings
 * and notes people logged, and every change taken from the document's own history —
 * each with who (or, for a change made without Baton, the device it came from) and
 * when. It comes from the shared document, so two laptops that have synced show the
 * same entries in the same order. Newest first; filter by kind and person.
 *
 * The `TimelineReader` is kept for the open account (by the account page) so a redraw
 * reads only the changes that arrived since the last one.
 */
import { useEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import type { Doc } from "@automerge/automerge/slim";
import { ActionIcon, Button, Group, Menu, NativeSelect, Paper, Text, Title } from "@mantine/core";
import { read, timelinePeople, type AccountDoc, type PointSide, type TimelineEntry, type TimelineKind } from "../../../../shared";
import { HISTORY_WORDS as W } from "../../words/history";
import { useHistory } from "../history/history";
import { formatMoment } from "../../ui/clock";
import { TIMELINE_KIND_LABEL } from "../../words/lifecycle";
import { LogActivityForm } from "./LogActivityForm";
import { CorrectActivity } from "./CorrectActivity";
import lists from "../../ui/ItemList.module.css";
import classes from "./Timeline.module.css";
import { useAccountSession, useAccountSnapshot, useReadOnly } from "../../document/hooks";

/** Entries drawn at first; more on request, so a long history stays quick to open. */
const PAGE = 200;
const ALL = "";
const QUIET_KIND: TimelineKind = "reminder";

const KIND_COLOR: Partial<Record<TimelineKind, string>> = {
  stage: "indigo",
  call: "teal",
  meeting: "teal",
  note: "teal",
  activity: "teal",
  risk: "orange",
  payment: "green",
  order: "green",
  check: "blue",
};

/** A kind's badge colours: Mantine's light variant of the colour, in either scheme. */
const kindColors = (color: string): CSSProperties => ({ background: `var(--mantine-color-${color}-light)`, color: `var(--mantine-color-${color}-light-color)` });

/** Said of an entry for a change that came without Baton's note of who made it. */
const DEVICE_HINT = "This change came without Baton's record of who made it (another tool or app), so it is shown by the device it came from.";

/** What can be done from an entry: open the account as it was before or after it, compare the two, undo it. */
function EntryActions({ entry: e, canUndo }: { entry: TimelineEntry; canUndo: boolean }) {
  const history = useHistory();
  // A menu per entry was a third of drawing a page of 200 entries (each Menu is a Popover
  // with its positioning hooks): an entry gets its menu the first time its button is used,
  // opened at once, and keeps it. The button the menu comes with is a new element: it takes
  // the focus before the menu opens, so that closing the menu gives the focus back to it.
  const [used, setUsed] = useState(false);
  const [opened, setOpened] = useState(false);
  const target = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!used) return;
    target.current?.focus();
    setOpened(true);
  }, [used]);
  if (!history) return null;
  const button = (
    <ActionIcon ref={target} variant="subtle" color="gray" size="sm" aria-label={W.entryActions(e.text)} aria-haspopup="menu" aria-expanded={used ? undefined : false} onClick={used ? undefined : () => setUsed(true)}>
      <span aria-hidden>⋯</span>
    </ActionIcon>
  );
  if (!used) return button;
  const open = (side: PointSide) => {
    const point = history.pointOf(e, side);
    if (point) history.openAt(point);
  };
  return (
    <Menu position="bottom-end" withinPortal opened={opened} onChange={setOpened}>
      <Menu.Target>{button}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => open("before")}>{W.openBefore}</Menu.Item>
        <Menu.Item onClick={() => open("after")}>{W.openAfter}</Menu.Item>
        <Menu.Item
          onClick={() => {
            const before = history.pointOf(e, "before");
            const after = history.pointOf(e, "after");
            if (before && after) history.compare(before, after);
          }}
        >
          {W.compareEntry}
        </Menu.Item>
        {canUndo && (
          <>
            <Menu.Divider />
            <Menu.Item onClick={() => history.undo(e)}>{W.undo}</Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

function Entry({ entry: e, canUndo, summary }: { entry: TimelineEntry; canUndo: boolean; summary?: string }) {
  return (
    <li className={classes.entry} data-source={e.source}>
      <time dateTime={e.at} className={classes.when}>
        {formatMoment(e.at)}
      </time>
      <span className={classes.who} data-device={e.device ? "" : undefined} title={e.device ? DEVICE_HINT : undefined}>
        {e.by?.name ?? "Unknown"}
      </span>
      <span className={classes.kind}>
        {/* Drawn as Mantine's light Badge looks, without its component: 200 of them were a quarter of drawing a page. */}
        <span className={classes.kindBadge} style={kindColors(KIND_COLOR[e.kind] ?? "gray")}>
          {TIMELINE_KIND_LABEL[e.kind] ?? e.kind}
        </span>
      </span>
      <span className={classes.what}>
        {e.text}
        {e.count > 1 && (
          <Text span size="xs" c="dimmed">
            {" "}
            ({e.count} edits)
          </Text>
        )}
        {summary !== undefined && <CorrectActivity id={e.id.slice("activity:".length)} summary={summary} />}
      </span>
      <span className={classes.actions}>
        <EntryActions entry={e} canUndo={canUndo} />
      </span>
    </li>
  );
}


export function Timeline() {
  const session = useAccountSession();
  const { account, stored } = useAccountSnapshot();
  const readOnly = useReadOnly();
  const [kind, setKind] = useState<string>(ALL);
  const [person, setPerson] = useState<string>(ALL);
  const [shown, setShown] = useState(PAGE);
  // The whole timeline once per document state; filters and paging work on it.
  // The account as it was shows the timeline as it was: only what had happened by then.
  const all = useMemo(
    () => (session.past ? session.timeline.read(stored, { upTo: session.past.heads }) : session.timeline.read(account as Doc<AccountDoc>)),
    [session, account, stored],
  );
  const people = useMemo(() => timelinePeople(all), [all]);
  // What each logged activity says as typed (its entry may lead with the call's outcome), for corrections.
  const summaries = useMemo(() => new Map((Array.isArray(account.activities) ? account.activities : []).map((a) => [`activity:${read(a.id)}`, read(a.summary)])), [account]);
  const kinds = useMemo(() => {
    const counts = new Map<TimelineKind, number>();
    for (const e of all) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => (TIMELINE_KIND_LABEL[a[0]] ?? a[0]).localeCompare(TIMELINE_KIND_LABEL[b[0]] ?? b[0]));
  }, [all]);
  // That someone was shown a reminder is bookkeeping: listed only when asked for by its kind.
  const base = useMemo(() => (kind === QUIET_KIND ? all : all.filter((e) => e.kind !== QUIET_KIND)), [all, kind]);
  const filtered = useMemo(
    () => base.filter((e) => (kind === ALL || e.kind === kind) && (person === ALL || e.by?.id === person)).reverse(),
    [base, kind, person],
  );
  const visible = filtered.slice(0, shown);

  return (
    <Paper component="section" withBorder radius="md" className={lists.section} aria-labelledby="timeline-title">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md" className={lists.title}>
        <div>
          <Title order={2} id="timeline-title">
            Timeline
          </Title>
          <Text size="sm" c="dimmed" mt={2}>
            Everything that happened to this account, newest first — the same on every laptop that shares it.
          </Text>
        </div>
        <Group gap="sm" wrap="wrap" role="group" aria-label="Filter the timeline">
          <NativeSelect
            label="Filter by kind"
            value={kind}
            w={170}
            data={[{ value: ALL, label: "All kinds" }, ...kinds.map(([k, n]) => ({ value: k, label: `${TIMELINE_KIND_LABEL[k] ?? k} (${n})` }))]}
            onChange={(e) => {
              setKind(e.currentTarget.value);
              setShown(PAGE);
            }}
          />
          <NativeSelect
            label="Filter by person"
            value={person}
            w={190}
            data={[{ value: ALL, label: "Everyone" }, ...people.map((p) => ({ value: p.id, label: p.name }))]}
            onChange={(e) => {
              setPerson(e.currentTarget.value);
              setShown(PAGE);
            }}
          />
        </Group>
      </Group>
      <div className={classes.log}>
        <LogActivityForm />
      </div>
      <Text size="sm" c="dimmed" className={classes.count} aria-live="polite">
        {filtered.length === base.length ? `${base.length} entries` : `${filtered.length} of ${base.length} entries`}
      </Text>
      <ol className={`plain ${classes.list}`} aria-label="Timeline">
        {visible.map((e) => (
          <Entry key={e.id} entry={e} canUndo={!readOnly} summary={!readOnly && e.source === "activity" ? summaries.get(e.id) : undefined} />
        ))}
      </ol>
      {filtered.length === 0 && (
        <Text size="sm" c="dimmed" className={classes.count}>
          Nothing matches these filters.
        </Text>
      )}
      {filtered.length > shown && (
        <Group justify="center" p="md">
          <Button variant="default" onClick={() => setShown((n) => n + PAGE)}>
            Show {Math.min(PAGE, filtered.length - shown)} older entries
          </Button>
        </Group>
      )}
    </Paper>
  );
}
