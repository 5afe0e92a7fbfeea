/**
 * The account at any moment, for the account page: which point of the history is open
 * (read-only, in a session of its own that the same screens draw), the comparison of two
 * points, and undo from a timeline entry. Restores and undos are edits of the account
 * now, through the catalog like any edit: attributed, synced, nothing rewritten.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { Doc } from "@automerge/automerge/slim";
import {
  accountAt,
  checkAccount,
  plainAccount,
  undoLeftAlone,
  type AccountDoc,
  type TimelineEntry,
  type PointSide,
} from "../../../../shared";
import { AccountSession, type PastPoint } from "../../document/session";
import { useAccountSession } from "../../document/hooks";
import { useNotices } from "../../ui/notices";
import { HISTORY_WORDS as W } from "../../words/history";
import { ConfirmDialog } from "./ConfirmDialog";

/** Two points to compare; `to` null is now. */
export interface Comparison {
  from: PastPoint;
  to: PastPoint | null;
}

export interface HistoryActions {
  /** Open the account as it was at a point (read-only); false when that point is not on this device. */
  openAt: (point: PastPoint) => boolean;
  /** Back to the account now. */
  back: () => void;
  /** Compare two points (the newer one now when `to` is null). */
  compare: (from: PastPoint, to?: PastPoint | null) => void;
  /** The point just before or after a timeline entry. */
  pointOf: (entry: TimelineEntry, side: PointSide) => PastPoint | null;
  /** Undo a timeline entry's change, after a confirmation. */
  undo: (entry: TimelineEntry) => void;
}

const HistoryContext = createContext<HistoryActions | null>(null);

/** The history actions of the open account's page; null outside it (e.g. a screen drawn on its own). */
export function useHistory(): HistoryActions | null {
  return useContext(HistoryContext);
}

const whoOf = (entry: TimelineEntry) => entry.by?.name ?? W.someone;

interface PendingUndo {
  change: string;
  before: AccountDoc;
  after: AccountDoc;
  leftAlone: number;
}

/**
 * The state of the page's history: the past session shown (if any), the comparison open
 * (if any) and the actions; `dialogs` draws the confirmation of an undo.
 */
export function useHistoryState(): { past: AccountSession | null; comparison: Comparison | null; closeComparison: () => void; actions: HistoryActions; dialogs: ReactNode } {
  const session = useAccountSession();
  const { notify } = useNotices();
  const [past, setPast] = useState<AccountSession | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [pendingUndo, setPendingUndo] = useState<PendingUndo | null>(null);

  const openAt = useCallback(
    (point: PastPoint) => {
      const account = accountAt(session.handle.doc(), point.heads);
      if (!account) {
        notify({ tone: "error", message: W.notOnDevice });
        return false;
      }
      const never = () => {
        throw new Error(W.refused(point.label));
      };
      setPast(new AccountSession(session.handle, never, notify, { point, account, refused: W.refused(point.label) }));
      return true;
    },
    [session, notify],
  );

  const pointOf = useCallback(
    (entry: TimelineEntry, side: PointSide): PastPoint | null => {
      const heads = session.timeline.pointOf(session.handle.doc(), entry.id, side);
      if (!heads?.length) {
        notify({ tone: "error", message: heads ? W.beforeTheStart : W.notOnDevice });
        return null;
      }
      const what = entry.text;
      return { heads, label: side === "before" ? W.before(whoOf(entry), what) : W.after(whoOf(entry), what), at: entry.at };
    },
    [session, notify],
  );

  const undo = useCallback(
    (entry: TimelineEntry) => {
      const doc = session.handle.doc() as Doc<AccountDoc>;
      const beforeHeads = session.timeline.pointOf(doc, entry.id, "before");
      if (beforeHeads?.length === 0) {
        notify({ tone: "error", message: W.beforeTheStart });
        return;
      }
      const before = accountAt(doc, beforeHeads ?? []);
      const after = accountAt(doc, session.timeline.pointOf(doc, entry.id, "after") ?? []);
      if (!before || !after) {
        notify({ tone: "error", message: W.notOnDevice });
        return;
      }
      const args = { before: plainAccount(before.account), after: plainAccount(after.stored) };
      const now = checkAccount(doc).account;
      const leftAlone = undoLeftAlone(now, args).length;
      setPendingUndo({ ...args, change: `${whoOf(entry)}'s change “${entry.text}”`, leftAlone });
    },
    [session, notify],
  );

  const actions = useMemo<HistoryActions>(
    () => ({
      openAt,
      back: () => setPast(null),
      compare: (from, to = null) => setComparison({ from, to }),
      pointOf,
      undo,
    }),
    [openAt, pointOf, undo],
  );

  const dialogs = (
    <ConfirmDialog
      opened={pendingUndo !== null}
      title={W.confirmUndoTitle}
      confirm={W.confirmUndoButton}
      onCancel={() => setPendingUndo(null)}
      onConfirm={() => {
        const p = pendingUndo;
        setPendingUndo(null);
        if (!p) return;
        if (session.edit("undoChange", { before: p.before, after: p.after, change: p.change })) notify({ message: W.undone(p.leftAlone) });
      }}
    >
      {pendingUndo && `${W.confirmUndo(pendingUndo.change)}${pendingUndo.leftAlone ? ` ${W.undoLeavesAlone(pendingUndo.leftAlone)}` : ""}`}
    </ConfirmDialog>
  );

  return { past, comparison, closeComparison: () => setComparison(null), actions, dialogs };
}

/** Gives the page's history actions to the screens below (the timeline's entries, the menu). */
export function HistoryProvider({ actions, children }: { actions: HistoryActions; children: ReactNode }) {
  return <HistoryContext.Provider value={actions}>{children}</HistoryContext.Provider>;
}
