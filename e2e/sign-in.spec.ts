/**
 * Browser mode prints an address that works once: the window that opens it keeps what it
 * needs (reloads work), the address leaves the address bar, and a second browser with the
 * same address is told to use the newest one the terminal printed.
 */
import { test, expect } from "@playwright/test";
import { setUpProfile } from "./support/app";
import { freePort, removeDataDir, startWeb, tempDataDir, type RunningProcess } from "./support/processes";

let proc: RunningProcess | null = null;
let dir = "";
test.afterEach(async () => {
  await proc?.stop();
  await removeDataDir(dir);
});

test("the printed address works once; the window keeps working after a reload", async ({ browser }) => {
  dir = await tempDataDir("sign-in");
  proc = await startWeb(dir, await freePort());
  const link = proc.url;

  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await setUpProfile(page, "Ana Rep", "Rep");
  expect(page.url()).not.toContain("login=");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();

  // Someone else with the same address (another browser profile, another user) gets nothing.
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  await expect(other.getByRole("heading", { name: "Baton could not start" })).toBeVisible();
  await expect(other.getByText(/used already/)).toBeVisible();
  await expect(other.getByRole("heading", { name: "Today", level: 1 })).toHaveCount(0);
  // Without any address: told where to find one.
  await other.goto(link.replace(/\?login=.*/, ""));
  await expect(other.getByText(/newest address `npm run web` printed/)).toBeVisible();
});
