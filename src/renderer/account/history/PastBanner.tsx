/**
 * Above the account as it was: which point it is, that it is read-only, and the ways on —
 * back to now, compare with now, restore the whole account to this point.
 */
import { useState } from "react";
import { Alert, Button, Group, Text } from "@mantine/core";
import { plainAccount } from "../../../../shared";
import { formatMoment } from "../../ui/clock";
import { useNotices } from "../../ui/notices";
import { HISTORY_WORDS as W } from "../../words/history";
import type { AccountSession } from "../../document/session";
import { ConfirmDialog } from "./ConfirmDialog";
import type { HistoryActions } from "./history";

export function PastBanner({ past, now, actions }: { past: AccountSession; now: AccountSession; actions: HistoryActions }) {
  const { notify } = useNotices();
  const [confirming, setConfirming] = useState(false);
  const point = past.past!;
  const { damage } = past.snapshot();
  const readOnlyNow = now.snapshot().readOnly;
  return (
    <Alert color="violet" variant="light" role="region" aria-label={W.bannerTitle(point.label)} title={W.bannerTitle(point.label)}>
      {point.at && (
        <Text size="sm" fw={500}>
          <time dateTime={point.at}>{formatMoment(point.at)}</time>
        </Text>
      )}
      <Text size="sm" mt={4}>
        {W.bannerText}
      </Text>
      {damage.length > 0 && (
        <Text size="sm" mt={4} c="orange">
          {W.pastDamage(damage.length)}
        </Text>
      )}
      <Group gap="sm" mt="sm">
        <Button size="xs" onClick={actions.back}>
          {W.back}
        </Button>
        <Button size="xs" variant="default" onClick={() => actions.compare(point)}>
          {W.compareWithNow}
        </Button>
        <Button size="xs" variant="default" color="violet" disabled={readOnlyNow} onClick={() => setConfirming(true)}>
          {W.restoreAll}
        </Button>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={W.confirmRestoreAllTitle}
        confirm={W.confirmRestoreAllButton}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          if (now.edit("restoreAccount", { account: plainAccount(past.snapshot().account), point: point.label })) {
            notify({ message: W.restoredAll(point.label) });
            actions.back();
          }
        }}
      >
        {W.confirmRestoreAll(point.label)}
      </ConfirmDialog>
    </Alert>
  );
}
