/**
 * The accounts as a grid of rows, of which only those on screen (and a few either side)
 * are in the document: a year of accounts is thousands of rows, and drawing every one took
 * most of the list's start. The grid says how many rows there are (`aria-rowcount`) and
 * which one each drawn row is (`aria-rowindex`), so a screen reader still counts them all.
 * One row's link is in the tab order; Arrow keys, Page Up / Down, Home / End and typing
 * the start of a name move it, scrolling the row into view; Enter opens the account.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { Paper } from "@mantine/core";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import type { AccountSummary } from "../../../shared";
import { LIST_WORDS } from "../words/find";
import { hrefOf } from "../ui/route";
import { formatDay, isOverdue, label, ROLE_LABEL, STAGE_COLOR, STAGE_LABEL } from "../words/labels";
import { KEEPING_WORDS } from "../words/history";
import { nextByName, TYPE_AHEAD_MS } from "./type-ahead";
import classes from "./AccountsPage.module.css";

/** A row's height before it is measured (min-height 60 px and its border). */
const ROW_PX = 61;

export function AccountRows({ accounts, damaged, archived }: { accounts: readonly AccountSummary[]; damaged: ReadonlySet<string>; archived: ReadonlySet<string> }) {
  const body = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => {
    // Rows are placed relative to the page: the list starts below the heading, the filters
    // and any form opened above it, so look again after every draw (unchanged: no redraw).
    if (body.current) setMargin(Math.round(body.current.getBoundingClientRect().top + window.scrollY));
  });
  const rows = useWindowVirtualizer({
    count: accounts.length,
    estimateSize: () => ROW_PX,
    overscan: 6,
    scrollMargin: margin,
    // A row moved to by the keyboard stops below the window's sticky header, not under it.
    scrollPaddingStart: document.querySelector("header")?.getBoundingClientRect().height ?? 0,
    getItemKey: (i) => accounts[i]?.documentId ?? i,
  });

  // The row whose link is in the tab order (and has the focus while the grid has it).
  const [active, setActive] = useState(0);
  const last = accounts.length - 1;
  const current = Math.min(active, last);
  const focusWhenDrawn = useRef<number | null>(null);
  const typed = useRef({ text: "", at: 0 });

  const moveTo = useCallback(
    (index: number) => {
      const to = Math.max(0, Math.min(last, index));
      setActive(to);
      focusWhenDrawn.current = to;
      rows.scrollToIndex(to, { align: "auto" });
    },
    [last, rows],
  );

  // Focus the row asked for once it is drawn (it may need a scroll first).
  useEffect(() => {
    const want = focusWhenDrawn.current;
    if (want === null) return;
    const link = body.current?.querySelector<HTMLAnchorElement>(`[data-index="${String(want)}"] a`);
    if (link) {
      focusWhenDrawn.current = null;
      link.focus({ preventScroll: true });
    }
  });

  const names = useMemo(() => accounts.map((a) => displayName(a)), [accounts]);
  const perPage = Math.max(1, Math.floor(window.innerHeight / ROW_PX) - 2);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const step: Partial<Record<string, number>> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + perPage, PageUp: current - perPage, Home: 0, End: last };
    const to = step[e.key];
    if (to !== undefined) {
      e.preventDefault();
      moveTo(to);
      return;
    }
    if (e.key.length === 1 && e.key !== " ") {
      // Type-ahead: the next account whose name starts with what was typed just now.
      const now = Date.now();
      const text = now - typed.current.at > TYPE_AHEAD_MS ? e.key : typed.current.text + e.key;
      typed.current = { text, at: now };
      const found = nextByName(names, text, text.length === 1 ? current + 1 : current);
      if (found !== null) {
        e.preventDefault();
        moveTo(found);
      }
    }
  };

  const drawn = rows.getVirtualItems();
  const tabbable = drawn.some((v) => v.index === current) ? current : (drawn[0]?.index ?? 0);

  return (
    <Paper withBorder radius="md" className={classes.table}>
      <div role="grid" aria-label={LIST_WORDS.grid} aria-rowcount={accounts.length + 1} onKeyDown={onKeyDown}>
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={classes.head}>
            {LIST_WORDS.columns.map((c, i) => (
              <span role="columnheader" key={c} className={i === LIST_WORDS.columns.length - 1 ? classes.num : undefined}>
                {c}
              </span>
            ))}
          </div>
        </div>
        <div role="rowgroup" ref={body} style={{ position: "relative", height: rows.getTotalSize() }}>
          {drawn.map((v) => {
            const a = accounts[v.index];
            if (!a) return null;
            return (
              <AccountRow
                key={v.key}
                index={v.index}
                measure={rows.measureElement}
                top={v.start - margin}
                account={a}
                damaged={damaged.has(a.documentId)}
                archived={archived.has(a.documentId)}
                tabbable={v.index === tabbable}
                onFocusRow={setActive}
              />
            );
          })}
        </div>
      </div>
    </Paper>
  );
}

