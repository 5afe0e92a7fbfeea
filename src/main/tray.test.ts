/** Closing the window keeps reminders coming where a tray can bring Baton back (tray.ts, login-item.ts, icon.ts). */
import { describe, expect, it } from "vitest";
import { batonMark } from "./icon";
import { autostartEntry } from "./login-item";
import { onWindowClose, trayMenu } from "./tray";

describe("the tray", () => {
  it("keeps Baton running when the window closes, where a tray or the Dock can bring it back", () => {
    expect(onWindowClose({ platform: "linux", hasTray: true, quitting: false })).toBe("hide");
    expect(onWindowClose({ platform: "win32", hasTray: true, quitting: false })).toBe("hide");
    expect(onWindowClose({ platform: "darwin", hasTray: false, quitting: false })).toBe("hide");
    expect(onWindowClose({ platform: "linux", hasTray: false, quitting: false })).toBe("quit");
    expect(onWindowClose({ platform: "win32", hasTray: true, quitting: true })).toBe("quit");
  });

  it("opens the window, turns start at login on and off, and quits", () => {
    const done: string[] = [];
    const menu = trayMenu(false, { open: () => done.push("open"), setStartAtLogin: (on) => done.push(`login ${on}`), quit: () => done.push("quit") });
    const login = menu.find((i) => i.label === "Start Baton at Login")!;
    expect(login).toMatchObject({ type: "checkbox", checked: false });
    (menu[0]!.click as () => void)();
    (login.click as (item: { checked: boolean }) => void)({ checked: true });
    (menu.find((i) => i.label === "Quit Baton")!.click as () => void)();
    expect(done).toEqual(["open", "login true", "quit"]);
  });

  it("starts Baton hidden at login on Linux through an autostart entry", () => {
    expect(autostartEntry("/opt/Baton/baton")).toContain("Exec=/opt/Baton/baton --hidden\n");
    expect(autostartEntry("/home/ana/Apps/Baton 1.0.AppImage")).toContain('Exec="/home/ana/Apps/Baton 1.0.AppImage" --hidden');
  });

  it("draws Baton's mark: transparent corners, an indigo square, a white baton", () => {
    const px = batonMark(32);
    const at = (x: number, y: number) => Array.from(px.slice((y * 32 + x) * 4, (y * 32 + x) * 4 + 4));
    expect(at(0, 0)[3]).toBe(0);
    expect(at(4, 16)).toEqual([0x43, 0x38, 0xca, 255]);
    expect(at(16, 16)).toEqual([255, 255, 255, 255]);
  });
});
