/**
 * Finding and catching up, with two laptops (browser-mode instances) sharing an account in
 * a meeting: the delivery lead leaves the account, the rep changes three things, and when
 * the lead opens it again "since you last looked" lists exactly those three, each with who
 * made it; Ctrl+K then finds a contact by part of its name. The pipeline board shows the
 * account at its stage.
 *
 * SCREENSHOTS_DIR=/tmp/x takes screenshots of search, the pipeline and catch-up there.
 */
import { test, expect, type Page } from "@playwright/test";
import { addCommitment, addMilestone, commitmentRows, createAccount, expectCommitments, hostMeeting, joinMeeting, milestoneTitles, openAccountByName, openBaton, setUpProfile } from "./support/app";
import { addContact, openTab } from "./support/lifecycle";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(() => laptops.stopAll());

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

test("the lead sees exactly what the rep changed since the lead last looked; Ctrl+K finds a contact by part of its name", async ({ browser }) => {
  const rep = await laptops.start("rep");
  const lead = await laptops.start("lead");
  const repPage = await openBaton(browser, rep.proc.url);
  const leadPage = await openBaton(browser, lead.proc.url);
  await setUpProfile(repPage, "Ana Rep", "Rep");
  await setUpProfile(leadPage, "Dana Lead", "Delivery lead");

  await createAccount(repPage, "Northwind Traders");
  await addCommitment(repPage, "Installed at all three sites");
  await addMilestone(repPage, "Kick-off");
  const code = await hostMeeting(repPage);
  await joinMeeting(leadPage, code);
  await expectCommitments(leadPage, ["Installed at all three sites"]);
  // The first opening has nothing to compare with.
  await expect(leadPage.getByRole("list", { name: "Changes since you last looked" })).toHaveCount(0);

  // The lead leaves the account; the rep changes three things meanwhile.
  await leadPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Today/ }).click();
  await expect(leadPage.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await commitmentRows(repPage).first().getByLabel("Commitment text").fill("Installed at all three sites by 10 March");
  await addMilestone(repPage, "Site survey");
  await openTab(repPage, "Contacts");
  await addContact(repPage, "Kimberly Gilbert", "Finance / payables", "kim@northwind.example");

  // The lead opens it again: exactly those three, each by the rep.
  await openAccountByName(leadPage, "Northwind Traders");
  await expect.poll(() => milestoneTitles(leadPage)).toEqual(["Kick-off", "Site survey"]);
  const changes = leadPage.getByRole("list", { name: "Changes since you last looked" }).getByRole("listitem");
  await expect(changes).toHaveCount(3);
  await expect(changes.nth(0)).toContainText("Contact “Kimberly Gilbert” added — Ana Rep");
  await expect(changes.nth(1)).toContainText("Commitment “Installed at all three sites by 10 March”: wording changed (was “Installed at all three sites”) — Ana Rep");
  await expect(changes.nth(2)).toContainText("Milestone “Site survey” added — Ana Rep");
  await expect(leadPage.getByText(/Since you last looked \(.+\): 3 changes by others/)).toBeVisible();
  await shot(leadPage, "catch-up");

  // Ctrl+K finds the contact by part of its name and opens its account.
  await leadPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Today/ }).click();
  await leadPage.keyboard.press("Control+k");
  const search = leadPage.getByRole("dialog", { name: "Search" });
  await search.getByLabel(/^Search accounts, contacts/).fill("gilb");
  const results = search.getByRole("list", { name: "Results" });
  await expect(results.getByRole("button").first()).toContainText("Kimberly Gilbert");
  await expect(results.getByRole("button").first()).toContainText("Contact · kim@northwind.example · on Northwind Traders");
  await shot(leadPage, "search");
  // Punctuation alone finds nothing, and says why.
  await search.getByLabel(/^Search accounts, contacts/).fill("?!…");
  await expect(search.getByRole("status")).toContainText("Type a letter or a digit");
  await search.getByLabel(/^Search accounts, contacts/).fill("gilb");
  await expect(results.getByRole("button").first()).toContainText("Kimberly Gilbert");
  await leadPage.keyboard.press("Enter");
  await expect(search).toBeHidden();
  await expect(leadPage.getByRole("list", { name: "Commitments" })).toBeAttached();
  await expect(leadPage).toHaveURL(/#\/accounts\//);

  // The pipeline board shows the account at its stage, with the days since contact.
  await repPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pipeline" }).click();
  const board = repPage.getByRole("list", { name: "Pipeline board" });
  await expect(board.getByRole("list", { name: "Follow-up" })).toContainText("Northwind Traders");
  await expect(board.getByRole("list", { name: "Follow-up" })).toContainText("No contact logged");
  await shot(repPage, "pipeline");
});
