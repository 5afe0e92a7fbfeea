/**
 * Move up / Move down / Remove for one row of a list. Keyboard-operable buttons; after
 * a move the focus follows the item (React may re-insert the row's DOM node, which
 * would otherwise drop the focus).
 */
import classes from "./ItemActions.module.css";

export interface ItemActionsProps {
  itemId: string;
  index: number;
  count: number;
  removeLabel: string;
  disabled: boolean;
  onMove: (toIndex: number) => void;
  onRemove: () => void;
}

export function focusItemControl(itemId: string, preferred: "up" | "down" | "text"): void {
  // A long list's row may not be drawn yet (near-rows.tsx): bring it on screen, and focus
  // it once it is drawn, a few frames later.
  let frames = 0;
  const focusedBefore = document.activeElement;
  const attempt = () => {
    // The person went on to something else meanwhile: leave the focus where they put it.
    if (frames > 0 && document.activeElement !== focusedBefore) return;
    const row = document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(itemId)}"]`);
    if (!row) return;
    if (row.dataset.standIn !== undefined) {
      if (frames === 0) row.scrollIntoView({ block: "center" });
      if (++frames < 30) requestAnimationFrame(attempt);
      return;
    }
    const order = preferred === "up" ? ["up", "down"] : preferred === "down" ? ["down", "up"] : ["text"];
    for (const which of order) {
      const el = row.querySelector<HTMLElement>(`[data-control="${which}"]`);
      if (el && !(el as HTMLButtonElement).disabled) {
        el.focus();
        return;
      }
    }
  };
  requestAnimationFrame(attempt);
}

function Chevron({ up }: { up: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      {up ? <path d="M6 15l6-6 6 6" /> : <path d="M6 9l6 6 6-6" />}
    </svg>
  );
}

function Trash() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3" />
    </svg>
  );
}

/**
 * Plain buttons (styled like Mantine's subtle ActionIcon) with a native tooltip: a long
 * account draws three per row, and Mantine's Tooltip + ActionIcon cost more than the rest
 * of the row.
 */
export function ItemActions({ itemId, index, count, removeLabel, disabled, onMove, onRemove }: ItemActionsProps) {
  return (
    <div className={classes.actions}>
      <button
        type="button"
        className={classes.action}
        title="Move up"
        aria-label="Move up"
        data-control="up"
        disabled={disabled || index === 0}
        onClick={() => {
          onMove(index - 1);
          focusItemControl(itemId, "up");
        }}
      >
        <Chevron up />
      </button>
      <button
        type="button"
        className={classes.action}
        title="Move down"
        aria-label="Move down"
        data-control="down"
        disabled={disabled || index >= count - 1}
        onClick={() => {
          onMove(index + 1);
          focusItemControl(itemId, "down");
        }}
      >
        <Chevron up={false} />
      </button>
      <button type="button" className={`${classes.action} ${classes.remove}`} title={removeLabel} aria-label={removeLabel} data-control="remove" disabled={disabled} onClick={onRemove}>
        <Trash />
      </button>
    </div>
  );
}
