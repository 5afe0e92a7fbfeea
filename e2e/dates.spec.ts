/**
 * Dates as a person enters them: picked from the calendar or typed, shown in the window's
 * language, stored as YYYY-MM-DD (a fresh window reads the same day back); a day that is
 * not on the calendar is refused next to the field and nothing is written. The agreed
 * time of a callback takes a picked day and a time zone chosen by typing part of its name.
 */
import { test, expect } from "@playwright/test";
import { addCommitment, addMilestone, chooseTimeZone, commitmentRows, createAccount, expectDate, milestoneRows, openBaton, pickDate, setUpProfile } from "./support/app";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(() => laptops.stopAll());

/** A date `days` from today (YYYY-MM-DD). */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a date picked from the calendar or typed is shown in the person's language and kept; 30 February is refused", async ({ browser }) => {
  const rep = await laptops.start("dates");
  const page = await openBaton(browser, rep.proc.url, { locale: "de-DE" });
  await setUpProfile(page, "Riley Rep", "Rep");
  await createAccount(page, "Müller & Söhne");
  await addCommitment(page, "Go-live support");
  await addCommitment(page, "Admin training");
  await addMilestone(page, "Go-live");

  // Picked from the calendar: the field shows the day as a German reader writes it.
  const due = commitmentRows(page).nth(0).getByLabel("Due date");
  await pickDate(due, "2027-03-09");
  await expect(due).toHaveValue("9. März 2027");

  // Typed as YYYY-MM-DD, or as the field shows dates: read as that day when the field is left.
  const second = commitmentRows(page).nth(1).getByLabel("Due date");
  await second.fill("2027-03-10");
  await second.press("Tab");
  await expect(second).toHaveValue("10. März 2027");
  const start = milestoneRows(page).first().getByLabel("Start date");
  await start.fill("1. Apr. 2027");
  await start.press("Tab");
  await expect(start).toHaveValue("1. Apr. 2027");

  // A day that is not on the calendar: the message next to the field, the text kept to correct.
  await second.fill("2026-02-30");
  await expect(page.getByText("“2026-02-30” is not a valid date (use YYYY-MM-DD).")).toBeVisible();
  await second.press("Tab");
  await expect(second).toHaveValue("2026-02-30");
  await expect(second).toHaveAttribute("aria-invalid", "true");

  // The end of a milestone cannot be picked before its start; typed, it is refused.
  const end = milestoneRows(page).first().getByLabel("End date");
  await end.click();
  // The end field's calendar is the one opened last (another field's may still be drawn beside it).
  await expect(page.getByRole("button", { name: "Mittwoch, 31. März 2027", exact: true }).last()).toBeDisabled();
  await end.fill("2027-03-31");
  await expect(page.getByText("The milestone ends before it starts.")).toBeVisible();
  await end.press("Tab");

  // A fresh window reads back what was stored — and nothing of the refused days.
  await page.reload();
  await expectDate(commitmentRows(page).nth(0).getByLabel("Due date"), "2027-03-09");
  await expectDate(commitmentRows(page).nth(1).getByLabel("Due date"), "2027-03-10");
  await expectDate(milestoneRows(page).first().getByLabel("Start date"), "2027-04-01");
  await expectDate(milestoneRows(page).first().getByLabel("End date"), "");
});

test("a callback's day is picked from the calendar and its time zone chosen by typing part of its name", async ({ browser }) => {
  const rep = await laptops.start("callback-dates");
  const page = await openBaton(browser, rep.proc.url, { timezoneId: "Europe/Berlin" });
  await setUpProfile(page, "Riley Rep", "Rep");
  await createAccount(page, "Acme");
  const form = page.getByRole("form", { name: "Agree a callback" });
  await form.getByLabel("Reason for the callback").fill("Waiting for the CFO");
  // The device's zone is already chosen; the customer is in New York.
  await expect(form.getByLabel("Callback time zone")).toHaveValue("Europe/Berlin");
  const day = inDays(10);
  await pickDate(form.getByLabel("Callback date"), day);
  await expectDate(form.getByLabel("Callback date"), day);
  await form.getByLabel("Callback time", { exact: true }).fill("10:00");
  await chooseTimeZone(form.getByLabel("Callback time zone"), "America/New_York");
  await form.getByRole("button", { name: "Save follow-up" }).click();

  const calls = page.getByRole("list", { name: "Calls to make" }).getByRole("listitem");
  await expect(calls).toHaveCount(1);
  await expect(calls.first()).toContainText("10:00 in America/New York");
});
