/**
 * A milestone's checklists (what it waits for, which commitments it fulfils) are dialogs
 * opened from a button in its row: reachable by keyboard, named by their button, giving
 * the focus back to it; a circle of milestones cannot be ticked and says why; what was
 * ticked is kept.
 */
import { test, expect } from "@playwright/test";
import { addCommitment, addMilestone, createAccount, milestoneRows, openBaton, setUpProfile } from "./support/app";
import { freePort, removeDataDir, startWeb, tempDataDir, type RunningProcess } from "./support/processes";

let proc: RunningProcess | null = null;
let dir = "";
test.afterEach(async () => {
  await proc?.stop();
  await removeDataDir(dir);
});

test("a milestone's checklists open by keyboard, refuse a circle with the reason, and keep what was ticked", async ({ browser }) => {
  dir = await tempDataDir("checklists");
  proc = await startWeb(dir, await freePort());
  const page = await openBaton(browser, proc.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  await createAccount(page, "Initech");
  await addCommitment(page, "Go-live support");
  await addMilestone(page, "Installation");
  await addMilestone(page, "Go-live");

  // Go-live waits for Installation: opened with the keyboard, ticked, closed with Escape.
  const goLive = milestoneRows(page).nth(1);
  const choose = goLive.getByRole("button", { name: "Choose what it waits for" });
  await choose.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Choose what it waits for" });
  await expect(choose).toHaveAttribute("aria-expanded", "true");
  await dialog.getByRole("checkbox", { name: "Installation" }).check();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(choose).toBeFocused();
  await expect(goLive.getByText("Waits for “Installation”")).toBeVisible();

  // Installation cannot wait for Go-live: that would be a circle, and the checklist says so.
  await milestoneRows(page).nth(0).getByRole("button", { name: "Choose what it waits for" }).click();
  const circle = page.getByRole("dialog", { name: "Choose what it waits for" }).getByRole("checkbox", { name: "Go-live" });
  await expect(circle).toBeDisabled();
  await expect(page.getByText("Waits for this one already: that would be a circle.")).toBeVisible();
  // A click elsewhere closes it.
  await page.mouse.click(5, 400);
  await expect(circle).toBeHidden();

  // The other checklist of the same row, by its own button.
  await goLive.getByRole("button", { name: "Choose commitments" }).click();
  await page.getByRole("group", { name: "Commitments this milestone fulfils" }).getByRole("checkbox", { name: "Go-live support" }).check();
  await page.keyboard.press("Escape");
  await expect(goLive.getByText("Fulfils “Go-live support”")).toBeVisible();

  // Kept: a fresh window reads both back.
  await page.reload();
  await expect(milestoneRows(page).nth(1).getByText("Waits for “Installation”")).toBeVisible();
  await expect(milestoneRows(page).nth(1).getByText("Fulfils “Go-live support”")).toBeVisible();
});
