/**
 * The payment arrived: entering the paid date offers the move to Paid in the same step
 * (won when paid), and asks what to do with the open risks — one change, or nothing.
 */
import { useEffect, useMemo, useState } from "react";
import { Button, Checkbox, Group, List, Modal, Stack, Text, Textarea } from "@mantine/core";
import { openItemsForMove, openRiskIds, stageOf, type OpenRisksChoice as Choice } from "../../../../shared";
import { localTimeZone, today } from "../../ui/clock";
import { useNotices } from "../../ui/notices";
import { formatDay } from "../../words/labels";
import { DEAL_WORDS } from "../../words/lifecycle";
import { useEdit, useAccountSnapshot } from "../../document/hooks";
import { OpenRisksChoice } from "../stage/OpenRisksChoice";

export function PaidDialog({ paidDate, onClose }: { paidDate: string | null; onClose: () => void }) {
  const { account: doc } = useAccountSnapshot();
  const edit = useEdit();
  const { notify } = useNotices();
  const [move, setMove] = useState(true);
  const [risks, setRisks] = useState<Choice>("close");
  const [reason, setReason] = useState("");
  useEffect(() => {
    setMove(true);
    setRisks("close");
    setReason("");
  }, [paidDate]);
  // What the move would still leave open once the payment is recorded (the payment itself is not).
  const open = useMemo(() => openItemsForMove(doc, stageOf(doc), "paid", today()).filter((i) => i.id !== "payment-received"), [doc]);
  const riskCount = openRiskIds(doc).length;
  const needsReason = move && open.length > 0 && !reason.trim();

  const save = () => {
    if (!paidDate) return;
    const ok = edit("recordPaid", { paidDate, moveToPaid: move, reason: reason.trim() || undefined, openRisks: move ? risks : "keep", timeZone: localTimeZone() });
    if (!ok) return;
    onClose();
    notify({ message: move ? DEAL_WORDS.paidAndWon(formatDay(paidDate)) : DEAL_WORDS.paidOnly(formatDay(paidDate)) });
  };

  return (
    <Modal opened={paidDate !== null} onClose={onClose} title={DEAL_WORDS.paidTitle(formatDay(paidDate ?? ""))} centered size="lg">
      <Stack gap="md">
        <Checkbox label={DEAL_WORDS.moveToPaid} description={DEAL_WORDS.moveToPaidHint} checked={move} onChange={(e) => setMove(e.currentTarget.checked)} />
        {move && open.length > 0 && (
          <div>
            <Text size="sm" fw={600} id="paid-open">
              {DEAL_WORDS.stillOpen}
            </Text>
            <List size="sm" mt={4} spacing={2} aria-labelledby="paid-open">
              {open.map((i) => (
                <List.Item key={i.id}>{i.label}</List.Item>
              ))}
            </List>
            <Textarea mt="sm" label="Reason" withAsterisk autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={needsReason ? DEAL_WORDS.reasonNeeded : undefined} />
          </div>
        )}
        {move && <OpenRisksChoice count={riskCount} value={risks} onChange={setRisks} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={save} disabled={needsReason}>
            {move ? DEAL_WORDS.saveAndMove : DEAL_WORDS.saveDate}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
