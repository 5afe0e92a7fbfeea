/**
 * Bad input on the account's lifecycle gets a clear message next to the field and
 * nothing is written: a negative or non-numeric value, payment dates out of order, a
 * contact's email, a stage move that skips open items or ends the account without a
 * reason. A reload shows what the document holds.
 */
import { test, expect } from "@playwright/test";
import { createAccount, expectDate, openBaton, setUpProfile } from "./support/app";
import { dealStatus, openTab, stageHeading, timelineEntries } from "./support/lifecycle";
import { freePort, removeDataDir, startWeb, tempDataDir, type RunningProcess } from "./support/processes";

let proc: RunningProcess | null = null;
let dir = "";
test.afterEach(async () => {
  await proc?.stop();
  await removeDataDir(dir);
});

test("values, dates and stage moves that cannot be right are refused with a clear message, and nothing is written", async ({ browser }) => {
  dir = await tempDataDir("lifecycle-bad");
  proc = await startWeb(dir, await freePort());
  const page = await openBaton(browser, proc.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  await createAccount(page, "Initech");

  // Order value: negative, then not a number.
  await openTab(page, "Order & payment");
  const value = page.getByLabel("Order value");
  await value.fill("-5");
  await value.blur();
  await expect(page.getByText("The value cannot be negative.")).toBeVisible();
  await value.fill("lots");
  await value.blur();
  await expect(page.getByText("“lots” is not a number.")).toBeVisible();
  await page.getByLabel("Currency").fill("euros");
  await page.getByLabel("Currency").blur();
  await expect(page.getByText("“euros” is not a currency code (three letters, e.g. EUR).")).toBeVisible();

  // Payment before the invoice; due date before the invoice.
  await page.getByLabel("Invoice date").fill("2026-03-10");
  await page.getByLabel("Paid on").fill("2026-03-01");
  await page.getByLabel("Paid on").blur();
  await expect(page.getByText("The payment is dated before the invoice.")).toBeVisible();
  await page.getByLabel("Payment due date").fill("2026-03-09");
  await page.getByLabel("Payment due date").blur();
  await expect(page.getByText("The due date is before the invoice date.")).toBeVisible();
  await page.getByLabel("Order date").fill("2026-13-01");
  await page.getByLabel("Order date").blur();
  await expect(page.getByText("“2026-13-01” is not a valid date (use YYYY-MM-DD).")).toBeVisible();

  // A contact's email.
  await openTab(page, "Contacts");
  const contact = page.getByRole("form", { name: "Add a contact" });
  await contact.getByLabel("Name").fill("Bill Lumbergh");
  await contact.getByLabel("Email").fill("bill@initech");
  await contact.getByRole("button", { name: "Add contact" }).click();
  await expect(contact.getByText("“bill@initech” is not an email address.")).toBeVisible();

  // Moving on with items open needs a reason; so does losing the account.
  await page.getByRole("button", { name: "Move to Promised", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Change the stage" });
  await expect(dialog.getByText("The decision maker is known")).toBeVisible();
  await dialog.getByRole("button", { name: "Move to Promised anyway" }).click();
  await expect(dialog.getByText(/Promised cannot honestly be called done yet — still open: the decision maker is known; .* Give a reason to move anyway\./)).toBeVisible();
  await dialog.getByLabel("Reason").fill("   ");
  await dialog.getByRole("button", { name: "Move to Promised anyway" }).click();
  await expect(dialog.getByText(/Give a reason to move anyway\./)).toBeVisible();
  await dialog.getByLabel("New stage").selectOption({ label: "Lost" });
  await dialog.getByRole("button", { name: "Move to Lost" }).click();
  await expect(dialog.getByText("Say why the account was lost.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(stageHeading(page)).toHaveText("Stage: Follow-up");

  // Nothing of that reached the document: a fresh window shows the stored values.
  await page.reload();
  await expect(stageHeading(page)).toHaveText("Stage: Follow-up");
  await expect(dealStatus(page)).toHaveText("Not won yet: a promise of an order is not an order.");
  await openTab(page, "Order & payment");
  await expect(page.getByLabel("Order value")).toHaveValue("");
  await expect(page.getByLabel("Currency")).toHaveValue("");
  await expect(page.getByLabel("Order date")).toHaveValue("");
  await expectDate(page.getByLabel("Invoice date"), "2026-03-10");
  await expect(page.getByLabel("Paid on")).toHaveValue("");
  await expect(page.getByLabel("Payment due date")).toHaveValue("");
  await openTab(page, "Contacts");
  await expect(page.getByRole("list", { name: "Contacts" }).getByRole("listitem")).toHaveCount(0);
  await openTab(page, "Timeline");
  const entries = await timelineEntries(page);
  expect(entries.filter((e) => /Moved the account|order value|paid|due date|contact/i.test(e))).toEqual([]);
});
