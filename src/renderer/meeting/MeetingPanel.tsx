/**
 * The handoff meeting on an account page: host it (this laptop shares the account on
 * the LAN and shows a join code), let in or turn away whoever found it nearby and asks to
 * join, see who joined, end it; or, as a guest, leave it.
 */
import { useState } from "react";
import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import type { Knock } from "../../../shared";
import { ROLE_WORDS } from "../../../shared";
import { messageOf } from "../sync/api";
import { useClient, useClientSelector } from "../sync/context";
import classes from "./MeetingPanel.module.css";

function useMeetingAction() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await client.refresh();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** The "Host meeting" button, for the account page's title bar. */
export function HostMeetingButton({ documentId }: { documentId: string }) {
  const client = useClient();
  const hosting = useClientSelector((s) => s.status?.hosting ?? null);
  const joined = useClientSelector((s) => s.status?.joined ?? null);
  const { busy, error, run } = useMeetingAction();
  if (hosting?.documentId === documentId || joined?.documentId === documentId) return null;
  const elsewhere = hosting;
  return (
    <Stack gap={4} align="flex-end">
      <Button onClick={() => void run(() => client.api.hostMeeting({ documentId }))} loading={busy} disabled={elsewhere !== null}>
        Host meeting
      </Button>
      {elsewhere && (
        <Text size="xs" c="dimmed" ta="right" maw={260}>
          You are hosting “{elsewhere.accountName}”. End that meeting first.
        </Text>
      )}
      {error && (
        <Text size="xs" c="red" role="alert" ta="right" maw={320}>
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** One person at the door: "Dana (delivery lead) asks to join" — Let in / Turn away. */
function KnockRow({ knock }: { knock: Knock }) {
  const client = useClient();
  const { busy, error, run } = useMeetingAction();
  const answer = (a: "let-in" | "turn-away") => void run(() => client.api.answerKnock({ knockId: knock.id, answer: a }));
  return (
    <li>
      <div role="group" aria-label={`${knock.name} asks to join`} className={classes.knock}>
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Text size="sm" className={classes.knockText}>
            <Text span fw={600} inherit>
              {knock.name}
            </Text>{" "}
            ({ROLE_WORDS[knock.role]}) asks to join
          </Text>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Button size="xs" color="teal" disabled={busy} onClick={() => answer("let-in")}>
              Let in
            </Button>
            <Button size="xs" variant="default" disabled={busy} onClick={() => answer("turn-away")}>
              Turn away
            </Button>
          </Group>
        </Group>
        {error && (
          <Text size="xs" c="red" role="alert" mt={4}>
            {error}
          </Text>
        )}
      </div>
    </li>
  );
}

/** Who asks to join; read out by screen readers as they arrive. */
function Door({ knocks }: { knocks: Knock[] }) {
  const said = knocks.map((k) => `${k.name} (${ROLE_WORDS[k.role]}) asks to join.`).join(" ");
  return (
    <>
      <div role="status" aria-live="polite" className="visually-hidden">
        {said}
      </div>
      {knocks.length > 0 && (
        <ul className={`plain ${classes.door}`} aria-label="Asking to join">
          {knocks.map((k) => (
            <KnockRow key={k.id} knock={k} />
          ))}
        </ul>
      )}
    </>
  );
}

/** The meeting panel shown under the account header while this account is in a meeting. */
export function MeetingPanel({ documentId }: { documentId: string }) {
  const client = useClient();
  const hosting = useClientSelector((s) => (s.status?.hosting?.documentId === documentId ? s.status.hosting : null));
  const joined = useClientSelector((s) => (s.status?.joined?.documentId === documentId ? s.status.joined : null));
  const { busy, error, run } = useMeetingAction();
  if (!hosting && !joined) return null;

  if (joined) {
    return (
      <Paper component="section" withBorder radius="md" p="md" className={classes.panel} aria-label="Meeting">
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Title order={2} size="h3">
              In a meeting hosted by {joined.host}
            </Title>
            <Text size="sm" c="dimmed">
              Your edits and the host's appear on both laptops as you type.
            </Text>
          </div>
          <Button variant="default" color="red" loading={busy} onClick={() => void run(() => client.api.leaveMeeting())}>
            Leave meeting
          </Button>
        </Group>
        {error && (
          <Text size="sm" c="red" role="alert" mt="xs">
            {error}
          </Text>
        )}
      </Paper>
    );
  }

  if (!hosting) return null;
  return (
    <Paper component="section" withBorder radius="md" p="lg" className={classes.panel} aria-label="Meeting">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="lg">
        <div>
          <Title order={2} size="h3">
            You are hosting the handoff meeting
          </Title>
          <Text size="sm" c="dimmed">
            {hosting.advertised
              ? "On the other laptop, choose Join meeting: this meeting is listed under Meetings nearby, or enter this code. Both laptops must be on the same network."
              : "On the other laptop, choose Join meeting and enter this code. Both laptops must be on the same network."}
          </Text>
        </div>
        <Button variant="light" color="red" loading={busy} onClick={() => void run(() => client.api.endMeeting())} style={{ flexShrink: 0 }}>
          End meeting
        </Button>
      </Group>
      <Door knocks={hosting.knocks} />
      <Group align="flex-start" wrap="wrap" gap="xl" mt="md">
        <Group gap="xs" wrap="nowrap" align="flex-end" className={classes.codeBlock}>
          <TextInput
            label="Join code"
            value={hosting.code}
            readOnly
            className={classes.code}
            classNames={{ input: classes.codeInput }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={hosting.code} timeout={2000}>
            {({ copied, copy }) => (
              <Button variant={copied ? "light" : "default"} color={copied ? "teal" : undefined} onClick={copy} size="md" style={{ flexShrink: 0 }}>
                {copied ? "Copied" : "Copy code"}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Stack gap={4} className={classes.guests}>
          <Text size="sm" fw={600} id="meeting-guests">
            Guests
          </Text>
          {hosting.guests.length === 0 ? (
            <Text size="sm" c="dimmed">
              Waiting for someone to join…
            </Text>
          ) : (
            <ul className="plain" aria-labelledby="meeting-guests">
              {hosting.guests.map((g, i) => (
                <li key={`${g}-${String(i)}`} className={classes.guest}>
                  <span className={classes.guestDot} aria-hidden="true" />
                  <Text size="sm" span>
                    {g}
                  </Text>
                </li>
              ))}
            </ul>
          )}
        </Stack>
      </Group>
      {error && (
        <Text size="sm" c="red" role="alert" mt="sm">
          {error}
        </Text>
      )}
    </Paper>
  );
}
