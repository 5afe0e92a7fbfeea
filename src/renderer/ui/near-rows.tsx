/**
 * Long editable lists (an account's commitments and delivery plan) draw in full only the
 * rows that have come near the window; the others are light stand-ins that show the row's
 * name, at about a row's height, until they come within a screen of being seen. A
 * year-long account has ~80 editable rows of ~35–40 elements each, four screens below the
 * top of the page: drawing them all was most of opening it (3,800 elements, 880 form
 * controls), for rows nobody sees before scrolling.
 *
 * Unlike a virtualised list, a row once drawn stays drawn: focus, a caret, a half-typed
 * value or an open calendar are never lost to a scroll, and after one scroll down the list
 * is what it always was. Each stand-in is a list item with the row's name, so the list
 * still counts and names every row for screen readers; the keyboard walks through
 * drawn rows only, and the row after the focused one is always near (on screen or within
 * a screen of it), so Tab never skips one. A short list is drawn whole.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import classes from "./ItemList.module.css";

/** Lists up to this long are drawn whole (what most accounts hold). */
export const DRAW_WHOLE_UP_TO = 24;
/** How far outside the window a row starts being drawn: a screen above and below. */
const NEAR_MARGIN = "100% 0px 100% 0px";

/** Tells other code (meeting presence marks) that rows were drawn in full since it looked. */
export const ROWS_DRAWN_EVENT = "baton:rows-drawn";

interface NearRows {
  /** Whether to draw this row in full now. */
  isNear: (id: string) => boolean;
  /** The ref of a stand-in (it carries `data-item-id`): draws its row once it comes near. */
  watch: (el: HTMLElement | null) => (() => void) | undefined;
}

function useNearRows(ids: readonly string[]): NearRows {
  const whole = ids.length <= DRAW_WHOLE_UP_TO;
  // Rows drawn so far, by id (a moved row stays drawn); only grows while the list is shown.
  const near = useRef(new Set<string>());
  const [, setVersion] = useState(0);
  const observer = useRef<IntersectionObserver | null>(null);
  const watched = useRef(new Set<HTMLElement>());
  // A list that grows past the bound keeps the rows it drew whole (one may hold the focus).
  const wasWhole = useRef(false);
  if (wasWhole.current && !whole) for (const id of ids) near.current.add(id);
  wasWhole.current = whole;

  useEffect(() => {
    const io = new IntersectionObserver(
      (entries) => {
        let added = false;
        for (const e of entries) {
          const id = (e.target as HTMLElement).dataset.itemId;
          if (!e.isIntersecting || !id || near.current.has(id)) continue;
          near.current.add(id);
          io.unobserve(e.target);
          watched.current.delete(e.target as HTMLElement);
          added = true;
        }
        if (added) setVersion((v) => v + 1);
      },
      { rootMargin: NEAR_MARGIN },
    );
    // The stand-ins drawn before this ran (refs come before effects).
    for (const el of watched.current) io.observe(el);
    observer.current = io;
    return () => {
      io.disconnect();
      observer.current = null;
    };
  }, []);

  const watch = useCallback((el: HTMLElement | null) => {
    if (!el) return;
    watched.current.add(el);
    observer.current?.observe(el);
    return () => {
      observer.current?.unobserve(el);
      watched.current.delete(el);
    };
  }, []);

  const drawnCount = near.current.size;
  useLayoutEffect(() => {
    if (drawnCount) window.dispatchEvent(new Event(ROWS_DRAWN_EVENT));
  }, [drawnCount]);

  const isNear = useCallback((id: string) => whole || near.current.has(id), [whole]);
  return { isNear, watch };
}

/** A row not drawn yet: its name at about its height, in the list's grid. */
const RowStandIn = memo(function RowStandIn({ id, name, grid, watch }: { id: string; name: string; grid: string | undefined; watch: NearRows["watch"] }) {
  return (
    <li ref={watch} className={`${classes.row} ${grid ?? ""} ${classes.standIn}`} data-item-id={id} data-stand-in="">
      <span className={classes.standInName}>{name}</span>
    </li>
  );
});

export interface NearRowsListProps<T extends { id: string }> {
  /** The list's name for screen readers ("Commitments"). */
  label: string;
  items: readonly T[];
  /** A row's words on its stand-in. */
  nameOf: (item: T) => string;
  /** The grid class the list's rows share, so a stand-in's words sit in the first column. */
  grid: string | undefined;
  /** The row drawn in full (an `li` with `data-item-id`). */
  row: (item: T, index: number) => ReactNode;
}

/** A list of editable rows, long ones drawn near the window only (above). */
export function NearRowsList<T extends { id: string }>({ label, items, nameOf, grid, row }: NearRowsListProps<T>) {
  const near = useNearRows(useMemo(() => items.map((i) => i.id), [items]));
  return (
    <ul className="plain" aria-label={label}>
      {items.map((item, i) => (near.isNear(item.id) ? row(item, i) : <RowStandIn key={item.id} id={item.id} name={nameOf(item)} grid={grid} watch={near.watch} />))}
    </ul>
  );
}
