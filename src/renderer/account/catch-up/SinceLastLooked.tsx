/**
 * "Since you last looked": opening an account says what others changed since this person
 * last had it open on this laptop — per item, with who and when. The node keeps the heads
 * of each account as this person last saw it (views.json); this visit compares with the
 * heads kept before it, and keeps the new ones while the account is open and when it is
 * left. Nothing shows on the first opening (nothing to compare with), nor when only this
 * person changed it.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { Alert, Button, Group, Text } from "@mantine/core";
import { currentHeads, sinceLastLooked, type LastSeen } from "../../../../shared";
import { useAccountSnapshot } from "../../document/hooks";
import { useClient, useClientSelector } from "../../sync/context";
import { formatMoment } from "../../ui/clock";
import { CATCH_UP_WORDS } from "../../words/catch-up";
import { ChangeList } from "../handoff/Handoff";

/** While the account is open, what was seen is kept this often (and when it is left). */
const KEEP_EVERY_MS = 5_000;

export function SinceLastLooked({ documentId }: { documentId: string }) {
  const client = useClient();
  const me = useClientSelector((s) => s.status?.profile?.id ?? "");
  const { stored } = useAccountSnapshot();
  const [seen, setSeen] = useState<LastSeen | undefined>(undefined);
  const [dismissed, setDismissed] = useState(false);
  const latest = useRef(stored);
  latest.current = stored;

  // What was seen before this visit: read once, before this visit's heads replace it.
  useEffect(() => {
    let live = true;
    const keep = () => {
      const heads = currentHeads(latest.current);
      if (heads.length) client.api.markSeen({ documentId, heads }).catch(() => undefined);
    };
    let timer: ReturnType<typeof setInterval> | null = null;
    client.api
      .lastSeen({ documentId })
      .catch(() => null)
      .then((before) => {
        if (!live) return;
        setSeen(before);
        keep();
        timer = setInterval(keep, KEEP_EVERY_MS);
      });
    return () => {
      live = false;
      if (timer) clearInterval(timer);
      keep();
    };
  }, [client, documentId]);

  const changes = useMemo(() => (seen && me ? sinceLastLooked(stored, seen, me) : null), [stored, seen, me]);
  if (!changes || dismissed || changes.items.length === 0) return null;
  const n = changes.items.length;
  return (
    <Alert color="blue" variant="light" title={CATCH_UP_WORDS.title(n, formatMoment(changes.seenAt))} aria-label={CATCH_UP_WORDS.label}>
      <ChangeList changes={changes} label={CATCH_UP_WORDS.list} empty="" />
      <Group justify="flex-end" mt="xs">
        <Text size="xs" c="dimmed">
          {CATCH_UP_WORDS.hint}
        </Text>
        <Button size="xs" variant="subtle" onClick={() => setDismissed(true)}>
          {CATCH_UP_WORDS.dismiss}
        </Button>
      </Group>
    </Alert>
  );
}
