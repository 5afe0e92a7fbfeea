import { describe, expect, it } from "vitest";
import { checkAppCommand } from "./app-commands";
import { acceleratorOf, commandForKey, SHORTCUTS } from "./shortcuts";

const press = (key: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe("keyboard shortcuts", () => {
  it("are Ctrl+key on Windows and Linux and Cmd+key on macOS", () => {
    expect(commandForKey(press("k", { ctrl: true }), false)).toEqual({ type: "search" });
    expect(commandForKey(press("k", { meta: true }), true)).toEqual({ type: "search" });
    expect(commandForKey(press("k", { meta: true }), false)).toBeNull();
    expect(commandForKey(press("k", { ctrl: true }), true)).toBeNull();
  });

  it("go to Today, Accounts and Settings, and create an account", () => {
    expect(commandForKey(press("1", { ctrl: true }), false)).toEqual({ type: "go", page: "today" });
    expect(commandForKey(press("2", { ctrl: true }), false)).toEqual({ type: "go", page: "accounts" });
    expect(commandForKey(press("3", { ctrl: true }), false)).toEqual({ type: "go", page: "settings" });
    expect(commandForKey(press("n", { ctrl: true }), false)).toEqual({ type: "new-account" });
  });

  it("host and join a meeting with Shift, which plain letters do not trigger", () => {
    // With Shift held, browsers report the capital letter.
    expect(commandForKey(press("H", { ctrl: true, shift: true }), false)).toEqual({ type: "host-meeting" });
    expect(commandForKey(press("J", { ctrl: true, shift: true }), false)).toEqual({ type: "join-meeting" });
    expect(commandForKey(press("h", { ctrl: true }), false)).toBeNull();
    expect(commandForKey(press("K", { ctrl: true, shift: true }), false)).toBeNull();
  });

  it("leave typing, copying and Alt combinations alone", () => {
    expect(commandForKey(press("k"), false)).toBeNull();
    expect(commandForKey(press("c", { ctrl: true }), false)).toBeNull();
    expect(commandForKey(press("k", { ctrl: true, alt: true }), false)).toBeNull();
  });

  it("has one accelerator per command, which the menu shows", () => {
    const accelerators = SHORTCUTS.map((s) => s.accelerator);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    expect(acceleratorOf({ type: "go", page: "accounts" })).toBe("CmdOrCtrl+2");
    expect(acceleratorOf({ type: "open-link", link: "x" })).toBeUndefined();
  });
});

describe("commands received over IPC", () => {
  const id = "4NMNnkMhL8jXrdJ9jamS58PAVdXu";

  it("are taken when well formed", () => {
    expect(checkAppCommand({ type: "go", page: "settings" })).toEqual({ type: "go", page: "settings" });
    expect(checkAppCommand({ type: "open-account", documentId: id, extra: 1 })).toEqual({ type: "open-account", documentId: id });
    expect(checkAppCommand({ type: "open-call", documentId: id, followUpId: "f1" })).toEqual({ type: "open-call", documentId: id, followUpId: "f1" });
  });

  it("are refused when they are not one", () => {
    expect(checkAppCommand(null)).toBeNull();
    expect(checkAppCommand({ type: "go", page: "../etc" })).toBeNull();
    expect(checkAppCommand({ type: "open-account", documentId: "not an id" })).toBeNull();
    expect(checkAppCommand({ type: "open-link", link: "x".repeat(501) })).toBeNull();
    expect(checkAppCommand({ type: "run", script: "rm -rf" })).toBeNull();
  });
});
