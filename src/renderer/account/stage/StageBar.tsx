/**
 * The top of the account: where it stands on the path from promise to payment, what is
 * still open before the next stage, the credit check and supply date, open risks, and
 * whether the deal is won — which it is only when paid ("a promise of an order is not
 * an order").
 */
import { memo, useState } from "react";
import { DamagedItems } from "../../damage/AccountDamage";
import { Badge, Button, Group, Menu, Paper, Text, Title } from "@mantine/core";
import {
  checksOf,
  DEAL_ENDING_STAGES,
  mostImportantCallOf,
  mostImportantCallTime,
  openRiskIds,
  isWon,
  nextStage,
  openItemsForMove,
  paymentOf,
  stageChecklist,
  stageHistoryOf,
  STAGE_LABELS,
  type AccountDoc,
  type RiskView,
  type Stage,
  type StageMoveView,
} from "../../../../shared";
import { formatDay } from "../../words/labels";
import { CHECKLIST_SHORT } from "../../words/checklist";
import { orderedWords, RISK_KIND_LABEL, RISK_SEVERITY_COLOR, RISK_SEVERITY_LABEL } from "../../words/lifecycle";
import { formatMoment, localTimeZone, today } from "../../ui/clock";
import { useNotices } from "../../ui/notices";
import { useStableCallback } from "../../ui/stable";
import { StagePath } from "./StagePath";
import { StageChecklist } from "./StageChecklist";
import { OrderChecks } from "./OrderChecks";
import { StageMoveDialog } from "./StageMoveDialog";
import classes from "./StageBar.module.css";
import { useEdit, useReadOnly, useAccountQuery, useAccountSession } from "../../document/hooks";

export interface StageBarProps {
  /** Open the risks tab. */
  onShowRisks: () => void;
}

/** Whether the deal is won (only when paid), and when it was paid. */
interface Deal {
  won: boolean;
  paidDate: string | null;
}

function DealStatus({ deal, stage, lastMove }: { deal: Deal; stage: Stage; lastMove: StageMoveView | undefined }) {
  const won = deal.won;
  const paid = deal.paidDate;
  let text: string;
  let tone: "won" | "ended" | "open";
  if (won) {
    text = `Won — paid${paid ? ` on ${formatDay(paid)}` : ""}`;
    tone = "won";
  } else if (stage === "lost" || stage === "cancelled") {
    text = `${STAGE_LABELS[stage]}${lastMove?.reason ? `: ${lastMove.reason}` : ""}`;
    tone = "ended";
  } else {
    text = "Not won yet: a promise of an order is not an order.";
    tone = "open";
  }
  return (
    <Text role="status" aria-label="Deal status" className={classes.dealStatus} data-tone={tone}>
      {text}
    </Text>
  );
}

