/**
 * Removing a commitment, milestone or requirement, with "Undo" in the notice: the item is
 * kept as plain data before it goes (with the links its removal cuts), and "Undo" puts it
 * back where it was as a new change; the focus moves to the next row, so the keyboard
 * keeps its place.
 */
import { snapshotCommitment, snapshotMilestone, snapshotRequirement } from "../../../shared";
import { truncate } from "../words/labels";
import { useNotices } from "../ui/notices";
import { focusItemControl } from "../ui/ItemActions";
import { useStableCallback } from "../ui/stable";
import { useAccountSession } from "./hooks";

export type Removable = "commitment" | "milestone" | "requirement";

const WORDS: Record<Removable, { removed: string; newField: string }> = {
  commitment: { removed: "Commitment removed", newField: "New commitment" },
  milestone: { removed: "Milestone removed", newField: "New milestone" },
  requirement: { removed: "Requirement removed", newField: "New requirement" },
};

/** The function that removes item `id` of `items` (shown in this order, named by `nameOf`). */
export function useRemoveWithUndo<T extends { id: string }>(kind: Removable, items: readonly T[], nameOf: (item: T) => string): (id: string) => void {
  const session = useAccountSession();
  const { notify } = useNotices();
  return useStableCallback((id: string) => {
    const index = items.findIndex((x) => x.id === id);
    const item = items[index];
    if (!item) return;
    const { edit } = session;
    const stored = session.handle.doc();
    let undo: () => void;
    try {
      if (kind === "commitment") {
        const saved = snapshotCommitment(stored, id);
        if (!edit("removeCommitment", { id })) return;
        undo = () => void edit("restoreCommitment", saved);
      } else if (kind === "milestone") {
        const saved = snapshotMilestone(stored, id);
        if (!edit("removeMilestone", { id })) return;
        undo = () => void edit("restoreMilestone", saved);
      } else {
        const saved = snapshotRequirement(stored, id);
        if (!edit("removeRequirement", { id })) return;
        undo = () => void edit("restoreRequirement", saved);
      }
    } catch (e) {
      notify({ tone: "error", message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const next = items[index + 1] ?? items[index - 1];
    if (next) focusItemControl(next.id, "text");
    else document.querySelector<HTMLElement>(`[aria-label="${WORDS[kind].newField}"]`)?.focus();
    notify({ message: `${WORDS[kind].removed}: “${truncate(nameOf(item))}”.`, action: { label: "Undo", run: undo } });
  });
}
