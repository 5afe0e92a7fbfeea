/**
 * Losing a laptop loses nothing: a fresh install that enters the person's team server and
 * token gets every one of their accounts back from a real `sync-server` relay; and an
 * account whose stored chunks were corrupted while no peer was reachable comes back from
 * the newest backup, in one click, after its preview in Settings.
 */
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test, expect, type Page } from "@playwright/test";
import { addCommitment, createAccount, expectCommitments, openAccountByName, openBaton, setUpProfile, syncStatus } from "./support/app";
import { Instances } from "./support/instances";
import { freePort, startSyncServer, tempDataDir } from "./support/processes";
import { hashToken } from "../src/server/relay/people";

const laptops = new Instances();
test.afterEach(async () => {
  await laptops.stopAll();
});

async function useServer(page: Page, url: string, token: string): Promise<void> {
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Sync server URL").fill(url);
  await page.getByLabel("Sync server token").fill(token);
  await page.getByRole("button", { name: "Save server" }).click();
  await expect(syncStatus(page)).toContainText("Team server");
}

test("a fresh laptop with the person's token gets every account back from the team server", async ({ browser }) => {
  const serverDir = await tempDataDir("server");
  const anaToken = "ana-token-for-the-new-laptop-0001";
  const tokens = join(serverDir, "tokens.json");
  await writeFile(tokens, JSON.stringify({ people: [{ id: "ana", name: "Ana Rep", token: hashToken(anaToken) }] }));
  const server = await startSyncServer(join(serverDir, "data"), await freePort(), "admin-token-not-used-here", ["--tokens", tokens]);
  laptops.track(server, serverDir);

  const old = await laptops.start("old-laptop");
  const before = await openBaton(browser, old.proc.url);
  await setUpProfile(before, "Ana Rep", "Rep");
  await useServer(before, server.url, anaToken);
  await createAccount(before, "Acme");
  await addCommitment(before, "Train two admins");
  await createAccount(before, "Globex");
  await createAccount(before, "Umbrella");
  await expect(syncStatus(before)).toContainText("synced", { timeout: 20_000 });
  await old.proc.kill(); // the disk is lost with it
  laptops.forget(old.proc);

  const fresh = await laptops.start("new-laptop");
  const page = await openBaton(browser, fresh.proc.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  await useServer(page, server.url, anaToken);
  await expect(page.getByRole("status", { name: "Getting your accounts from the server" })).toContainText("3 accounts arrived from the server.", { timeout: 30_000 });
  await page.screenshot({ path: "/tmp/keep/server-accounts.png", fullPage: true });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  for (const name of ["Acme", "Globex", "Umbrella"]) await expect(page.getByRole("link", { name })).toBeVisible();
  await openAccountByName(page, "Acme");
  await expectCommitments(page, ["Train two admins"]);
});

test("a backup restores an account whose stored chunks were corrupted while no peer was reachable", async ({ browser }) => {
  const backups = await tempDataDir("backups");
  laptops.track(null, backups);
  const laptop = await laptops.start("laptop");
  let page = await openBaton(browser, laptop.proc.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  const acme = await createAccount(page, "Acme");
  await addCommitment(page, "Train two admins");
  await createAccount(page, "Globex");

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Backup folder").fill(backups);
  await page.getByRole("button", { name: "Save backup settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.getByRole("button", { name: "Back up now" }).click();
  const list = page.getByRole("table", { name: "Backups" });
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(list).toContainText("2 accounts");
  await page.getByRole("region", { name: "Backups" }).screenshot({ path: "/tmp/keep/settings-backups.png" });

  // The preview says what the backup holds before anything is restored.
  await list.getByRole("button", { name: /^Restore from the backup of / }).click();
  const dialog = page.getByRole("dialog");
  const held = dialog.getByRole("list", { name: "Accounts in this backup" });
  await expect(held.getByRole("listitem")).toHaveCount(2);
  await expect(held).toContainText("Acme");
  await expect(held).toContainText("On this laptop");
  await page.screenshot({ path: "/tmp/keep/restore-preview.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The laptop stops; the account's stored chunks are damaged on disk; no peer is reachable.
  await laptop.proc.stop();
  laptops.forget(laptop.proc);
  const root = join(laptop.data, "accounts", "chunks");
  const encoded = acme.replace(/[A-Z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  const files = ((await readdir(root, { recursive: true })) as string[]).filter((f) => f.includes(encoded) && f.endsWith(".chunk") && !f.includes("sync-state"));
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) await writeFile(join(root, f), "garbage, not a chunk");

  const again = await laptops.start("laptop", laptop.data, laptop.port);
  page = await openBaton(browser, again.proc.url);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("grid", { name: "Accounts" }).getByRole("link", { name: "Acme" }).click();
  const damaged = page.getByRole("alert").filter({ hasText: "“Acme” is damaged on this device" });
  const restore = damaged.getByRole("button", { name: /^Restore from the backup of / });
  await expect(restore).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: "/tmp/keep/damaged-offer.png", fullPage: true });
  await restore.click();
  await expectCommitments(page, ["Train two admins"]);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("list", { name: "Damaged accounts" })).toContainText("Restored");
});
