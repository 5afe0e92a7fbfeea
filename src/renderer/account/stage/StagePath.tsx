/** The path follow-up → … → relationship, with where the account is and when it got to each stage. */
import { STAGE_LABELS, STAGE_PATH, type Stage, type StageMoveView } from "../../../../shared";
import { formatDay } from "../../words/labels";
import classes from "./StageBar.module.css";

export interface StagePathProps {
  stage: Stage;
  history: StageMoveView[];
  /** When the account was created (it starts at follow-up). */
  createdAt: string;
}

/** The stage on the path the account had reached: its own, or where it was when it was lost / cancelled. */
function reachedStage(stage: Stage, history: StageMoveView[]): Stage {
  if (stage !== "lost" && stage !== "cancelled") return stage;
  const ended = [...history].reverse().find((m) => m.to === stage);
  return ended && (STAGE_PATH as readonly Stage[]).includes(ended.from) ? ended.from : "follow-up";
}

export function StagePath({ stage, history, createdAt }: StagePathProps) {
  const reached = (STAGE_PATH as readonly Stage[]).indexOf(reachedStage(stage, history));
  const ended = stage === "lost" || stage === "cancelled";
  // The latest move into each stage: after a move back, the later stages show no date.
  const movedAt = (s: Stage, i: number): string | null => {
    if (i > reached) return null;
    const move = [...history].reverse().find((m) => m.to === s);
    if (move) return move.at;
    return s === "follow-up" ? createdAt || null : null;
  };
  return (
    <ol className={classes.path} aria-label="Stages">
      {STAGE_PATH.map((s, i) => {
        const state = i < reached || (ended && i === reached) ? "done" : i === reached ? "current" : "upcoming";
        const at = movedAt(s, i);
        return (
          <li key={s} className={classes.step} data-state={state} aria-current={state === "current" ? "step" : undefined}>
            <span className={classes.dot} aria-hidden="true" />
            <span className={classes.stepLabel}>{STAGE_LABELS[s]}</span>
            <span className={classes.stepDate}>
              {at ? (
                <time dateTime={at}>{formatDay(at)}</time>
              ) : (
                <span className="visually-hidden">{state === "upcoming" ? "not reached" : ""}</span>
              )}
            </span>
            {state === "current" && <span className="visually-hidden">(current stage)</span>}
          </li>
        );
      })}
    </ol>
  );
}
