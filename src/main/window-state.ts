/**
 * The window opens where it was left, at the size it had (`window-state.json` in
 * userData) — unless that place is on no screen any more (a monitor unplugged, a laptop
 * off its dock): then it opens centred on the primary screen. Deciding that is plain
 * arithmetic on rectangles, kept here apart from Electron.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../node/storage/atomic-file";

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Rect {
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 860 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;
/** How much of the window's top (where it is dragged from) must be on a screen to keep its place. */
const GRIP = { width: 120, height: 40 } as const;

/** A saved state as read from disk: anything that is not one is ignored. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null);
  const [x, y, width, height] = [n(r.x), n(r.y), n(r.width), n(r.height)];
  if (x === null || y === null || width === null || height === null || width <= 0 || height <= 0) return null;
  return { x, y, width, height, maximized: r.maximized === true };
}

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function centred(area: Rect, width: number, height: number): Rect {
  return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
}

/**
 * Where to open the window. `displays` are the work areas of the screens now attached,
 * the primary first. The saved place is kept when enough of its title bar is on one of
 * them; the size never exceeds that screen (nor falls below the minimum).
 */
export function windowBounds(saved: WindowState | null, displays: readonly Rect[]): WindowState {
  const primary = displays[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const fit = (area: Rect, w: number, h: number) => ({ width: Math.max(Math.min(w, area.width), Math.min(MIN_SIZE.width, area.width)), height: Math.max(Math.min(h, area.height), Math.min(MIN_SIZE.height, area.height)) });
  if (saved) {
    const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(GRIP.height, saved.height) };
    for (const area of displays) {
      const seen = overlap(titleBar, area);
      if (seen && seen.width >= Math.min(GRIP.width, saved.width) && seen.height >= Math.min(GRIP.height, saved.height)) {
        const size = fit(area, saved.width, saved.height);
        // Pulled fully onto that screen if it hangs over an edge now.
        const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - size.width);
        const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - size.height);
        return { x, y, ...size, maximized: saved.maximized };
      }
    }
  }
  const size = fit(primary, saved?.width ?? DEFAULT_SIZE.width, saved?.height ?? DEFAULT_SIZE.height);
  return { ...centred(primary, size.width, size.height), maximized: saved?.maximized ?? false };
}

const FILE = "window-state.json";

/** The saved state in `dir`, or null (none yet, or unreadable: the window then opens centred). */
export async function loadWindowState(dir: string): Promise<WindowState | null> {
  try {
    return parseWindowState(JSON.parse(await readFile(join(dir, FILE), "utf8")));
  } catch {
    return null;
  }
}

export async function saveWindowState(dir: string, state: WindowState): Promise<void> {
  await writeFileAtomic(join(dir, FILE), JSON.stringify(state));
}
