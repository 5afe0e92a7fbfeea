/**
 * Baton's keyboard shortcuts, one table for both places that use them: Electron's menu
 * (as accelerators) and the window's own key handler in browser mode. `Mod` is Cmd on
 * macOS and Ctrl elsewhere (Electron's CmdOrCtrl).
 *
 * Browsers keep some combinations for themselves (Ctrl+N, Ctrl+1…3 and Ctrl+Shift+J in
 * Chrome): in browser mode those reach the page only where the browser lets them.
 */
import type { AppCommand } from "./app-commands";

export interface Shortcut {
  command: AppCommand;
  /** Electron accelerator, e.g. "CmdOrCtrl+K". */
  accelerator: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: { type: "new-account" }, accelerator: "CmdOrCtrl+N" },
  { command: { type: "search" }, accelerator: "CmdOrCtrl+K" },
  { command: { type: "go", page: "today" }, accelerator: "CmdOrCtrl+1" },
  { command: { type: "go", page: "accounts" }, accelerator: "CmdOrCtrl+2" },
  { command: { type: "go", page: "settings" }, accelerator: "CmdOrCtrl+3" },
  { command: { type: "host-meeting" }, accelerator: "CmdOrCtrl+Shift+H" },
  { command: { type: "join-meeting" }, accelerator: "CmdOrCtrl+Shift+J" },
];

/** The accelerator of a command with a shortcut ("go" commands by page). */
export function acceleratorOf(command: AppCommand): string | undefined {
  return SHORTCUTS.find((s) => sameCommand(s.command, command))?.accelerator;
}

function sameCommand(a: AppCommand, b: AppCommand): boolean {
  return a.type === b.type && (a.type !== "go" || b.type !== "go" || a.page === b.page);
}

/** What a key event carries that a shortcut depends on (a DOM KeyboardEvent has all of it). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The command a key press stands for, or null. `mac` decides whether Mod is Cmd or Ctrl. */
export function commandForKey(press: KeyPress, mac: boolean): AppCommand | null {
  const mod = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  if (!mod || press.altKey) return null;
  for (const s of SHORTCUTS) {
    const parts = s.accelerator.split("+");
    const key = parts[parts.length - 1]!;
    const shift = parts.includes("Shift");
    if (shift === press.shiftKey && press.key.toUpperCase() === key.toUpperCase()) return s.command;
  }
  return null;
}
