/**
 * The desktop app itself, through Playwright's Electron driver. It needs the Electron
 * runtime, which cannot be downloaded on machines installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1; there it reports itself skipped, with the reason.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test, expect, _electron as electron } from "@playwright/test";

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
  if (!existsSync(pathFile)) return { why: "the Electron runtime was not downloaded (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, no network access to fetch it)" };
  const binary = join(pkgDir, "dist", readFileSync(pathFile, "utf8").trim());
  return existsSync(binary) ? { path: binary } : { why: `the Electron binary is missing at ${binary}` };
}

const runtime = electronBinary();
const skipReason = `Skipped: ${runtime.why ?? ""}. Install with plain \`npm ci\` where Electron can be downloaded to run this spec.`;

test.describe("desktop app (Electron)", () => {
  test.skip(!runtime.path, skipReason);

  test("opens one hardened window backed by its own sync node", async () => {
    const data = await mkdtemp(join(tmpdir(), "baton-electron-"));
    const app = await electron.launch({ executablePath: runtime.path!, args: [root], env: { ...process.env, BATON_DATA: data } });
    try {
      const win = await app.firstWindow();
      await expect(win.getByLabel("Your name")).toBeVisible();
      // contextIsolation + sandbox + no nodeIntegration, seen from the page: no Node, only the bridge.
      const page = await win.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((globalThis as unknown as { baton: object }).baton).sort(),
      }));
      expect(page).toEqual({ require: "undefined", process: "undefined", bridge: ["endpoint", "platform"] });
      const csp = await win.evaluate(async () => (await fetch(location.href)).headers.get("content-security-policy"));
      expect(csp).toContain("default-src 'self'");
      await win.getByLabel("Your name").fill("Ana");
      await win.getByRole("button", { name: "Save profile" }).click();
      await expect(win.getByRole("status", { name: "Sync status" })).toBeVisible();
    } finally {
      await app.close();
      await rm(data, { recursive: true, force: true });
    }
  });
});
