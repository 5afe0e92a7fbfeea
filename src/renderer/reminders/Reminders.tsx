/**
 * Reminders in the window (browser mode): the sync node keeps the schedule and announces
 * each call when its agreed time comes (src/node/reminders/); the window shows it as an
 * alert here. In the desktop app Electron main shows the same announcements as desktop
 * notifications, with or without a window, so this window shows none.
 *
 * Each reminder shows once per person: before showing one, the window claims it from the
 * node, which answers "first" exactly once (a device-local, per-person log) — so a second
 * window, a reload or a restart stays quiet. A reminder that fell due while no page was
 * open is announced to the first page that connects, and shows there as missed.
 */
import { useEffect, useRef, useState } from "react";
import { Button, CloseButton, Group, Paper, Text } from "@mantine/core";
import { BRIDGE_KEY, type DueReminder } from "../../../shared";
import { useClient, useClientSelector } from "../sync/context";
import { hrefOf, navigate } from "../ui/route";
import { reminderWords } from "../words/calls";
import classes from "./reminders.module.css";

/** Alerts shown one by one; more than this at once are summed up in one. */
const SHOWN = 3;

/** The desktop app shows reminders itself (main, from the node). */
const desktop = () => BRIDGE_KEY in window;

export function Reminders() {
  const client = useClient();
  const due = useClientSelector((s) => s.dueReminders);
  const [alerts, setAlerts] = useState<{ reminder: DueReminder; missed: boolean }[]>([]);
  const claimed = useRef(new Set<string>());
  const startedAt = useRef(Date.now());
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    if (desktop()) return;
    for (const reminder of due) {
      if (claimed.current.has(reminder.key)) continue;
      claimed.current.add(reminder.key);
      client.api
        .claimReminder({ key: reminder.key })
        .then(({ first }) => {
          if (!first) return;
          // Missed: its time (a call's agreed time; a due day's reminder) passed before this page opened.
          const missed = Date.parse(reminder.kind === "call" ? reminder.agreedTime : reminder.remindAt) < startedAt.current - 60_000;
          setAlerts((all) => [...all, { reminder, missed }]);
        })
        // The node did not answer: try again shortly.
        .catch(() => {
          claimed.current.delete(reminder.key);
          setTimeout(() => setRetry((n) => n + 1), 5_000);
        });
    }
  }, [due, client, retry]);

  if (alerts.length === 0) return null;
  const dismiss = (key: string) => setAlerts((all) => all.filter((a) => a.reminder.key !== key));
  const shown = alerts.length > SHOWN ? alerts.slice(0, SHOWN - 1) : alerts;
  const rest = alerts.length - shown.length;

  return (
    <div className={classes.stack} role="region" aria-label="Reminders">
      {shown.map(({ reminder: r, missed }) => {
        const w = reminderWords(r, missed, Date.now());
        return (
          <Paper key={r.key} role="alert" className={classes.card} data-missed={missed || undefined} shadow="lg" radius="md" withBorder>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div className={classes.text}>
                <Text fw={650} size="sm">
                  {w.title}
                </Text>
                <Text size="sm" c="dimmed" lineClamp={3}>
                  {w.body}
                </Text>
              </div>
              <CloseButton size="sm" aria-label={`Dismiss reminder: ${r.accountName}`} onClick={() => dismiss(r.key)} />
            </Group>
            <Group gap="xs" mt="xs">
              <Button
                size="compact-sm"
                onClick={() => {
                  dismiss(r.key);
                  navigate(r.kind === "call" ? { page: "call", documentId: r.documentId, followUpId: r.itemId } : { page: "account", documentId: r.documentId });
                }}
              >
                {w.action}
              </Button>
            </Group>
          </Paper>
        );
      })}
      {rest > 0 && (
        <Paper role="alert" className={classes.card} shadow="lg" radius="md" withBorder>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text fw={650} size="sm">
              {rest} more reminders are due
            </Text>
            <CloseButton size="sm" aria-label="Dismiss the other reminders" onClick={() => setAlerts((all) => all.slice(0, shown.length))} />
          </Group>
          <Button component="a" href={hrefOf({ page: "today" })} size="compact-sm" variant="light" mt="xs" onClick={() => setAlerts([])}>
            Open Today
          </Button>
        </Paper>
      )}
    </div>
  );
}
