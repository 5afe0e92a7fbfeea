/**
 * An account opened after the pointer rested on its row — started ahead, before the click —
 * still shows what changed since then, and edits made in it reach the others; so does one
 * started ahead and let go again.
 * Two windows on one laptop: the second edits the account between the first one's aim and
 * its click.
 */
import { test, expect } from "@playwright/test";
import { addCommitment, createAccount, expectCommitments, openBaton, setUpProfile, syncStatus } from "./support/app";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(async () => {
  await laptops.stopAll();
});

test("an account loaded while the pointer rests on it opens with the edits made meanwhile", async ({ browser }) => {
  const laptop = await laptops.start("open-warm");
  const first = await openBaton(browser, laptop.proc.url);
  await setUpProfile(first, "Ana Rep", "Rep");
  const documentId = await createAccount(first, "Acme Warm");
  await addCommitment(first, "Train two admins");
  await expect(syncStatus(first)).toContainText("All changes saved");

  const second = await openBaton(browser, `${laptop.proc.url}#/accounts/${documentId}`);
  await expectCommitments(second, ["Train two admins"]);

  // The first window aims at the account: the node warms it (the window has it already).
  await first.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  const row = first.getByRole("grid", { name: "Accounts" }).getByRole("link", { name: "Acme Warm" });
  await row.hover();
  await first.waitForTimeout(600);

  // Meanwhile the other window adds a commitment; then the click.
  await addCommitment(second, "Added after the aim");
  await expect(syncStatus(second)).toContainText("All changes saved");
  await row.click();
  await expectCommitments(first, ["Train two admins", "Added after the aim"]);

  // What is typed in the window opened ahead reaches the other one.
  await addCommitment(first, "Typed in the window opened ahead");
  await expectCommitments(second, ["Train two admins", "Added after the aim", "Typed in the window opened ahead"]);
});

test("accounts started while the pointer rests follow the other window's edits; those let go open afresh", async ({ browser }) => {
  const laptop = await laptops.start("open-ahead");
  const other = await openBaton(browser, laptop.proc.url);
  await setUpProfile(other, "Ana Rep", "Rep");
  // Six accounts made in the other window: this one has opened none of them.
  const names = ["North 1", "North 2", "North 3", "North 4", "North 5", "North 6"];
  for (const name of names) {
    await createAccount(other, name);
    await addCommitment(other, `Kick-off for ${name}`);
  }
  await expect(syncStatus(other)).toContainText("All changes saved");

  const page = await openBaton(browser, `${laptop.proc.url}#/accounts`);
  const rows = page.getByRole("grid", { name: "Accounts" });
  // The pointer rests on each row in turn: the window starts each, keeps the last four and
  // lets the first two go.
  for (const name of names) {
    await rows.getByRole("link", { name }).hover();
    await page.waitForTimeout(500);
  }

  // Meanwhile the other window adds to one account kept and to one let go.
  for (const name of ["North 6", "North 1"]) {
    await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
    await other.getByRole("grid", { name: "Accounts" }).getByRole("link", { name }).click();
    await expectCommitments(other, [`Kick-off for ${name}`]);
    await addCommitment(other, `Added after the aim at ${name}`);
  }
  await expect(syncStatus(other)).toContainText("All changes saved");

  for (const name of ["North 6", "North 1"]) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
    await rows.getByRole("link", { name }).click();
    await expectCommitments(page, [`Kick-off for ${name}`, `Added after the aim at ${name}`]);
    await addCommitment(page, `Typed here in ${name}`);
  }
  await expectCommitments(other, ["Kick-off for North 1", "Added after the aim at North 1", "Typed here in North 1"]);
  await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await other.getByRole("grid", { name: "Accounts" }).getByRole("link", { name: "North 6" }).click();
  await expectCommitments(other, ["Kick-off for North 6", "Added after the aim at North 6", "Typed here in North 6"]);
});

test("browser mode's node warms its document engine in a worker after start, and keeps serving", async ({ browser }) => {
  const laptop = await laptops.start("engine-warm-up");
  const page = await openBaton(browser, laptop.proc.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  await createAccount(page, "Acme Engine");
  await addCommitment(page, "Train two admins");
  // The shipped bundle's worker (src/node/engine-warm-up.ts) starts 5 s after the node and says when it is done.
  await expect.poll(() => laptop.proc.output(), { timeout: 60_000 }).toMatch(/engine warmed in a worker \(\d+ ms\)/);
  expect(laptop.proc.output()).not.toMatch(/engine warm-up/);
  await addCommitment(page, "Typed after the warm-up");
  await expect(syncStatus(page)).toContainText("All changes saved");
  await page.reload();
  await expectCommitments(page, ["Train two admins", "Typed after the warm-up"]);
});
