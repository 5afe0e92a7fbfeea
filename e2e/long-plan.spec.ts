/**
 * A year-long account: its commitments list draws in full only the rows near the window;
 * the others stand in with their names until they come near. A screen reader still counts
 * and names every commitment, scrolling draws the rows before they are seen, Tab walks
 * every row in order without skipping one, "Show the commitment" reaches a row that was
 * not drawn, and a row edited after scrolling keeps the edit.
 */
import { test, expect, type Page } from "@playwright/test";
import { addCommitment, createAccount, openBaton, setUpProfile } from "./support/app";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(async () => {
  await laptops.stopAll();
});

const COUNT = 40;
const texts = Array.from({ length: COUNT }, (_, i) => `Promise ${String(i + 1).padStart(2, "0")}`);

/** The commitment rows drawn in full, by text, in list order. */
function drawnTexts(page: Page): Promise<string[]> {
  return page.getByRole("list", { name: "Commitments" }).getByLabel("Commitment text").evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
}

/** Give the page a few frames and a moment, as the rows near the window are drawn by then. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(300);
}

/** Every commitment's words as the list holds them: a stand-in's text, a drawn row's text field. */
function listedTexts(page: Page): Promise<string[]> {
  return page
    .getByRole("list", { name: "Commitments" })
    .getByRole("listitem")
    .evaluateAll((items) => items.map((li) => (li.hasAttribute("data-stand-in") ? (li.textContent ?? "") : (li.querySelector<HTMLTextAreaElement>('[data-control="text"]')?.value ?? ""))));
}

test("a long commitments list draws near rows, yet names, walks and edits every one", async ({ browser }) => {
  test.setTimeout(180_000);
  const laptop = await laptops.start("long-plan");
  const page = await openBaton(browser, laptop.proc.url, { viewport: { width: 1280, height: 800 } });
  await setUpProfile(page, "Ana Rep", "Rep");
  const documentId = await createAccount(page, "Northwind Year One");
  for (const t of texts) await addCommitment(page, t);

  // Opened again, as a rep does: the rows far below the window are not drawn…
  await page.goto(`${laptop.proc.url}#/accounts`);
  await page.goto(`${laptop.proc.url}#/accounts/${documentId}`);
  const list = page.getByRole("list", { name: "Commitments" });
  const rows = list.getByRole("listitem");
  await expect(rows).toHaveCount(COUNT);
  await settle(page);
  await expect(rows.last()).toHaveAttribute("data-stand-in", "");
  expect((await drawnTexts(page)).length).toBeLessThan(COUNT);
  // …yet each one is a list item with the commitment's words, in order.
  expect(await listedTexts(page)).toEqual(texts);

  // Scrolling to the end draws the rows there before they are seen.
  await rows.last().scrollIntoViewIfNeeded();
  await expect(page.getByRole("textbox", { name: "Commitment text" }).and(page.locator(`[data-control="text"]`)).last()).toHaveValue(texts[COUNT - 1]!);
  await expect(rows.last()).not.toHaveAttribute("data-stand-in");

  // Tab from the first row's text walks every row in order: the next row is always drawn.
  await page.goto(`${laptop.proc.url}#/accounts`);
  await page.goto(`${laptop.proc.url}#/accounts/${documentId}`);
  await expect(rows).toHaveCount(COUNT);
  await rows.first().scrollIntoViewIfNeeded();
  await rows.first().getByLabel("Commitment text").focus();
  const visited: string[] = [];
  for (let i = 0; i < COUNT * 12 && visited.length < COUNT; i++) {
    const text = await page.evaluate(() => {
      const el = document.activeElement as HTMLTextAreaElement | null;
      return el?.dataset.control === "text" && el.closest('ul[aria-label="Commitments"]') ? el.value : null;
    });
    if (text !== null && visited.at(-1) !== text) visited.push(text);
    await page.keyboard.press("Tab");
  }
  expect(visited).toEqual(texts);

  // "Show the commitment" of a gap brings a row not drawn yet on screen, with the focus in it.
  await page.goto(`${laptop.proc.url}#/accounts`);
  await page.goto(`${laptop.proc.url}#/accounts/${documentId}`);
  await expect(rows).toHaveCount(COUNT);
  const far = texts[COUNT - 2]!;
  await settle(page);
  await expect(rows.nth(COUNT - 2)).toHaveAttribute("data-stand-in", "");
  const gap = page.getByRole("list", { name: "Gaps" }).getByRole("listitem").filter({ hasText: `“${far}”` });
  await gap.getByRole("button", { name: "Show the commitment" }).click();
  const field = list.locator(`[data-control="text"]`).and(page.locator(":focus"));
  await expect(field).toHaveValue(far);
  await expect(field).toBeInViewport();

  // An edit there is kept: after opening the account again the row says so.
  await field.fill(`${far}, signed off by finance`);
  await field.press("Tab");
  await expect(page.getByRole("status", { name: "Sync status" })).toContainText("All changes saved");
  await page.goto(`${laptop.proc.url}#/accounts`);
  await page.goto(`${laptop.proc.url}#/accounts/${documentId}`);
  await expect.poll(async () => (await listedTexts(page))[COUNT - 2]).toBe(`${far}, signed off by finance`);
});
