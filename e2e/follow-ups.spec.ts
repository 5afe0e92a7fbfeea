/**
 * Follow-ups that never slip (issue 4), in browser mode with real Chromium and a real
 * sync node: a rep records a follow-up with a precise agreed time (bad input refused
 * next to the field), Today lists it at the right local time, the call guide opens with
 * the last conversation, a voicemail schedules the retry and Today shows it; reminders
 * fire at the agreed time, show at the next start when missed, and only once.
 */
import { readFile } from "node:fs/promises";
import { test, expect, type Browser, type Page } from "@playwright/test";
import ICAL from "ical.js";
import { chooseTimeZone, createAccount, expectDate, setUpProfile } from "./support/app";
import { nextBusinessDay } from "../shared/calendar";
import { freePort, removeDataDir, startWeb, tempDataDir, type RunningProcess } from "./support/processes";

let proc: RunningProcess | null = null;
let dir = "";
test.afterEach(async () => {
  await proc?.stop();
  await removeDataDir(dir);
});

/** The rep's laptop is in Berlin. */
const ZONE = "Europe/Berlin";

async function openInBerlin(browser: Browser, url: string, at?: Date): Promise<Page> {
  const context = await browser.newContext({ timezoneId: ZONE });
  const page = await context.newPage();
  if (at) await page.clock.setFixedTime(at);
  await page.goto(url);
  return page;
}

