/**
 * An order value reads back as the person meant it, in their locale: "18,400" in en-US is
 * eighteen thousand four hundred (it used to be saved as 18.4), "18.400,50" in de-DE is
 * 18,400.50. Input that could mean two amounts gets a question next to the field and is
 * not written; a valid value is shown formatted as soon as the field is left.
 */
import { test, expect, type Page } from "@playwright/test";
import { createAccount, openAccountByName, openBaton, setUpProfile } from "./support/app";
import { openTab } from "./support/lifecycle";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(() => laptops.stopAll());

async function orderForm(page: Page, account: string) {
  await openAccountByName(page, account);
  await openTab(page, "Order & payment");
  return page.getByLabel("Order value");
}

test("in en-US, 18,400 dollars is stored as 18,400 and reads back so after reopening; unclear input is asked about", async ({ browser }) => {
  const { proc } = await laptops.start("amounts-us");
  const page = await openBaton(browser, proc.url, { locale: "en-US" });
  await setUpProfile(page, "Ana Rep", "Rep");
  await createAccount(page, "Globex");
  await openTab(page, "Order & payment");
  await page.getByLabel("Currency").fill("usd");
  const value = page.getByLabel("Order value");

  // Thousands not in threes: could be 18.40 or 1,840.
  await value.fill("18,40");
  await value.blur();
  await expect(value).toHaveAttribute("aria-invalid", "true");
  await expect(value).toHaveAccessibleDescription("“18,40” is unclear: here “,” separates thousands and “.” marks decimals, as in 1,234,567.89.");
  // Three decimals in dollars: most likely thousands written the German way.
  await value.fill("18.400");
  await value.blur();
  await expect(value).toHaveAccessibleDescription("Amounts in USD have at most 2 decimals, and 18.400 has 3. If you meant 18,400, write it that way.");

  await value.fill("18,400");
  await value.blur();
  await expect(value).toHaveValue("18,400.00");
  await expect(value).not.toHaveAttribute("aria-invalid");

  // Reopened, the account holds what the person saw.
  await page.reload();
  await expect(await orderForm(page, "Globex")).toHaveValue("18,400.00");
  await expect(page.getByLabel("Currency")).toHaveValue("USD");

  // 18,400.00 and 1,234,567 are amounts too.
  await value.fill("1,234,567");
  await value.blur();
  await expect(value).toHaveValue("1,234,567.00");
  await value.fill("18,400.00");
  await value.blur();
  await page.reload();
  await expect(await orderForm(page, "Globex")).toHaveValue("18,400.00");
});

test("in de-DE, 18.400,50 euros reads back as 18.400,50, and as 18,400.50 in an en-US window", async ({ browser }) => {
  const { proc } = await laptops.start("amounts-de");
  const page = await openBaton(browser, proc.url, { locale: "de-DE" });
  await setUpProfile(page, "Jana Vertrieb", "Rep");
  await createAccount(page, "Umbrella GmbH");
  await openTab(page, "Order & payment");
  await page.getByLabel("Currency").fill("eur");
  const value = page.getByLabel("Order value");

  // A point before one digit is not how de-DE writes thousands: asked, not read as 18400.5.
  await value.fill("18400.5");
  await value.blur();
  await expect(value).toHaveAccessibleDescription("“18400.5” is unclear: here “.” separates thousands and “,” marks decimals, as in 1.234.567,89.");

  // Typed key by key: the unfinished "18.4" is never kept.
  await value.fill("");
  await value.pressSequentially("18.400,5");
  await value.blur();
  await expect(value).toHaveValue("18.400,50");

  await page.reload();
  await expect(await orderForm(page, "Umbrella GmbH")).toHaveValue("18.400,50");

  // The same account in a window whose language is en-US: the same amount, written its way.
  const american = await openBaton(browser, proc.url, { locale: "en-US" });
  await expect(await orderForm(american, "Umbrella GmbH")).toHaveValue("18,400.50");
});
