/**
 * Join a colleague's handoff meeting with the code their screen shows. The format is
 * checked here at once (parseMeetingCode); whether the code is current is the host's
 * answer, relayed by our node. On success the account opens.
 */
import { useState } from "react";
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { parseMeetingCode } from "../../../shared/meeting-code";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient } from "../sync/context";
import { navigate } from "../app/route";

const FORMAT_HINT = "A join code looks like 192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E.";

function formatProblem(code: string): string | null {
  if (code.trim() === "") return "Enter the join code shown on the host's screen.";
  return parseMeetingCode(code) ? null : `That is not a join code. ${FORMAT_HINT}`;
}

export function JoinMeetingButton() {
  const [open, setOpen] = useState(false);
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

function JoinMeetingForm({ onDone }: { onDone: () => void }) {
  const client = useClient();
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);

  const submit = async () => {
    setTouched(true);
    const problem = formatProblem(code);
    setFieldError(problem);
    setError(null);
    if (problem) return;
    setBusy(true);
    try {
      const joined = await client.api.joinMeeting(code.trim());
      void client.refresh();
      onDone();
      navigate({ page: "account", documentId: joined.documentId });
    } catch (e) {
      if (e instanceof ApiRequestError && e.fields.code) setFieldError(e.fields.code);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Both laptops must be on the same network. Type or paste the code from the host's screen.
        </Text>
        <TextInput
          label="Join code"
          placeholder="192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E"
          value={code}
          data-autofocus
          autoComplete="off"
          spellCheck={false}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", letterSpacing: "0.04em" } }}
          error={fieldError}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setCode(next);
            // After the first attempt, keep the message in step with what is typed.
            if (touched) setFieldError(formatProblem(next));
          }}
          onBlur={() => {
            if (code.trim() !== "") {
              setTouched(true);
              setFieldError(formatProblem(code));
            }
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
          <Button type="submit" loading={busy}>
            Join
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
