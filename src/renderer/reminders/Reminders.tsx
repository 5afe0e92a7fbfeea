/**
 * Reminders at the agreed time: an alert in the window (browser mode and desktop), and a
 * desktop notification through Electron's main process when the bridge offers one. A
 * reminder missed while Baton was closed shows at the next start.
 *
 * Each reminder fires once per person: before showing one, the window claims it from the
 * sync node, which records per person in a device-local file (never in the shared
 * account) and says "first" exactly once — so a second window, a reload or a restart
 * stays quiet (shared/queries/reminders.ts). Which reminders are due is worked out from
 * the summaries, so no account is opened to remind.
 */
import { useEffect, useRef, useState } from "react";
import { Button, CloseButton, Group, Paper, Text } from "@mantine/core";
import { BRIDGE_KEY, dueReminders, type BatonBridge, type DueReminder } from "../../../shared";
import { useClient, useClientSelector } from "../sync/context";
import { hrefOf, navigate } from "../ui/route";
import { useNow } from "../ui/use-now";
import { PURPOSE_LABEL, viewerTimeZone, whenWords } from "../words/calls";
import classes from "./reminders.module.css";

/** Alerts shown one by one; more than this at once are summed up in one. */
const SHOWN = 3;

function bridge(): BatonBridge | undefined {
  return (window as unknown as Record<string, BatonBridge | undefined>)[BRIDGE_KEY];
}

function words(r: DueReminder, missed: boolean): { title: string; body: string } {
  const when = whenWords(r.agreedTime, viewerTimeZone());
  return {
    title: `${missed ? "Missed" : "Due now"}: ${PURPOSE_LABEL[r.purpose]} — ${r.accountName}`,
    body: `Agreed for ${when}${r.reason ? `. ${r.reason}` : ""}`,
  };
}

export function Reminders() {
  const client = useClient();
  const accounts = useClientSelector((s) => s.accounts);
  const now = useNow(5_000);
  const [fired, setFired] = useState<ReadonlySet<string> | null>(null);
  const [alerts, setAlerts] = useState<{ reminder: DueReminder; missed: boolean }[]>([]);
  const claimed = useRef(new Set<string>());
  const startedAt = useRef(Date.now());

  // What has fired for this person already (on this device); asked again until the node answers.
  useEffect(() => {
    if (fired) return;
    let live = true;
    client.api
      .reminders()
      .then((r) => live && setFired(new Set(r.fired)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, fired, now]);

  useEffect(() => {
    if (!accounts || !fired) return;
    const due = dueReminders(accounts, new Date(now).toISOString(), new Set([...fired, ...claimed.current]));
    for (const reminder of due) {
      claimed.current.add(reminder.key);
      client.api
        .claimReminder({ key: reminder.key })
        .then(({ first }) => {
          if (!first) return;
          const missed = Date.parse(reminder.agreedTime) < startedAt.current - 60_000;
          setAlerts((all) => [...all, { reminder, missed }]);
          const notify = bridge()?.notify;
          if (notify) void notify(words(reminder, missed)).catch(() => undefined);
        })
        // The node did not answer: try again on the next tick.
        .catch(() => claimed.current.delete(reminder.key));
    }
  }, [accounts, fired, now, client]);

  if (alerts.length === 0) return null;
  const dismiss = (key: string) => setAlerts((all) => all.filter((a) => a.reminder.key !== key));
  const shown = alerts.length > SHOWN ? alerts.slice(0, SHOWN - 1) : alerts;
  const rest = alerts.length - shown.length;

  return (
    <div className={classes.stack} role="region" aria-label="Reminders">
      {shown.map(({ reminder: r, missed }) => {
        const w = words(r, missed);
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
                  navigate({ page: "call", documentId: r.documentId, followUpId: r.followUpId });
                }}
              >
                Open call guide
              </Button>
            </Group>
          </Paper>
        );
      })}
      {rest > 0 && (
        <Paper role="alert" className={classes.card} shadow="lg" radius="md" withBorder>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text fw={650} size="sm">
              {rest} more calls are due
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
