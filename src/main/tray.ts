/**
 * The tray keeps Baton running when its window closes, so reminders still arrive (the
 * node schedules them; main shows them). What closing the window does, and the tray's
 * menu, are decided here as data.
 */
import type { MenuItemConstructorOptions } from "electron";
import { WORDS } from "./words";

export interface ClosePolicy {
  platform: NodeJS.Platform;
  /** The tray icon exists (some Linux desktops have no tray). */
  hasTray: boolean;
  /** The person chose Quit (menu, tray, Cmd+Q) or the system is shutting down. */
  quitting: boolean;
}

/**
 * "hide": close the window and keep running in the tray (reminders keep coming);
 * "quit": end the app. On macOS an app stays running with no window anyway; elsewhere it
 * can only stay where there is a tray icon to bring it back from.
 */
export function onWindowClose(p: ClosePolicy): "hide" | "quit" {
  if (p.quitting) return "quit";
  if (p.platform === "darwin" || p.hasTray) return "hide";
  return "quit";
}

export interface TrayActions {
  open(): void;
  setStartAtLogin(on: boolean): void;
  quit(): void;
}

export function trayMenu(startAtLogin: boolean, a: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: WORDS.tray.open, click: () => a.open() },
    { type: "separator" },
    { label: WORDS.tray.startAtLogin, type: "checkbox", checked: startAtLogin, click: (item) => a.setStartAtLogin(item.checked) },
    { type: "separator" },
    { label: WORDS.tray.quit, click: () => a.quit() },
  ];
}
