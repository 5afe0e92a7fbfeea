/**
 * The desktop conventions as browser mode has them: keyboard shortcuts and search (the
 * same commands as Electron's menu), and a deep link given in the address.
 */
import { test, expect, type Page } from "@playwright/test";
import { createAccount, openBaton, setUpProfile } from "./support/app";
import { Instances } from "./support/instances";

const instances = new Instances();
test.afterEach(() => instances.stopAll());

const heading = (page: Page, name: string) => page.getByRole("heading", { name, level: 1 });

test("shortcuts go to a page, and search (Ctrl/Cmd+K) creates and finds an account", async ({ browser }) => {
  const { proc } = await instances.start("shortcuts");
  const page = await openBaton(browser, proc.url);
  await setUpProfile(page, "Riley Rep", "Rep");

  await page.keyboard.press("ControlOrMeta+2");
  await expect(heading(page, "Accounts")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+3");
  await expect(heading(page, "Settings")).toBeVisible();

  // Search offers the commands: "new account" and Enter opens the form.
  await page.keyboard.press("ControlOrMeta+K");
  const search = page.getByRole("dialog", { name: "Search" });
  await search.getByLabel(/^Search accounts/).fill("new account");
  await page.keyboard.press("Enter");
  await expect(search).toBeHidden();
  await page.getByLabel("Account name").fill("Northwind Traders");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("list", { name: "Commitments" })).toBeAttached();
  const documentId = new URL(page.url()).hash.replace("#/accounts/", "");

  // From Today, a few letters of the name find it again.
  await page.keyboard.press("ControlOrMeta+1");
  await expect(heading(page, "Today")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+K");
  await search.getByLabel(/^Search accounts/).fill("northw");
  await expect(search.getByRole("list", { name: "Results" }).getByRole("button").first()).toHaveText("Open Northwind Traders");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Commitments" })).toBeAttached();
  expect(new URL(page.url()).hash).toBe(`#/accounts/${documentId}`);

  // Ctrl/Cmd+N opens the new account form where the browser lets the key through.
  await page.keyboard.press("ControlOrMeta+N");
  await expect(page.getByLabel("Account name")).toBeVisible();
});

test("a deep link in browser mode's address opens the account; a bad one says why and changes nothing", async ({ browser }) => {
  const { proc } = await instances.start("deep-link");
  const first = await openBaton(browser, proc.url);
  await setUpProfile(first, "Riley Rep", "Rep");
  const documentId = await createAccount(first, "Acme");
  await first.context().close();

  // The link as Share account shows it, and as the operating system hands it over.
  for (const link of [`baton:account/${documentId}`, `baton://account/${documentId}`]) {
    const page = await openBaton(browser, `${proc.url}#/open?link=${encodeURIComponent(link)}`);
    await expect(page.getByRole("list", { name: "Commitments" })).toBeAttached();
    expect(new URL(page.url()).hash).toBe(`#/accounts/${documentId}`);
    await page.context().close();
  }

  const bad = await openBaton(browser, `${proc.url}#/open?link=${encodeURIComponent("baton://account/../../settings")}`);
  await expect(bad.getByText("That link is not an account link.", { exact: false })).toBeVisible();
  await expect(heading(bad, "Today")).toBeVisible();

  // A well-formed link to an account this device does not have (and no team server to ask).
  await bad.goto(`${new URL(bad.url()).origin}/#/open?link=${encodeURIComponent("baton://account/4NMNnkMhL8jXrdJ9jamS58PAVdXu")}`);
  await expect(bad.getByText("That account is not on this device.", { exact: false })).toBeVisible();
  await expect(heading(bad, "Today")).toBeVisible();
  // Nothing lost: the account list is as it was.
  await bad.keyboard.press("ControlOrMeta+2");
  await expect(bad.getByRole("grid", { name: "Accounts" }).getByRole("link")).toHaveCount(1);
});
