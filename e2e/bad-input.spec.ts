/** Bad input gets a clear message where the person is looking, and nothing is written. */
import { test, expect } from "@playwright/test";
import { addCommitment, addMilestone, commitmentRows, createAccount, expectDate, milestoneRows, openBaton, setUpProfile } from "./support/app";
import { freePort, removeDataDir, startWeb, tempDataDir, type RunningProcess } from "./support/processes";

let proc: RunningProcess | null = null;
let dir = "";
test.afterEach(async () => {
  await proc?.stop();
  await removeDataDir(dir);
});

test("names, dates and join codes that cannot be right are refused next to the field", async ({ browser }) => {
  dir = await tempDataDir("bad");
  proc = await startWeb(dir, await freePort());
  const page = await openBaton(browser, proc.url);

  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your name cannot be empty.")).toBeVisible();
  await setUpProfile(page, "Ana Rep", "Rep");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("button", { name: "New account" }).click();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("The account name cannot be empty.")).toBeVisible();
  await page.getByLabel("Account name").fill("x".repeat(10_000));
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/at most 120 characters \(this one has 10000\)/)).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("None on this device yet")).toBeVisible();

  await createAccount(page, "Umbrella");
  await addCommitment(page, "Go-live support");
  const due = commitmentRows(page).first().getByLabel("Due date");
  await due.fill("2026-02-30");
  await expect(page.getByText("“2026-02-30” is not a valid date (use YYYY-MM-DD).")).toBeVisible();
  await addMilestone(page, "Go-live");
  const row = milestoneRows(page).first();
  await row.getByLabel("Start date").fill("2026-05-10");
  await row.getByLabel("End date").fill("2026-05-01");
  await expect(page.getByText("The milestone ends before it starts.")).toBeVisible();
  // Nothing invalid reached the document: a fresh window shows the last valid values.
  await page.reload();
  await expect(commitmentRows(page).first().getByLabel("Due date")).toHaveValue("");
  await expect(milestoneRows(page).first().getByLabel("End date")).toHaveValue("");
  await expectDate(milestoneRows(page).first().getByLabel("Start date"), "2026-05-10");

  await page.getByRole("button", { name: "Join meeting" }).click();
  const dialog = page.getByRole("dialog", { name: "Join meeting" });
  await dialog.getByLabel("Join code").fill("next tuesday");
  await dialog.getByRole("button", { name: "Join" }).click();
  await expect(dialog.getByText(/not a join code/i)).toBeVisible();
  await dialog.getByLabel("Join code").fill(`127.0.0.1:${await freePort()}-AAAA-BBBB-CCCC-DDDD-EEEE`);
  await dialog.getByRole("button", { name: "Join" }).click();
  await expect(dialog.getByText(/No meeting is running/)).toBeVisible();
});
