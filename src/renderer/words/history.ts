/** Words of the account's history: the account as it was, comparing two points, restoring, undoing; archive, delete, erase. */
import type { NamedPointId } from "../../../shared";

/** Named points, after "as it was": "as it was at the order". */
export const NAMED_POINT_LABEL: Record<NamedPointId, string> = {
  "most-important-call": "on the most important call",
  order: "at the order",
  handoff: "at handoff",
};

/** The menu's items for named points. */
export const NAMED_POINT_MENU: Record<NamedPointId, string> = {
  "most-important-call": "As the customer heard it on the most important call",
  order: "At the order",
  handoff: "As agreed at handoff",
};

export const HISTORY_WORDS = {
  menu: "As it was…",
  menuLabel: "Open the account as it was at a point of its history",
  noNamedPoints: "No named points yet: the most important call, the order and the handoff appear here once they happen.",
  pickFromTimeline: "Pick any moment on the timeline",
  bannerTitle: (label: string) => `The account as it was ${label}`,
  bannerText:
    "Read-only: this is how the account read then, checked like any account. Nothing here can be edited — restoring brings it back as a new change that everyone who shares the account sees, and nothing in the history is rewritten.",
  back: "Back to now",
  compareWithNow: "Compare with now",
  restoreAll: "Restore the whole account to this point…",
  refused: (label: string) => `This is the account as it was ${label}: it cannot be edited. Go back to now, or restore what you need from it.`,
  notOnDevice: "That point is not in this device's copy of the account yet (its changes have not arrived). Try again once the account has synced.",
  pastDamage: (n: number) => `${n === 1 ? "One part was" : `${n} parts were`} damaged at this point; ${n === 1 ? "it is" : "they are"} left out here and cannot be restored.`,

  // Timeline entry actions
  entryActions: (text: string) => `History actions for: ${text}`,
  openBefore: "Open the account as it was before this",
  openAfter: "Open the account as it was after this",
  compareEntry: "Compare before and after this",
  undo: "Undo this change…",
  before: (who: string, what: string) => `before ${who}'s change “${what}”`,
  after: (who: string, what: string) => `after ${who}'s change “${what}”`,
  someone: "someone",

  // Compare
  compareTitle: "Compare two points",
  compareFrom: "Older point",
  compareTo: "Newer point",
  now: "Now",
  nothingDiffers: "Nothing differs between these two points.",
  differences: (n: number) => `${n.toLocaleString()} ${n === 1 ? "difference" : "differences"}`,
  added: "Added since",
  removed: "Removed since",
  changed: "Changed",
  restoreItem: (name: string) => `Restore “${name}” as it was`,
  restoreItemShort: "Restore as it was",
  restoreOnlyAgainstNow: "Restoring is offered when the newer point is now.",
  fieldBefore: "then",
  fieldAfter: "now",
  empty: "(empty)",

  // Confirmations
  confirmRestoreAllTitle: "Restore the whole account?",
  confirmRestoreAll: (label: string) =>
    `Every part of the account — contacts, requirements, commitments, milestones, risks, the order, the stage and the rest — goes back to how it was ${label}. This is a new change under your name that everyone who shares the account receives; the changes made since stay in the history, so this restore can itself be undone from the timeline.`,
  confirmRestoreAllButton: "Restore the whole account",
  restoredAll: (label: string) => `The account is back to how it was ${label}.`,
  restoredItem: (name: string) => `“${name}” is back as it was.`,
  confirmUndoTitle: "Undo this change?",
  confirmUndo: (change: string) => `${change} is undone as a new change under your name, which everyone who shares the account receives.`,
  undoLeavesAlone: (n: number) =>
    `${n === 1 ? "One part it touched has" : `${n} parts it touched have`} been edited since and will be left as ${n === 1 ? "it is" : "they are"}.`,
  confirmUndoButton: "Undo the change",
  undone: (n: number) => (n ? `Undone. ${n === 1 ? "One part edited since was" : `${n} parts edited since were`} left as ${n === 1 ? "it was" : "they were"}.` : "Undone."),
  nothingToUndo: "Nothing to undo: everything this change did has already been changed back.",
  cancel: "Cancel",
} as const;
