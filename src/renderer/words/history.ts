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
  menuLabel: "As it was…: open the account as it was at a point of its history",
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
  beforeTheStart: "Before this, the account did not exist yet: there is nothing to open or go back to.",
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

/** Archive, delete and erase an account. */
export const KEEPING_WORDS = {
  menu: "Manage",
  menuLabel: "Manage: archive, delete or erase this account",
  archive: "Archive…",
  unarchive: "Bring back from the archive",
  delete: "Delete from this laptop…",
  erase: "Erase its history…",
  archiveTitle: (name: string) => `Archive “${name}”?`,
  archiveText:
    "It disappears from your account list and from Today on this laptop. Nothing changes in the account itself, and nobody else sees a difference. You can bring it back from Accounts → Show archived.",
  archiveButton: "Archive",
  archived: (name: string) => `“${name}” is archived on this laptop.`,
  unarchived: (name: string) => `“${name}” is back in your lists.`,
  deleteTitle: (name: string) => `Delete “${name}” from this laptop?`,
  deleteText:
    "It is removed from this laptop, and the team server stops syncing it to you. What stays: everyone else who shares it keeps their copy with its whole history, and so does the team server for them. To have it again, someone who has it shares it with you.",
  deleteButton: "Delete from this laptop",
  deleted: (name: string, server: "left" | "listed" | "no-server" | "unreachable" | "refused") =>
    `“${name}” is deleted from this laptop.${
      server === "left"
        ? " The team server no longer syncs it to you."
        : server === "listed"
          ? " The account itself lists you as a member, so the team server still would: ask a colleague who shares it to take you off."
          : server === "unreachable" || server === "refused"
            ? " The team server could not be told (not reachable or refused): it still counts you as a member."
            : ""
    }`,
  eraseTitle: (name: string) => `Erase the history of “${name}”?`,
  eraseText:
    "For a privacy request. Baton makes a fresh copy of the account as it is now, without any of its history, and replaces the old one for everyone who shares it: their laptops swap it when they next sync. Remove what must go from the account first — the fresh copy starts from what is there now.",
  eraseCannot:
    "What it cannot reach: copies on laptops that never sync again or run an older Baton, the history the team server keeps (its administrator can remove it), and backups, exports and recaps already made.",
  eraseButton: "Erase the history",
  erased: (name: string, reachedServer: boolean) =>
    `The history of “${name}” is erased: this is its fresh copy.${reachedServer ? "" : " The team server was not reached: other laptops swap it once this laptop syncs again."}`,
  failed: (what: string, why: string) => `${what} did not work: ${why}`,
  archivedBadge: "Archived",
  showArchived: (n: number) => `Show archived (${n.toLocaleString()})`,
  hideArchived: "Hide archived",
  archivedCount: (n: number) => `${n.toLocaleString()} archived`,
  allArchived: "Every account on this device is archived. Show archived to see them.",
} as const;
