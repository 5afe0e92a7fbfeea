/**
 * Join a colleague's handoff meeting: pick it from the meetings announced on this network
 * (the host then lets you in), or type the code their screen shows. The code's format is
 * checked here at once (parseMeetingCode); whether the code is current is the host's
 * answer, relayed by our node. On success the account opens.
 */
import { useEffect, useRef, useState } from "react";
import { WINDOW_EVENTS } from "../ui/window-events";
import { Alert, Button, Divider, Group, Loader, Modal, Paper, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { NearbyMeeting } from "../../../shared";
import { ROLE_WORDS } from "../../../shared";
import { parseMeetingCode } from "../../../shared/meeting-code";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient } from "../sync/context";
import { navigate } from "../ui/route";
import classes from "./JoinMeeting.module.css";

const FORMAT_HINT = "A join code looks like 192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E.";

function formatProblem(code: string): string | null {
  if (code.trim() === "") return "Enter the join code shown on the host's screen.";
  return parseMeetingCode(code) ? null : `That is not a join code. ${FORMAT_HINT}`;
}

export function JoinMeetingButton() {
  const [open, setOpen] = useState(false);
  // The menu and the keyboard shortcut open the same dialog (app/commands.ts).
  useEffect(() => {
    const show = () => setOpen(true);
    window.addEventListener(WINDOW_EVENTS.joinMeeting, show);
    return () => window.removeEventListener(WINDOW_EVENTS.joinMeeting, show);
  }, []);
  return (
    <>
      <Button variant="default" size="sm" onClick={() => setOpen(true)}>
        Join meeting
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Join meeting" centered size="lg">
        {open && <JoinMeetingForm onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

/** Ask the node for meetings nearby while the dialog is open: soon at first, then every 2 s. */
function useNearbyMeetings(): { meetings: NearbyMeeting[] | null; problem: string | null } {
  const client = useClient();
  const [state, setState] = useState<{ meetings: NearbyMeeting[] | null; problem: string | null }>({ meetings: null, problem: null });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const delays = [400, 1000];
    const poll = async () => {
      try {
        const found = await client.api.nearbyMeetings();
        if (!stopped) setState({ meetings: found.meetings, problem: found.problem });
      } catch (e) {
        if (!stopped) setState((s) => ({ meetings: s.meetings ?? [], problem: messageOf(e) }));
      }
      if (!stopped) timer = setTimeout(() => void poll(), delays.shift() ?? 2000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client]);
  return state;
}

function NearbyMeetings({ onPick, busy }: { onPick: (m: NearbyMeeting) => void; busy: boolean }) {
  const { meetings, problem } = useNearbyMeetings();
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600} id="nearby-meetings">
          Meetings nearby
        </Text>
        {!problem && <Loader size={14} type="dots" aria-hidden="true" />}
      </Group>
      {problem ? (
        <Text size="sm" c="dimmed">
          {problem}
        </Text>
      ) : meetings === null ? (
        <Text size="sm" c="dimmed">
          Looking for meetings on this network…
        </Text>
      ) : meetings.length === 0 ? (
        <Text size="sm" c="dimmed">
          No meetings found nearby yet — you can also type the join code.
        </Text>
      ) : (
        <ul className={`plain ${classes.list}`} aria-labelledby="nearby-meetings">
          {meetings.map((m) => (
            <li key={m.id}>
              <UnstyledButton type="button" className={classes.meeting} disabled={busy} onClick={() => onPick(m)} aria-label={`Ask to join “${m.accountName}”, hosted by ${m.hostName}`}>
                <div className={classes.meetingText}>
                  <Text fw={600} size="sm" lineClamp={2} className={classes.accountName}>
                    {m.accountName}
                  </Text>
                  <Text size="xs" c="dimmed" truncate="end">
                    Hosted by {m.hostName} ({ROLE_WORDS[m.hostRole]}) · {m.where}
                  </Text>
                </div>
                <span className={classes.ask} aria-hidden="true">
                  Ask to join
                </span>
              </UnstyledButton>
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

function JoinMeetingForm({ onDone }: { onDone: () => void }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  // After the first attempt (or leaving a typed code) the message keeps in step with what is typed.
  const [checking, setChecking] = useState(false);
  const [knocking, setKnocking] = useState<NearbyMeeting | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const knockingRef = useRef(false);
  const form = useForm({
    initialValues: { code: "" },
    validate: { code: formatProblem },
    validateInputOnChange: checking,
  });

  // Closing the dialog while waiting at a door stops the knock (the host's screen clears).
  useEffect(
    () => () => {
      if (knockingRef.current) void client.api.cancelKnock().catch(() => undefined);
    },
    [client],
  );

  const joined = (documentId: string) => {
    void client.refresh();
    onDone();
    navigate({ page: "account", documentId });
  };

  const askToJoin = async (m: NearbyMeeting) => {
    setKnocking(m);
    setRefusal(null);
    setError(null);
    knockingRef.current = true;
    try {
      const result = await client.api.knock({ meetingId: m.id });
      knockingRef.current = false;
      joined(result.documentId);
    } catch (e) {
      knockingRef.current = false;
      // "You stopped waiting" is the person's own doing: nothing to tell them.
      if (!(e instanceof ApiRequestError && e.status === 409 && /stopped waiting/.test(e.message))) setRefusal(messageOf(e));
    } finally {
      setKnocking(null);
    }
  };

  const submit = form.onSubmit(
    async ({ code }) => {
      setError(null);
      try {
        const result = await client.api.joinMeeting({ code: code.trim() });
        joined(result.documentId);
      } catch (e) {
        if (e instanceof ApiRequestError && e.fields.code) form.setFieldError("code", e.fields.code);
        else setError(messageOf(e));
      }
    },
    () => {
      setChecking(true);
      setError(null);
    },
  );
  const code = form.getInputProps("code");

  return (
    <Stack gap="md">
      {knocking ? (
        <Paper withBorder radius="md" p="md" className={classes.waiting}>
          <Group justify="space-between" wrap="nowrap" gap="md">
            <Group gap="sm" wrap="nowrap" role="status" aria-live="polite">
              <Loader size="sm" aria-hidden="true" />
              <div>
                <Text fw={600} size="sm">
                  Waiting for {knocking.hostName} to let you in…
                </Text>
                <Text size="xs" c="dimmed">
                  {knocking.hostName}’s screen shows that you asked to join “{knocking.accountName}”.
                </Text>
              </div>
            </Group>
            <Button variant="default" size="xs" onClick={() => void client.api.cancelKnock().catch(() => undefined)} style={{ flexShrink: 0 }}>
              Stop waiting
            </Button>
          </Group>
        </Paper>
      ) : (
        <NearbyMeetings onPick={(m) => void askToJoin(m)} busy={form.submitting} />
      )}
      {refusal && (
        <Alert color="orange" variant="light" role="alert" title="Not let in">
          {refusal}
        </Alert>
      )}
      <Divider label="or type the join code" labelPosition="center" />
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Both laptops must be on the same network. Type or paste the code from the host's screen.
          </Text>
          <TextInput
            label="Join code"
            placeholder="192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E"
            data-autofocus
            autoComplete="off"
            spellCheck={false}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", letterSpacing: "0.04em" } }}
            disabled={knocking !== null}
            {...code}
            onBlur={() => {
              if (form.getValues().code.trim() === "") return;
              setChecking(true);
              form.validateField("code");
            }}
          />
          {error && (
            <Alert color="red" variant="light" role="alert" title="Could not join">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting} disabled={knocking !== null}>
              Join
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
