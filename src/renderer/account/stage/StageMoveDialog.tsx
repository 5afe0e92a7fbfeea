/**
 * Moving the account to another stage: forward past open checklist items, back, or to
 * lost / cancelled. Before the person confirms, it lists what the move would leave open;
 * such a move (and lost / cancelled) needs a reason, which is recorded with the move and
 * shown on the timeline. Nothing is written until the rules are met.
 */
import { useEffect, useMemo, useState } from "react";
import { Button, Group, List, Modal, NativeSelect, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import {
  checkStageMove,
  DEAL_ENDING_STAGES,
  mostImportantCallOf,
  mostImportantCallTime,
  openRiskIds,
  type OpenRisksChoice as Choice,
  openItemsForMove,
  STAGE_LABELS,
  STAGES,
  stageMoveInputSchema,
  StageRuleError,
  stageOf,
  type Stage,
} from "../../../../shared";
import { localTimeZone, nowIso, today } from "../../ui/clock";
import { useNotices } from "../../ui/notices";
import { OpenRisksChoice } from "./OpenRisksChoice";
import { orderedWords } from "../../words/lifecycle";
import { formatMoment } from "../../ui/clock";
import { useEdit, useAccountSnapshot } from "../../document/hooks";
import { domainRules, domainValue } from "../../ui/form-rules";

export interface StageMoveDialogProps {
  opened: boolean;
  /** The stage the dialog opens with. */
  target: Stage;
  onClose: () => void;
}

export function StageMoveDialog({ opened, target, onClose }: StageMoveDialogProps) {
  // The dialog reads the account as it is at each redraw (it is open only briefly).
  const { account: doc } = useAccountSnapshot();
  const edit = useEdit();
  const { notify } = useNotices();
  const from = stageOf(doc);
  const form = useForm({
    initialValues: { to: target, reason: "" },
    validate: domainRules(() => stageMoveInputSchema),
    transformValues: (values) => domainValue(stageMoveInputSchema, values),
  });
  const { to } = form.values;
  const [risks, setRisks] = useState<Choice>("close");
  const riskCount = DEAL_ENDING_STAGES.includes(to) ? openRiskIds(doc).length : 0;

  useEffect(() => {
    if (opened) {
      form.setValues({ to: target, reason: "" });
      setRisks("close");
      form.clearErrors();
    }
    // `form` is the same form for the dialog's life: opening it with a target is what matters.
  }, [opened, target]);

  const open = useMemo(() => (to === from ? [] : openItemsForMove(doc, from, to, today())), [doc, from, to]);
  const ending = to === "lost" || to === "cancelled";
  const needsReason = ending || open.length > 0;

  const submit = form.onSubmit((input) => {
    const args = { to: input.to, reason: input.reason, at: nowIso(), timeZone: localTimeZone(), openRisks: riskCount ? risks : undefined };
    try {
      // The same rule the command applies, checked first so the message lands next to the field.
      checkStageMove(doc, args);
    } catch (e) {
      form.setFieldError("reason", e instanceof StageRuleError ? e.message : String(e));
      return;
    }
    const schedules = args.to === "ordered" && !mostImportantCallOf(doc);
    if (!edit("moveStage", args)) return;
    onClose();
    notify({ message: orderedWords(STAGE_LABELS[args.to], schedules ? formatMoment(mostImportantCallTime(args.at, args.timeZone)) : null) });
  });

  const choices = STAGES.filter((s) => s !== from).map((s) => ({ value: s, label: STAGE_LABELS[s] }));

  return (
    <Modal opened={opened} onClose={onClose} title="Change the stage" size="lg" centered>
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm">
            The account is at <b>{STAGE_LABELS[from]}</b>.
          </Text>
          <NativeSelect
            label="New stage"
            data={choices}
            {...form.getInputProps("to")}
            onChange={(e) => {
              form.setFieldValue("to", e.currentTarget.value as Stage);
              // Another stage asks another question: the reason's message no longer applies.
              form.clearFieldError("reason");
            }}
          />
          {open.length > 0 && (
            <div>
              <Text size="sm" fw={600} id="stage-move-open">
                Still open — {STAGE_LABELS[to]} cannot honestly be called done yet:
              </Text>
              <List size="sm" mt={4} spacing={2} aria-labelledby="stage-move-open">
                {open.map((item) => (
                  <List.Item key={item.id}>
                    {item.label}
                    {item.detail && (
                      <Text span size="sm" c="dimmed">
                        {" "}
                        — {item.detail.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z/g, (iso) => formatMoment(iso))}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </div>
          )}
          <OpenRisksChoice count={riskCount} value={risks} onChange={setRisks} />
          <Textarea
            label="Reason"
            description={
              needsReason
                ? ending
                  ? "Required. It is recorded with the move and shown on the timeline."
                  : "Required to move on with items open. It is recorded with the move and shown on the timeline."
                : "Optional. Recorded with the move and shown on the timeline."
            }
            withAsterisk={needsReason}
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps("reason")}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={ending ? "red" : undefined}>
              {open.length > 0 ? `Move to ${STAGE_LABELS[to]} anyway` : `Move to ${STAGE_LABELS[to]}`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
