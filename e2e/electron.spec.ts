/**
 * The desktop app itself, through Playwright's Electron driver: the hardened window, the
 * menu, a deep link from a second instance and a reminder with the window closed. It needs
 * the Electron runtime, which `npm start` fetches where there is network; where it is not
 * installed (no network, as on our build machines) it reports itself skipped, with the reason.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test, expect, _electron as electron, type ElectronApplication, type Page } from "@playwright/test";
import { chooseTimeZone, createAccount, setUpProfile } from "./support/app";

const root = resolve(import.meta.dirname, "..");

/** Where the Electron runtime is, read the way the electron package does, without triggering its download. */
function electronBinary(): { path?: string; why?: string } {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve("electron/package.json"));
  } catch {
    return { why: "the electron package is not installed" };
  }
  const pathFile = join(pkgDir, "path.txt");
  if (!existsSync(pathFile)) return { why: "the Electron runtime is not installed (its download is not run at install; `npm start` fetches it where there is network, and there is none here)" };
  const binary = join(pkgDir, "dist", readFileSync(pathFile, "utf8").trim());
  return existsSync(binary) ? { path: binary } : { why: `the Electron binary is missing at ${binary}` };
}

const runtime = electronBinary();
const skipReason = `Skipped: ${runtime.why ?? ""}. Run \`npm start\` once where Electron can be downloaded, then this spec runs.`;
const ZONE = "Europe/Berlin";

/** One desktop app on its own data and userData folders (XDG_CONFIG_HOME holds userData on Linux). */
async function launch(): Promise<{ app: ElectronApplication; win: Page; env: Record<string, string>; cleanUp: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), "baton-electron-"));
  const env = { ...(process.env as Record<string, string>), BATON_DATA: join(home, "data"), XDG_CONFIG_HOME: join(home, "config"), TZ: ZONE, BATON_NO_UPDATES: "1" };
  const app = await electron.launch({ executablePath: runtime.path!, args: [root], env });
  const win = await app.firstWindow();
  return {
    app,
    win,
    env,
    cleanUp: async () => {
      await app.close().catch(() => undefined);
      await rm(home, { recursive: true, force: true });
    },
  };
}

function wallClock(instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

test.describe("desktop app (Electron)", () => {
  test.skip(!runtime.path, skipReason);

  test("opens one hardened window backed by its own sync node", async () => {
    const { win, cleanUp } = await launch();
    try {
      await expect(win.getByLabel("Your name")).toBeVisible();
      // contextIsolation + sandbox + no nodeIntegration, seen from the page: no Node, only the bridge.
      const page = await win.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((globalThis as unknown as { baton: object }).baton).sort(),
      }));
      expect(page).toEqual({ require: "undefined", process: "undefined", bridge: ["endpoint", "onCommand", "platform", "savePdf"] });
      const csp = await win.evaluate(async () => (await fetch(location.href)).headers.get("content-security-policy"));
      expect(csp).toContain("default-src 'self'");
      await win.getByLabel("Your name").fill("Ana");
      await win.getByRole("button", { name: "Save profile" }).click();
      await expect(win.getByRole("status", { name: "Sync status" })).toBeVisible();
    } finally {
      await cleanUp();
    }
  });

  test("the menu has the standard roles and Baton's commands, and no developer tools", async () => {
    const { app, win, cleanUp } = await launch();
    try {
      await setUpProfile(win, "Ana Rep", "Rep");
      const menu = await app.evaluate(({ Menu }) => {
        const walk = (items: Electron.MenuItem[]): { label: string; role?: string; accelerator?: string | null }[] =>
          items.flatMap((i) => [{ label: i.label, role: i.role, accelerator: i.accelerator }, ...(i.submenu ? walk(i.submenu.items) : [])]);
        return walk(Menu.getApplicationMenu()!.items);
      });
      const roles = menu.map((i) => i.role?.toLowerCase());
      for (const role of ["cut", "copy", "paste", "selectall", "windowmenu"]) expect(roles).toContain(role);
      expect(roles).not.toContain("toggledevtools");
      expect(menu.find((i) => i.label === "Search…")?.accelerator).toBe("CmdOrCtrl+K");
      // View → Accounts, clicked in the menu, changes the window's page.
      await app.evaluate(({ Menu }) => {
        const view = Menu.getApplicationMenu()!.items.find((i) => i.label === "View")!;
        view.submenu!.items.find((i) => i.label === "Accounts")!.click();
      });
      await expect(win.getByRole("heading", { name: "Accounts", level: 1 })).toBeVisible();
    } finally {
      await cleanUp();
    }
  });

  test("a baton:// link given to a second instance opens the account in the first", async () => {
    const { win, env, cleanUp } = await launch();
    try {
      await setUpProfile(win, "Ana Rep", "Rep");
      const documentId = await createAccount(win, "Acme");
      await win.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today" }).click();
      // The second instance hands its arguments to the first (single-instance lock) and ends.
      const second = spawn(runtime.path!, [root, `baton://account/${documentId}`], { env, stdio: "ignore" });
      const code = await new Promise<number | null>((r) => second.once("exit", r));
      expect(code).toBe(0);
      await expect(win.getByRole("list", { name: "Commitments" })).toBeAttached();
      expect(new URL(win.url()).hash).toBe(`#/accounts/${documentId}`);
    } finally {
      await cleanUp();
    }
  });

  test("a reminder arrives with the window closed, and its notification opens the call", async () => {
    test.setTimeout(150_000);
    const { app, win, cleanUp } = await launch();
    try {
      await setUpProfile(win, "Ana Rep", "Rep");
      await createAccount(win, "Acme");
      // Record the notifications main shows (Playwright cannot see the desktop's).
      await app.evaluate(({ Notification }) => {
        const g = globalThis as unknown as { shown: Electron.Notification[] };
        g.shown = [];
        const show = Notification.prototype.show;
        Notification.prototype.show = function (this: Electron.Notification) {
          g.shown.push(this);
          return show.call(this);
        };
      });
      const agreed = new Date(Date.now() + 5_000);
      agreed.setUTCSeconds(0, 0);
      agreed.setTime(agreed.getTime() + 60_000);
      const at = wallClock(agreed);
      const form = win.getByRole("form", { name: "Agree a callback" });
      await form.getByLabel("Reason for the callback").fill("Waiting for the CFO");
      await form.getByLabel("Callback date").fill(at.date);
      await form.getByLabel("Callback time", { exact: true }).fill(at.time);
      await chooseTimeZone(form.getByLabel("Callback time zone"), ZONE);
      await form.getByRole("button", { name: "Save follow-up" }).click();
      await expect(win.getByRole("list", { name: "Calls to make" }).getByRole("listitem")).toHaveCount(1);

      // Closing the window keeps Baton running in the tray.
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((w) => w.isVisible()))).toBe(false);
      await expect
        .poll(() => app.evaluate(() => (globalThis as unknown as { shown: Electron.Notification[] }).shown.map((n) => n.title)), { timeout: agreed.getTime() - Date.now() + 20_000 })
        .toEqual(["Due now: Follow-up call — Acme"]);

      // A click on it opens the window on the call guide.
      await app.evaluate(() => (globalThis as unknown as { shown: Electron.Notification[] }).shown[0]!.emit("click"));
      await expect(win.getByRole("heading", { name: "Follow-up call — Acme", level: 1 })).toBeVisible();
    } finally {
      await cleanUp();
    }
  });
});