/** YYYY-MM-DD and HH:MM of an instant in a zone. */
function wallClock(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The instant the clocks in `timeZone` show `time` on `date` (no daylight-saving gap at these hours). */
function instantAt(date: string, time: string, timeZone: string): Date {
  for (let offset = -14; offset <= 14; offset++) {
    const sign = offset < 0 ? "-" : "+";
    const candidate = new Date(`${date}T${time}:00${sign}${String(Math.abs(offset)).padStart(2, "0")}:00`);
    const w = wallClock(candidate, timeZone);
    if (w.date === date && w.time === time) return candidate;
  }
  throw new Error(`no instant for ${date} ${time} in ${timeZone}`);
}

async function agreeCallback(page: Page, fields: { reason: string; date: string; time: string; zone: string; notes?: string }): Promise<void> {
  const form = page.getByRole("form", { name: "Agree a callback" });
  await form.getByLabel("Reason for the callback").fill(fields.reason);
  await form.getByLabel("Callback date").fill(fields.date);
  await form.getByLabel("Callback time", { exact: true }).fill(fields.time);
  if (fields.zone) await chooseTimeZone(form.getByLabel("Callback time zone"), fields.zone);
  if (fields.notes !== undefined) await form.getByLabel("Notes for the call").fill(fields.notes);
  await form.getByRole("button", { name: "Save follow-up" }).click();
}

test("a follow-up with a precise agreed time reaches Today, the call guide, and a voicemail schedules the retry", async ({ browser }) => {
  dir = await tempDataDir("follow-ups");
  proc = await startWeb(dir, await freePort());
  const page = await openInBerlin(browser, proc.url);
  await setUpProfile(page, "Riley Rep", "Rep");
  await expect(page.getByText("Nothing due")).toBeVisible();
  await createAccount(page, "Müller & Söhne");

  // Bad input, each message next to its field; nothing is saved.
  const form = page.getByRole("form", { name: "Agree a callback" });
  await agreeCallback(page, { reason: "", date: "next week", time: "10", zone: "" });
  await expect(form.getByText("The reason for the callback cannot be empty.")).toBeVisible();
  await expect(form.getByText("“next week” is not a date: give the precise day agreed (YYYY-MM-DD).")).toBeVisible();
  await expect(form.getByText("“10” is not a time of day (use HH:MM, e.g. 09:30).")).toBeVisible();
  // The zone is picked from the zones this device knows: a made-up one finds nothing.
  const zone = form.getByLabel("Callback time zone");
  await zone.fill("Mars/Olympus");
  await expect(page.getByText("No time zone by that name")).toBeVisible();
  await zone.press("Escape");
  await agreeCallback(page, { reason: "The price is above this quarter's budget", date: "2026-02-30", time: "10:00", zone: "America/New_York" });
  await expect(form.getByText("2026-02-30 does not exist on the calendar.")).toBeVisible();
  const yesterday = wallClock(new Date(Date.now() - 86_400_000), "America/New_York").date;
  await form.getByLabel("Callback date").fill(yesterday);
  await form.getByRole("button", { name: "Save follow-up" }).click();
  await expect(form.getByText(`${yesterday} has already passed in America/New_York; agree a day in the future.`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Calls to make" }).getByRole("listitem")).toHaveCount(0);

  // Agreed with the customer in New York: the day after tomorrow (their day) at 10:00 their time.
  // Two days, not one: Berlin runs up to a day ahead of New York, so "tomorrow 10:00 in New
  // York" is Berlin's today late in the New York evening and would not be in Upcoming.
  const nyCallDay = wallClock(new Date(Date.now() + 2 * 86_400_000), "America/New_York").date;
  await form.getByLabel("Callback date").fill(nyCallDay);
  await form.getByLabel("Notes for the call").fill("Presented options A and B; the CFO meets before the call.");
  await form.getByRole("button", { name: "Save follow-up" }).click();
  const calls = page.getByRole("list", { name: "Calls to make" }).getByRole("listitem");
  await expect(calls).toHaveCount(1);
  await expect(calls.first()).toContainText("The price is above this quarter's budget");
  await expect(calls.first()).toContainText("Agreed as");
  await expect(calls.first()).toContainText("10:00 in America/New York");
  await page.getByLabel("Who else decides").fill("the CFO");

  // Today lists it at the right local time (Berlin), a click away from the call guide.
  const berlin = wallClock(instantAt(nyCallDay, "10:00", "America/New_York"), ZONE);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today" }).click();
  const upcoming = page.getByRole("list", { name: "Upcoming calls" });
  await expect(upcoming.getByRole("listitem")).toHaveCount(1);
  await expect(upcoming).toContainText("Müller & Söhne");
  await expect(upcoming).toContainText(berlin.time);
  await expect(upcoming).toContainText("agreed as 10:00 in America/New York");
  await upcoming.getByRole("link", { name: /Open call guide: Müller & Söhne/ }).click();

  // The guide opens with the last conversation, what was discussed and what was to happen since.
  await expect(page.getByRole("heading", { name: "Follow-up call — Müller & Söhne", level: 1 })).toBeVisible();
  const openWith = page.getByRole("region", { name: "Open with" });
  await expect(openWith).toContainText("When we last spoke");
  await expect(openWith).toContainText("when this callback was agreed");
  await expect(openWith).toContainText("The price is above this quarter's budget");
  await expect(openWith).toContainText("Presented options A and B");
  await expect(openWith).toContainText("the CFO");
  await expect(page.getByRole("region", { name: "Ask an open question" })).toContainText("What will the CFO want to see before deciding?");

  // The call as an .ics download that a calendar imports: UTC time, stable UID, the names intact.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Add to calendar" }).click()]);
  expect(download.suggestedFilename()).toBe("Follow-up-call-Muller-Sohne.ics");
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await readFile(await download.path(), "utf8"))).getFirstSubcomponent("vevent")!);
  expect(event.summary).toBe("Follow-up call: Müller & Söhne");
  expect(event.startDate.toJSDate().toISOString()).toBe(instantAt(nyCallDay, "10:00", "America/New_York").toISOString());
  expect(event.description).toContain("Why: The price is above this quarter's budget");
  expect(event.description).toContain("(America/New_York)");

  // Voicemail: the script, the caller's number, and the retry on the next business day.
  await page.getByRole("radio", { name: "Left a voicemail" }).check();
  const script = page.getByLabel("Voicemail script");
  await expect(script).toContainText("calling as we agreed for");
  await page.getByLabel("Your number").fill("+49 30 1234567");
  await page.getByLabel("Your number").blur();
  await expect(script).toContainText("You can reach me on +49 30 1234567.");
  await expect(script).toContainText("I will try you again on");
  const retryDate = nextBusinessDay(nyCallDay);
  await expectDate(page.getByLabel("Retry date"), retryDate);
  await expect(page.getByLabel("Retry time", { exact: true })).toHaveValue("10:00");
  await page.getByRole("button", { name: "Log voicemail and schedule the retry" }).click();
  await expect(page.getByRole("region", { name: "How did the call go?" })).toContainText("Logged: Left a voicemail");
  await expect(page.getByRole("link", { name: "Open its call guide" })).toBeVisible();

  // Today shows the retry instead of the call that went to voicemail.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today" }).click();
  const retryBerlin = wallClock(instantAt(retryDate, "10:00", "America/New_York"), ZONE);
  await expect(upcoming.getByRole("listitem")).toHaveCount(1);
  await expect(upcoming).toContainText(`${Number(retryBerlin.date.slice(8))} `);
  await expect(upcoming).toContainText(retryBerlin.time);

  // On the account: the call made, and the voicemail on the timeline.
  await page.getByRole("link", { name: "Müller & Söhne" }).first().click();
  await expect(page.getByRole("list", { name: "Calls made" })).toContainText("Left a voicemail");
  await page.getByRole("tab", { name: /Timeline/ }).click();
  await expect(page.getByText("Follow-up call: left a voicemail").first()).toBeVisible();
});