/** How the account got to its stage, when that move left items open or ended the account. */
function LastMove({ move }: { move: StageMoveView | undefined }) {
  if (!move || (!move.skipped.length && !move.reason)) return null;
  return (
    <Text size="sm" className={classes.lastMove}>
      Moved to {STAGE_LABELS[move.to]} by {move.by?.name ?? "someone"} on {formatDay(move.at)}
      {move.skipped.length > 0 && <> with {move.skipped.map((id) => CHECKLIST_SHORT[id]).join(", ")} still open</>}
      {move.reason && (
        <>
          {" "}
          — reason: <q>{move.reason}</q>
        </>
      )}
    </Text>
  );
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

function OpenRisks({ risks, onShow }: { risks: RiskView[]; onShow: () => void }) {
  const top = [...risks].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3)).slice(0, 3);
  return (
    <div className={classes.risks}>
      <Group gap={8} justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} id="open-risks-title">
          Open risks{" "}
          <Badge variant="light" color={risks.length ? "orange" : "gray"} radius="sm" tt="none" ml={4}>
            {risks.length}
          </Badge>
        </Text>
        <Button variant="subtle" size="compact-sm" onClick={onShow}>
          Show risks
        </Button>
      </Group>
      {risks.length === 0 ? (
        <Text size="sm" c="dimmed" mt={4}>
          None open.
        </Text>
      ) : (
        <ul className={`plain ${classes.riskList}`} aria-labelledby="open-risks-title">
          {top.map((r) => (
            <li key={r.id}>
              <Badge size="xs" variant="light" radius="sm" tt="none" color={RISK_SEVERITY_COLOR[r.severity] ?? "gray"} mr={6}>
                {RISK_SEVERITY_LABEL[r.severity] ?? r.severity}
              </Badge>
              <Text span size="sm" c="dimmed">
                {RISK_KIND_LABEL[r.kind] ?? r.kind}:{" "}
              </Text>
              <Text span size="sm" className={classes.riskText}>
                {r.description || "(no description)"}
              </Text>
            </li>
          ))}
          {risks.length > top.length && (
            <li>
              <Text size="sm" c="dimmed">
                and {risks.length - top.length} more
              </Text>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/**
 * The stage bar redraws only when a part of the account it reads changed (doc-parts.ts),
 * and draws again only when what it shows changed by value: typing a commitment's text
 * leaves "3 of 4 confirmed" as it was, so the bar below is skipped.
 */
export const StageBar = memo(function StageBar({ onShowRisks }: StageBarProps) {
  const session = useAccountSession();
  const day = today();
  const checklist = useAccountQuery((d) => stageChecklist(d, day), [day]);
  const history = useAccountQuery(stageHistoryOf);
  const checks = useAccountQuery(checksOf);
  const deal = useAccountQuery((d) => ({ won: isWon(d), paidDate: paymentOf(d).paidDate }));
  const createdAt = useAccountQuery((d) => d.created.at.toString());
  const [dialog, setDialog] = useState<Stage | null>(null);
  // Handlers read the account as it is now, not as it was drawn.
  const currentDoc = useStableCallback(() => session.snapshot().account);
  return (
    <>
      <DamagedItems parts={["stage", "stageHistory", "checks"]} />
      <StageBarView
        checklist={checklist}
        history={history}
        checks={checks}
        deal={deal}
        createdAt={createdAt}
        day={day}
        currentDoc={currentDoc}
        onShowRisks={onShowRisks}
        onDialog={setDialog}
      />
      {dialog && <StageMoveDialog opened target={dialog} onClose={() => setDialog(null)} />}
    </>
  );
});

interface StageBarViewProps {
  checklist: ReturnType<typeof stageChecklist>;
  history: StageMoveView[];
  checks: ReturnType<typeof checksOf>;
  deal: Deal;
  createdAt: string;
  day: string;
  currentDoc: () => AccountDoc;
  onShowRisks: () => void;
  onDialog: (target: Stage) => void;
}

const StageBarView = memo(function StageBarView({ checklist, history, checks, deal, createdAt, day, currentDoc, onShowRisks, onDialog: setDialog }: StageBarViewProps) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const { notify } = useNotices();
  const stage = checklist.stage;
  const next = nextStage(stage);
  const ended = stage === "lost" || stage === "cancelled";
  const lastMove = [...history].reverse().find((m) => m.to === stage);

  const moveToNext = () => {
    if (!next) return;
    // With nothing open the move is one click; otherwise the dialog asks for a reason.
    // So does winning with risks still open: it asks what to do with them.
    const doc = currentDoc();
    if (openItemsForMove(doc, stage, next, day).length || (DEAL_ENDING_STAGES.includes(next) && openRiskIds(doc).length)) {
      setDialog(next);
      return;
    }
    const schedules = next === "ordered" && !mostImportantCallOf(doc);
    const at = new Date().toISOString();
    const zone = localTimeZone();
    if (edit("moveStage", { to: next, at, timeZone: zone })) notify({ message: orderedWords(STAGE_LABELS[next], schedules ? formatMoment(mostImportantCallTime(at, zone)) : null) });
  };
  return (
    <Paper component="section" withBorder radius="md" className={classes.bar} aria-labelledby="stage-title">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" className={classes.top}>
        <div className={classes.status}>
          <Title order={2} id="stage-title" className={classes.title}>
            Stage: {STAGE_LABELS[stage]}
          </Title>
          <DealStatus deal={deal} stage={stage} lastMove={lastMove} />
        </div>
        <Group gap="xs" wrap="nowrap">
          {next && !ended && (
            <Button onClick={moveToNext} disabled={readOnly}>
              Move to {STAGE_LABELS[next]}
            </Button>
          )}
          {ended && (
            <Button variant="default" onClick={() => setDialog(lastMove && lastMove.from !== stage ? lastMove.from : "follow-up")} disabled={readOnly}>
              Reopen…
            </Button>
          )}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" disabled={readOnly}>
                More stage moves
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => setDialog(next ?? (stage === "follow-up" ? "promised" : "follow-up"))}>Move to another stage…</Menu.Item>
              {stage !== "lost" && (
                <Menu.Item color="red" onClick={() => setDialog("lost")}>
                  Mark as lost…
                </Menu.Item>
              )}
              {stage !== "cancelled" && (
                <Menu.Item color="red" onClick={() => setDialog("cancelled")}>
                  Mark as cancelled…
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <StagePath stage={stage} history={history} createdAt={createdAt} />
      <LastMove move={lastMove} />
      <div className={classes.lower}>
        {checklist.next && !ended ? (
          <StageChecklist section={checklist.next} />
        ) : (
          <Text size="sm" c="dimmed" className={classes.checklist}>
            {ended ? "The account is closed. Reopen it to carry on." : "The end of the path: keep the relationship going."}
          </Text>
        )}
        <div className={classes.side}>
          <OrderChecks checks={checks} />
          <OpenRisks risks={checklist.openRisks} onShow={onShowRisks} />
        </div>
      </div>
    </Paper>
  );
});
