/** What the menus offer, read from the templates main builds them from. */
import type { MenuItemConstructorOptions } from "electron";
import { describe, expect, it } from "vitest";
import type { AppCommand } from "../../shared/app-commands";
import { contextMenu, type ContextClick } from "./context-menu";
import { applicationMenu } from "./menu";

function collect() {
  const sent: AppCommand[] = [];
  const other: string[] = [];
  return { sent, other, actions: { send: (c: AppCommand) => sent.push(c), openLogs: () => other.push("logs"), copyDiagnostics: () => other.push("diagnostics") } };
}

/** Every item, depth first, with the label of the menu it is in. */
function items(template: MenuItemConstructorOptions[], menu = ""): Array<MenuItemConstructorOptions & { menu: string }> {
  return template.flatMap((item) => [{ ...item, menu }, ...(Array.isArray(item.submenu) ? items(item.submenu, item.label ?? item.role ?? "") : [])]);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe("the application menu", () => {
  it("has the standard edit roles, a window menu and help", () => {
    const { actions } = collect();
    const all = items(applicationMenu({ platform: "linux", dev: false }, actions));
    const roles = all.filter((i) => i.menu === "Edit").map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(["undo", "redo", "cut", "copy", "paste", "selectAll"]));
    expect(all.some((i) => i.role === "windowMenu")).toBe(true);
    expect(all.filter((i) => i.menu === "Help").map((i) => i.label)).toEqual(["About Baton", undefined, "Open Logs Folder", "Copy Diagnostics"]);
  });

  it("sends Baton's commands to the window, with their shortcuts", () => {
    const { sent, actions } = collect();
    const all = items(applicationMenu({ platform: "win32", dev: false }, actions));
    const byLabel = (label: string) => all.find((i) => i.label === label);
    expect(byLabel("New Account")?.accelerator).toBe("CmdOrCtrl+N");
    expect(byLabel("Search…")?.accelerator).toBe("CmdOrCtrl+K");
    expect(byLabel("Accounts")?.accelerator).toBe("CmdOrCtrl+2");
    expect(byLabel("Host Meeting on This Account")?.accelerator).toBe("CmdOrCtrl+Shift+H");
    for (const label of ["New Account", "Search…", "Today", "Accounts", "Settings", "Host Meeting on This Account", "Join Meeting…"]) click(byLabel(label));
    expect(sent).toEqual([
      { type: "new-account" },
      { type: "search" },
      { type: "go", page: "today" },
      { type: "go", page: "accounts" },
      { type: "go", page: "settings" },
      { type: "host-meeting" },
      { type: "join-meeting" },
    ]);
  });

  it("offers reload and developer tools only in development", () => {
    const { actions } = collect();
    const devRoles = ["reload", "forceReload", "toggleDevTools"];
    const shipped = items(applicationMenu({ platform: "linux", dev: false }, actions)).map((i) => i.role);
    const development = items(applicationMenu({ platform: "linux", dev: true }, actions)).map((i) => i.role);
    for (const role of devRoles) {
      expect(shipped).not.toContain(role);
      expect(development).toContain(role);
    }
  });

  it("follows each platform: the app menu and Close on macOS, Quit in File elsewhere", () => {
    const { actions } = collect();
    const mac = applicationMenu({ platform: "darwin", dev: false }, actions);
    expect(mac[0]?.label).toBe("Baton");
    expect(items(mac).find((i) => i.menu === "Baton" && i.role === "about")).toBeDefined();
    expect(items(mac).filter((i) => i.menu === "File").map((i) => i.role)).toContain("close");
    const linux = applicationMenu({ platform: "linux", dev: false }, actions);
    expect(linux[0]?.label).toBe("File");
    expect(items(linux).filter((i) => i.menu === "File").map((i) => i.role)).toContain("quit");
  });

  it("opens the logs folder and copies diagnostics from Help", () => {
    const { other, actions } = collect();
    const all = items(applicationMenu({ platform: "linux", dev: false }, actions));
    click(all.find((i) => i.label === "Open Logs Folder"));
    click(all.find((i) => i.label === "Copy Diagnostics"));
    expect(other).toEqual(["logs", "diagnostics"]);
  });
});

describe("the context menu", () => {
  const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
  const base: ContextClick = { isEditable: false, selectionText: "", misspelledWord: "", dictionarySuggestions: [], editFlags: flags };

  it("offers cut, copy, paste and select all in a field", () => {
    const menu = contextMenu({ ...base, isEditable: true, editFlags: { ...flags, canCut: false, canCopy: false } }, { replaceMisspelling: () => undefined, addToDictionary: () => undefined });
    expect(menu.filter((i) => i.role).map((i) => [i.role, i.enabled])).toEqual([
      ["cut", false],
      ["copy", false],
      ["paste", true],
      ["selectAll", true],
    ]);
  });

  it("puts spelling suggestions first on a misspelt word, and replaces it with the one chosen", () => {
    const done: string[] = [];
    const menu = contextMenu(
      { ...base, isEditable: true, misspelledWord: "comitment", dictionarySuggestions: ["commitment", "comment"] },
      { replaceMisspelling: (w) => done.push(`replace ${w}`), addToDictionary: (w) => done.push(`add ${w}`) },
    );
    expect(menu.slice(0, 3).map((i) => i.label)).toEqual(["commitment", "comment", "Add to Dictionary"]);
    click(menu[0]);
    click(menu[2]);
    expect(done).toEqual(["replace commitment", "add comitment"]);
    const none = contextMenu({ ...base, isEditable: true, misspelledWord: "qzxv" }, { replaceMisspelling: () => undefined, addToDictionary: () => undefined });
    expect(none[0]).toMatchObject({ label: "No spelling suggestions", enabled: false });
  });

  it("offers copy on selected text and nothing on a plain click", () => {
    const actions = { replaceMisspelling: () => undefined, addToDictionary: () => undefined };
    expect(contextMenu({ ...base, selectionText: "Northwind" }, actions).map((i) => i.role)).toEqual(["copy"]);
    expect(contextMenu(base, actions)).toEqual([]);
  });
});
