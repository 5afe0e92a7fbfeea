/**
 * A thousand accounts: the list draws only the rows on screen, yet a screen reader still
 * counts them all and finds one by its name, and the keyboard reaches every row — Page
 * Down / Page Up, Home / End, typing the start of a name — and Enter opens it. Filters
 * still narrow the list and clearing them brings every row back. The list (and Today) are
 * drawn from the node's summaries before Automerge's wasm has even arrived; only opening
 * an account waits for it. The list is asked for before the window's own script has loaded.
 */
import { test, expect, type Browser, type Page, type Route } from "@playwright/test";
import { openBaton, setUpProfile } from "./support/app";
import { Instances } from "./support/instances";
import type { RunningProcess } from "./support/processes";
import { TYPE_AHEAD_MS } from "../src/renderer/accounts/type-ahead";

const laptops = new Instances();
test.afterEach(async () => {
  await laptops.stopAll();
});

const WORDS = ["Acme", "Birch", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper"];
const COUNT = 1000;

/** Account names as the list sorts them (by name); one stands out for type-ahead. */
function names(): string[] {
  const all = Array.from({ length: COUNT - 1 }, (_, i) => `${WORDS[i % WORDS.length]!} ${String(i).padStart(4, "0")}`);
  all.push("Zephyr Traders");
  return all;
}

/** Through the node's API, eight at a time: clicking a thousand forms would take most of an hour. */
async function createAccounts(proc: RunningProcess, all: string[]): Promise<void> {
  const queue = [...all];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const res = await fetch(`http://127.0.0.1:${String(proc.port)}/api/accounts`, {
        method: "POST",
        headers: { Authorization: `Bearer ${proc.token!}`, "Content-Type": "application/json" },
        body: JSON.stringify({ name }),
      });
      if (!res.ok) throw new Error(`creating ${name}: HTTP ${String(res.status)} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** A laptop with a profile and three accounts, set up through a window that is closed again. */
async function laptopWithThreeAccounts(browser: Browser, name: string): Promise<{ proc: RunningProcess }> {
  const laptop = await laptops.start(name);
  const setup = await openBaton(browser, laptop.proc.url);
  await setUpProfile(setup, "Ana Rep", "Rep");
  await createAccounts(laptop.proc, ["Acme", "Birch", "Cobalt"]);
  await setup.context().close();
  return laptop;
}

/** Holds back the page's requests for `pattern` until the returned function is called, noting both moments in `steps`. */
async function holdBack(page: Page, pattern: string, what: string, steps: string[]): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(pattern, async (route: Route) => {
    steps.push(`${what} asked for`);
    await held;
    steps.push(`${what} sent`);
    await route.continue();
  });
  return release;
}

async function focusedRow(page: Page): Promise<{ name: string; rowIndex: number; onScreen: boolean }> {
  return page.evaluate(() => {
    const link = document.activeElement as HTMLElement | null;
    const row = link?.closest('[role="row"]');
    const box = link?.getBoundingClientRect();
    return {
      name: link?.textContent ?? "",
      rowIndex: Number(row?.getAttribute("aria-rowindex") ?? -1),
      // Below the window's sticky header, above the bottom edge.
      onScreen: !!box && box.top >= (document.querySelector("header")?.getBoundingClientRect().bottom ?? 0) && box.bottom <= window.innerHeight,
    };
  });
}

test("a list of 1,000 accounts is drawn in part, yet found by name and walked by keyboard", async ({ browser }) => {
  test.setTimeout(240_000);
  const laptop = await laptops.start("long-list");
  const page = await openBaton(browser, laptop.proc.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  const all = names();
  await createAccounts(laptop.proc, all);
  const sorted = [...all].sort((a, b) => a.localeCompare(b));

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  const grid = page.getByRole("grid", { name: "Accounts" });
  // Every row counted (and the header), few drawn.
  await expect(grid).toHaveAttribute("aria-rowcount", String(COUNT + 1));
  const drawn = await grid.getByRole("row").count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(60);
  await expect(grid.getByRole("columnheader", { name: "Account" })).toBeVisible();

  // A screen reader finds a row by its name; its position in the whole list is announced.
  const first = grid.getByRole("row", { name: new RegExp(`^${sorted[0]!}`) });
  await expect(first).toHaveAttribute("aria-rowindex", "2");

  // One row is in the tab order; the keys move it.
  await grid.getByRole("link", { name: sorted[0]! }).focus();
  await page.keyboard.press("End");
  await expect.poll(() => focusedRow(page)).toEqual({ name: sorted[COUNT - 1]!, rowIndex: COUNT + 1, onScreen: true });
  await page.keyboard.press("Home");
  await expect.poll(() => focusedRow(page)).toEqual({ name: sorted[0]!, rowIndex: 2, onScreen: true });
  await page.keyboard.press("PageDown");
  await expect.poll(async () => (await focusedRow(page)).rowIndex).toBeGreaterThan(6);
  const paged = await focusedRow(page);
  expect(paged.onScreen).toBe(true);
  expect(paged.name).toBe(sorted[paged.rowIndex - 2]);
  await page.keyboard.press("PageDown");
  await expect.poll(async () => (await focusedRow(page)).rowIndex).toBe(2 * paged.rowIndex - 2);
  await page.keyboard.press("PageUp");
  await expect.poll(() => focusedRow(page)).toEqual(paged);
  await page.keyboard.press("ArrowDown");
  await expect.poll(async () => (await focusedRow(page)).rowIndex).toBe(paged.rowIndex + 1);
  expect(await page.locator('[role="grid"] a[tabindex="0"]').count()).toBe(1);

  // Type-ahead: the start of a name, far down the list, jumps there.
  await page.keyboard.type("zep");
  await expect.poll(() => focusedRow(page)).toEqual({ name: "Zephyr Traders", rowIndex: COUNT + 1, onScreen: true });
  // A pause starts a new search (typing on would look for "zepjun").
  await page.waitForTimeout(TYPE_AHEAD_MS + 100);
  await page.keyboard.type("jun");
  const juniper = sorted.findIndex((n) => n.startsWith("Juniper"));
  await expect.poll(() => focusedRow(page)).toEqual({ name: sorted[juniper]!, rowIndex: juniper + 2, onScreen: true });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: sorted[juniper]!, level: 1 })).toBeVisible();

  // Filters still narrow the rows, and clearing them brings all back.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("checkbox", { name: "With open risks" }).check();
  await expect(page.getByText("No account matches these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(grid).toHaveAttribute("aria-rowcount", String(COUNT + 1));
  await page.getByRole("combobox", { name: "Sort by" }).selectOption({ label: "Stage" });
  await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("stage");
  await expect(grid).toHaveAttribute("aria-rowcount", String(COUNT + 1));
  await expect(grid.getByRole("row").nth(1)).toHaveAttribute("aria-rowindex", "2");
  if (process.env.BATON_SHOTS) await page.screenshot({ path: `${process.env.BATON_SHOTS}/long-list.png` });

  // A form opened above the list moves it down; the rows drawn still follow the scroll.
  await page.getByRole("button", { name: "New account" }).click();
  await expect(page.getByLabel("Account name")).toBeVisible();
  await grid.getByRole("link").first().focus();
  await page.keyboard.press("End");
  await expect.poll(async () => (await focusedRow(page)).onScreen).toBe(true);
  await page.keyboard.press("Home");
  await expect.poll(() => focusedRow(page)).toEqual({ name: sorted[0]!, rowIndex: 2, onScreen: true });
  if (process.env.BATON_SHOTS) await page.screenshot({ path: `${process.env.BATON_SHOTS}/long-list-form.png` });
});

test("the list and Today are drawn before the document engine has loaded; an account opens once it has", async ({ browser }) => {
  const laptop = await laptopWithThreeAccounts(browser, "before-wasm");

  // A fresh window whose copy of the wasm is held back until the test lets it through.
  const context = await browser.newContext();
  const page = await context.newPage();
  const events: string[] = [];
  const release = await holdBack(page, "**/*.wasm", "wasm", events);
  await page.goto(laptop.proc.url);
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  const grid = page.getByRole("grid", { name: "Accounts" });
  await expect(grid.getByRole("link")).toHaveText(["Acme", "Birch", "Cobalt"]);
  events.push("list drawn");
  // The engine is not ready: its bytes have not reached the page.
  expect(await page.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith(".wasm")))).toBe(false);

  await grid.getByRole("link", { name: "Birch" }).click();
  await expect(page.getByRole("heading", { name: "Birch", level: 1 })).toHaveCount(0);
  release();
  await expect(page.getByRole("heading", { name: "Birch", level: 1 })).toBeVisible();
  await expect(page.getByRole("list", { name: "Commitments" })).toBeAttached();
  expect(events).toEqual(["wasm asked for", "list drawn", "wasm sent"]);
  await context.close();

  // A window whose engine cannot load still lists the accounts, and says why one cannot open.
  const broken = await browser.newContext();
  const page2 = await broken.newPage();
  await page2.route("**/*.wasm", (route: Route) => route.abort());
  await page2.goto(laptop.proc.url);
  await page2.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await page2.getByRole("grid", { name: "Accounts" }).getByRole("link", { name: "Acme" }).click();
  await expect(page2.getByText(/could not load its document engine/)).toBeVisible();
  await broken.close();
});

test("the window asks for the list before its own script has loaded, and the list crosses once", async ({ browser }) => {
  const laptop = await laptopWithThreeAccounts(browser, "first-requests");

  // The window's script (the entry's second script) is held back until the node's event
  // stream has answered, so the list reaches the page before anything there listens for it.
  const context = await browser.newContext();
  const page = await context.newPage();
  const steps: string[] = [];
  const listRequests: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path === "/api/accounts" || path === "/api/events") listRequests.push(`${r.method()} ${path}`);
  });
  const release = await holdBack(page, "**/assets/window-*.js", "window script", steps);
  // Without the early requests this never comes while the window's script is held: fail soon.
  const streamAnswered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/events", { timeout: 10_000 });
  await page.goto(`${laptop.proc.url}#/accounts`);
  await streamAnswered;
  steps.push("event stream answered");
  // Time for the stream's first messages to reach the page, where nothing listens yet.
  await page.waitForTimeout(500);
  release();

  const grid = page.getByRole("grid", { name: "Accounts" });
  await expect(grid.getByRole("link")).toHaveText(["Acme", "Birch", "Cobalt"]);
  expect(steps).toEqual(["window script asked for", "event stream answered", "window script sent"]);
  // One stream brought the status and the list; the list was not fetched a second time.
  expect(listRequests).toEqual(["GET /api/events"]);
  // The node stays followed: an account made elsewhere appears without a reload.
  await createAccounts(laptop.proc, ["Delta"]);
  await expect(grid.getByRole("link")).toHaveText(["Acme", "Birch", "Cobalt", "Delta"]);
  await context.close();

  // A window whose event stream cannot open still asks the node for the list.
  const noStream = await browser.newContext();
  const page3 = await noStream.newPage();
  await page3.route("**/api/events*", (route: Route) => route.abort());
  await page3.goto(`${laptop.proc.url}#/accounts`);
  await expect(page3.getByRole("grid", { name: "Accounts" }).getByRole("link")).toHaveText(["Acme", "Birch", "Cobalt", "Delta"]);
  await noStream.close();

  // A window whose own script cannot load says so, instead of staying blank.
  const broken = await browser.newContext();
  const page2 = await broken.newPage();
  await page2.route("**/assets/window-*.js", (route: Route) => route.abort());
  await page2.goto(laptop.proc.url);
  await expect(page2.getByRole("heading", { name: "Baton could not load its window" })).toBeVisible();
  await expect(page2.getByText(/Reload the window to try again/)).toBeVisible();
  await broken.close();
});