function displayName(a: AccountSummary): string {
  return a.name.trim() || LIST_WORDS.untitled;
}

/**
 * One row, drawn with plain elements: Mantine's Badge / Text / VisuallyHidden cost several
 * times the element each (the list took twice as long to draw).
 */
const AccountRow = memo(function AccountRow({
  index,
  measure,
  top,
  account: a,
  damaged,
  archived,
  tabbable,
  onFocusRow,
}: {
  index: number;
  measure: (el: Element | null) => void;
  top: number;
  account: AccountSummary;
  damaged: boolean;
  archived: boolean;
  tabbable: boolean;
  onFocusRow: (index: number) => void;
}) {
  const overdue = a.nextDue ? isOverdue(a.nextDue.when) : false;
  const name = displayName(a);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      ref={measure}
      className={classes.row}
      style={{ transform: `translateY(${String(top)}px)` }}
      // The whole row aims at the account (app/warm-aimed.ts), not only its name.
      data-account={a.documentId}
    >
      <div role="gridcell" className={classes.nameCell}>
        <a href={hrefOf({ page: "account", documentId: a.documentId })} className={classes.name} title={name} tabIndex={tabbable ? 0 : -1} onFocus={() => onFocusRow(index)}>
          {name}
        </a>
        {a.domain && <span className={classes.domain}>{a.domain}</span>}
        {damaged && <span className={`${classes.badge} ${classes.flag}`} style={tint("red")}>Damaged</span>}
        {!damaged && (a.damaged ?? 0) > 0 && (
          <span className={`${classes.badge} ${classes.flag}`} style={tint("orange")} title="Parts a peer sent that make no sense; open the account to put them right">
            {a.damaged === 1 ? "1 damaged part" : `${a.damaged} damaged parts`}
          </span>
        )}
        {a.readOnly && <span className={`${classes.badge} ${classes.flag} ${classes.outline}`}>Read-only</span>}
        {archived && <span className={`${classes.badge} ${classes.flag} ${classes.outline}`}>{KEEPING_WORDS.archivedBadge}</span>}
      </div>
      <div role="gridcell">
        <span className={classes.badge} style={tint(STAGE_COLOR[a.stage] ?? "gray")}>
          {label(STAGE_LABEL, a.stage)}
        </span>
      </div>
      <div role="gridcell" className={classes.cell}>
        <span className={classes.main}>{a.ownerName ?? "—"}</span>
        <span className={classes.sub}>{label(ROLE_LABEL, a.owner)}</span>
      </div>
      <div role="gridcell" className={classes.cell}>
        {a.nextDue ? (
          <>
            <span className={classes.main} title={a.nextDue.what}>
              {a.nextDue.what || "Untitled"}
            </span>
            <span className={classes.sub} data-overdue={overdue || undefined}>
              {a.nextDue.kind === "follow-up" ? "Follow-up" : a.nextDue.kind === "milestone" ? "Milestone" : "Commitment"} · {overdue ? "overdue since " : ""}
              {formatDay(a.nextDue.when)}
            </span>
          </>
        ) : (
          <span className={`${classes.main} ${classes.dimmed}`}>Nothing due</span>
        )}
      </div>
      <div role="gridcell" className={classes.num}>
        {a.openRisks > 0 ? (
          <span className={classes.badge} style={tint("red")}>
            {a.openRisks}
          </span>
        ) : (
          <span className={`${classes.main} ${classes.dimmed}`}>0</span>
        )}
      </div>
    </div>
  );
});

/** A light badge in one of the theme's colours. */
function tint(color: string): CSSProperties {
  return { color: `var(--mantine-color-${color}-light-color)`, background: `var(--mantine-color-${color}-light)` };
}
