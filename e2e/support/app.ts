/** What a person does in Baton, written with roles and labels (which also keeps the UI accessible). */
import { expect, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";

/** A window on `url`; `options.locale` sets the window's language (navigator.language). */
export async function openBaton(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

export async function setUpProfile(page: Page, name: string, role: "Rep" | "Delivery lead", contact?: { phone: string; email: string }): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("radio", { name: role }).check();
  if (contact) {
    await page.getByLabel("Your phone").fill(contact.phone);
    await page.getByLabel("Your email").fill(contact.email);
  }
  await page.getByRole("button", { name: "Save profile" }).click();
  // Today is the start page once the profile is set.
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
}

export async function createAccount(page: Page, name: string): Promise<string> {
  const accounts = page.getByRole("heading", { name: "Accounts", level: 1 });
  if (!(await accounts.isVisible())) await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("button", { name: "New account" }).click();
  await page.getByLabel("Account name").fill(name);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("list", { name: "Commitments" })).toBeAttached();
  return new URL(page.url()).hash.replace("#/accounts/", "");
}

export async function addCommitment(page: Page, text: string): Promise<void> {
  await page.getByLabel("New commitment").fill(text);
  await page.getByRole("button", { name: "Add commitment" }).click();
  await expect(page.getByLabel("New commitment")).toHaveValue("");
}

export async function addMilestone(page: Page, title: string): Promise<void> {
  await page.getByLabel("New milestone").fill(title);
  await page.getByRole("button", { name: "Add milestone" }).click();
  await expect(page.getByLabel("New milestone")).toHaveValue("");
}

export function commitmentRows(page: Page) {
  return page.getByRole("list", { name: "Commitments" }).getByRole("listitem");
}

export function milestoneRows(page: Page) {
  return page.getByRole("list", { name: "Delivery plan" }).getByRole("listitem");
}

/** The texts of the commitments, in the order shown. */
export async function commitmentTexts(page: Page): Promise<string[]> {
  return page.getByRole("list", { name: "Commitments" }).getByLabel("Commitment text").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}

export async function milestoneTitles(page: Page): Promise<string[]> {
  return page.getByRole("list", { name: "Delivery plan" }).getByLabel("Milestone title").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}

/** Wait until the commitments shown are exactly `expected` (in any order unless `ordered`). */
export async function expectCommitments(page: Page, expected: string[], ordered = false): Promise<void> {
  await expect
    .poll(async () => {
      const texts = await commitmentTexts(page);
      return ordered ? texts : [...texts].sort();
    })
    .toEqual(ordered ? expected : [...expected].sort());
}

export async function hostMeeting(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Host meeting" }).click();
  const code = page.getByLabel("Join code");
  await expect(code).not.toHaveValue("");
  return code.inputValue();
}

export async function joinMeeting(page: Page, code: string): Promise<void> {
  await page.getByRole("button", { name: "Join meeting" }).click();
  const dialog = page.getByRole("dialog", { name: "Join meeting" });
  await dialog.getByLabel("Join code").fill(code);
  // Exact: the meetings nearby are buttons too ("Ask to join …").
  await dialog.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByRole("list", { name: "Commitments" })).toBeAttached();
}

export async function openAccountByName(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("grid", { name: "Accounts" }).getByRole("link", { name }).click();
  await expect(page.getByRole("list", { name: "Commitments" })).toBeAttached();
}

export function syncStatus(page: Page) {
  return page.getByRole("status", { name: "Sync status" });
}

/** A YYYY-MM-DD date as the window's date fields show it, in the window's language ("Mar 9, 2026"). */
export function shownDate(page: Page, iso: string): Promise<string> {
  return page.evaluate(
    (d) => new Intl.DateTimeFormat(navigator.language, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`)),
    iso,
  );
}

/** The date field shows this YYYY-MM-DD date (or nothing, for ""). */
export async function expectDate(field: Locator, iso: string): Promise<void> {
  await expect(field).toHaveValue(iso ? await shownDate(field.page(), iso) : "");
}

/** Pick a day from a date field's calendar, as a person does: open it, go to the month, click the day. */
export async function pickDate(field: Locator, iso: string): Promise<void> {
  const page = field.page();
  await field.click();
  const calendar = page.locator("[data-dates-dropdown]");
  await expect(calendar.getByRole("button", { name: "Next month" })).toBeVisible();
  const wanted = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7));
  for (let clicks = 0; ; clicks++) {
    // The month shown: the calendar's button between the arrows reads like "March 2026".
    const texts = await calendar.getByRole("button").allTextContents();
    const shown = await page.evaluate(
      ({ texts, year }) => {
        const months = new Intl.DateTimeFormat(navigator.language, { month: "long", year: "numeric", timeZone: "UTC" });
        for (let y = year - 10; y <= year + 10; y++) for (let m = 1; m <= 12; m++) if (texts.includes(months.format(new Date(Date.UTC(y, m - 1, 15))))) return y * 12 + m;
        return null;
      },
      { texts: texts.map((t) => t.trim()), year: Number(iso.slice(0, 4)) },
    );
    if (shown === null || clicks > 240) throw new Error(`the calendar shows no month near ${iso}`);
    if (shown === wanted) break;
    await calendar.getByRole("button", { name: shown < wanted ? "Next month" : "Previous month" }).click();
  }
  const day = await page.evaluate(
    (d) => new Intl.DateTimeFormat(navigator.language, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`)),
    iso,
  );
  await calendar.getByRole("button", { name: day, exact: true }).click();
}

/** Choose a time zone in a zone picker as a person does: type part of its name, click it in the list. */
export async function chooseTimeZone(field: Locator, zone: string): Promise<void> {
  const label = zone.replace(/_/g, " ");
  if ((await field.inputValue()) === label) return;
  await field.click();
  await field.fill(zone);
  await field.page().getByRole("option", { name: label, exact: true }).click();
  await expect(field).toHaveValue(label);
}
