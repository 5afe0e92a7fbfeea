/**
 * The application menu as data: the standard roles (so cut, copy, paste and the window
 * commands behave as on every desktop), Baton's own commands with their accelerators
 * (shared/shortcuts.ts), and reload and developer tools only in development.
 */
import type { MenuItemConstructorOptions } from "electron";
import type { AppCommand } from "../../shared/app-commands";
import { acceleratorOf } from "../../shared/shortcuts";
import { WORDS } from "./words";

export interface MenuActions {
  /** Hand a command to the window (it carries it out: shared/app-commands.ts). */
  send(command: AppCommand): void;
  openLogs(): void;
  copyDiagnostics(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** `npm run dev`: reload and developer tools are offered. */
  dev: boolean;
}

export function applicationMenu(o: MenuOptions, a: MenuActions): MenuItemConstructorOptions[] {
  const mac = o.platform === "darwin";
  const m = WORDS.menu;
  const command = (label: string, cmd: AppCommand): MenuItemConstructorOptions => ({ label, accelerator: acceleratorOf(cmd), click: () => a.send(cmd) });
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: WORDS.appName,
          submenu: [{ role: "about" }, { type: "separator" }, { role: "services" }, { type: "separator" }, { role: "hide" }, { role: "hideOthers" }, { role: "unhide" }, { type: "separator" }, { role: "quit" }],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: m.file,
      submenu: [command(m.newAccount, { type: "new-account" }), { type: "separator" }, mac ? { role: "close" } : { role: "quit" }],
    },
    {
      label: m.edit,
      submenu: [
        { role: "undo" },
        { role: "redo" },
        { type: "separator" },
        { role: "cut" },
        { role: "copy" },
        { role: "paste" },
        ...(mac ? [{ role: "pasteAndMatchStyle" } as const] : []),
        { role: "delete" },
        { type: "separator" },
        { role: "selectAll" },
      ],
    },
    {
      label: m.view,
      submenu: [
        command(m.today, { type: "go", page: "today" }),
        command(m.accounts, { type: "go", page: "accounts" }),
        command(m.settings, { type: "go", page: "settings" }),
        command(m.search, { type: "search" }),
        { type: "separator" },
        ...(o.dev ? [{ role: "reload" } as const, { role: "forceReload" } as const, { role: "toggleDevTools" } as const, { type: "separator" } as const] : []),
        { role: "resetZoom" },
        { role: "zoomIn" },
        { role: "zoomOut" },
        { type: "separator" },
        { role: "togglefullscreen" },
      ],
    },
    {
      label: m.meeting,
      submenu: [command(m.hostMeeting, { type: "host-meeting" }), command(m.joinMeeting, { type: "join-meeting" })],
    },
    { label: m.window, role: "windowMenu" },
    {
      label: m.help,
      role: "help",
      submenu: [...(mac ? [] : [{ role: "about", label: m.about } as const, { type: "separator" } as const]), { label: m.openLogs, click: () => a.openLogs() }, { label: m.copyDiagnostics, click: () => a.copyDiagnostics() }],
    },
  ];
}