test("a reminder fires at the agreed time, a missed one shows at the next start, and each only once", async ({ browser }) => {
  dir = await tempDataDir("reminders");
  proc = await startWeb(dir, await freePort());
  // Two callbacks agreed for tomorrow, 09:00 and 11:00 in Berlin.
  const tomorrow = wallClock(new Date(Date.now() + 86_400_000), ZONE).date;
  const first = instantAt(tomorrow, "09:00", ZONE);
  const second = instantAt(tomorrow, "11:00", ZONE);

  const page = await openInBerlin(browser, proc.url, new Date(first.getTime() - 10 * 60_000));
  await setUpProfile(page, "Riley Rep", "Rep");
  await createAccount(page, "Acme");
  await agreeCallback(page, { reason: "Waiting for the CFO", date: tomorrow, time: "09:00", zone: ZONE });
  await page.getByRole("button", { name: "Agree a callback" }).click();
  await agreeCallback(page, { reason: "Walk through option B", date: tomorrow, time: "11:00", zone: ZONE });
  await expect(page.getByRole("list", { name: "Calls to make" }).getByRole("listitem")).toHaveCount(2);
  const reminders = page.getByRole("region", { name: "Reminders" });
  await expect(page.getByRole("alert").filter({ hasText: "Acme" })).toHaveCount(0);

  // The agreed time comes with the window open: an alert, once.
  await page.clock.setFixedTime(new Date(first.getTime() + 5_000));
  await expect(reminders.getByRole("alert")).toHaveCount(1);
  await expect(reminders).toContainText("Due now: Follow-up call — Acme");
  await expect(reminders).toContainText("Waiting for the CFO");
  await reminders.getByRole("button", { name: "Open call guide" }).click();
  await expect(page.getByRole("heading", { name: "Follow-up call — Acme", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today, 1 overdue" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Follow-up call — Acme", level: 1 })).toBeVisible();
  await page.waitForTimeout(6_000); // more than one reminder tick
  await expect(page.getByRole("region", { name: "Reminders" })).toHaveCount(0);
  await page.context().close();

  // Baton was closed at 11:00: the missed reminder shows at the next start, the first does not again.
  const later = await openInBerlin(browser, proc.url, new Date(second.getTime() + 30 * 60_000));
  const missed = later.getByRole("region", { name: "Reminders" });
  await expect(missed.getByRole("alert")).toHaveCount(1);
  await expect(missed).toContainText("Missed: Follow-up call — Acme");
  await expect(missed).toContainText("Walk through option B");
  await missed.getByRole("button", { name: "Dismiss reminder: Acme" }).click();
  await expect(later.getByRole("list", { name: "Overdue calls" }).getByRole("listitem")).toHaveCount(2);
  // A second window of the same person stays quiet.
  const again = await later.context().newPage();
  await again.goto(proc.url);
  await expect(again.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await again.waitForTimeout(6_000);
  await expect(again.getByRole("region", { name: "Reminders" })).toHaveCount(0);
  await later.context().close();
});
