/**
 * Follow-ups that never slip (issue 4), in browser mode with real Chromium and a real
 * sync node: a rep records a follow-up with a precise agreed time (bad input refused
 * next to the field), Today lists it at the right local time, the call guide opens with
 * the last conversation, a voicemail schedules the retry and Today shows it; the sync node
 * announces each reminder at its agreed time, with or without a page open, and a window
 * shows it once.
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

/** The next whole minute at least `lead` ms away: a callback time the form takes (HH:MM) that comes soon. */
function nextMinute(lead = 4_000): Date {
  const t = new Date(Date.now() + lead);
  t.setUTCSeconds(0, 0);
  return new Date(t.getTime() + 60_000);
}

/** The reminders the node announces to a window that connects now (its event stream, read as the harness). */
async function remindersAnnounced(proc: RunningProcess): Promise<{ key: string; accountName: string }[]> {
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${proc.port}/api/events?token=${encodeURIComponent(proc.token!)}`, { signal: controller.signal });
  const reader = res.body!.getReader();
  let text = "";
  const deadline = Date.now() + 3_000;
  // The node sends its current state at once: status, accounts, then what is due.
  while (Date.now() < deadline && !/"type":"accounts"/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
  await new Promise((r) => setTimeout(r, 200));
  controller.abort();
  await reader.cancel().catch(() => undefined);
  return text
    .split("\n")
    .filter((l) => l.startsWith("data: "))
    .map((l) => JSON.parse(l.slice(6)) as { type: string; reminders?: { key: string; accountName: string }[] })
    .flatMap((e) => (e.type === "reminders-due" ? e.reminders! : []));
}

async function firedKeys(): Promise<string[]> {
  const file = JSON.parse(await readFile(`${dir}/reminders.json`, "utf8").catch(() => '{"people":{}}')) as { people: Record<string, { fired: Record<string, string> }> };
  return Object.values(file.people).flatMap((p) => Object.keys(p.fired));
}

test("the node keeps the reminders: one due while no page is open shows when a page opens, once; one due with a page open shows at once", async ({ browser }) => {
  // It waits, with no page open, for a real minute to come (the node keeps real time).
  test.setTimeout(150_000);
  dir = await tempDataDir("reminders");
  proc = await startWeb(dir, await freePort());
  const page = await openInBerlin(browser, proc.url);
  await setUpProfile(page, "Riley Rep", "Rep");
  await createAccount(page, "Acme");
  const agreed = nextMinute();
  const at = wallClock(agreed, ZONE);
  await agreeCallback(page, { reason: "Waiting for the CFO", date: at.date, time: at.time, zone: ZONE });
  await expect(page.getByRole("list", { name: "Calls to make" }).getByRole("listitem")).toHaveCount(1);
  // Baton's page is closed before the agreed time comes.
  await page.context().close();
  await new Promise((r) => setTimeout(r, Math.max(0, agreed.getTime() - Date.now()) + 1_500));

  // No page is open, yet the node has it due; nobody has shown it.
  const due = await remindersAnnounced(proc);
  expect(due.map((r) => r.accountName)).toEqual(["Acme"]);
  expect(due[0]!.key).toMatch(new RegExp(`@${agreed.toISOString().replace(/[.]/g, "\\.")}$`));
  expect(await firedKeys()).toEqual([]);

  // A page opens — its own clock an hour behind, so only the node can have found the call due.
  const later = await openInBerlin(browser, proc.url, new Date(agreed.getTime() - 3_600_000));
  const reminders = later.getByRole("region", { name: "Reminders" });
  await expect(reminders.getByRole("alert")).toHaveCount(1);
  await expect(reminders).toContainText("Follow-up call — Acme");
  await expect(reminders).toContainText("Waiting for the CFO");
  await expect.poll(firedKeys).toEqual([due[0]!.key]);

  // A second window of the same person stays quiet: once per person.
  const again = await later.context().newPage();
  await again.goto(proc.url);
  await expect(again.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await again.waitForTimeout(3_000);
  await expect(again.getByRole("region", { name: "Reminders" })).toHaveCount(0);
  await again.close();

  // With a page open, a call the node finds due shows at once: agreed for a minute that has
  // just begun (past for the node, still ahead for this page's clock).
  await reminders.getByRole("button", { name: "Open call guide" }).click();
  await expect(later.getByRole("heading", { name: "Follow-up call — Acme", level: 1 })).toBeVisible();
  await later.getByRole("link", { name: "Acme" }).first().click();
  const second = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const at2 = wallClock(second, ZONE);
  await later.getByRole("button", { name: "Agree a callback" }).click();
  await agreeCallback(later, { reason: "Walk through option B", date: at2.date, time: at2.time, zone: ZONE });
  await expect(later.getByRole("region", { name: "Reminders" }).getByRole("alert")).toHaveCount(1);
  await expect(later.getByRole("region", { name: "Reminders" })).toContainText("Walk through option B");
  await later.context().close();
});
