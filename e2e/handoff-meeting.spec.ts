/**
 * The joint handoff meeting (issue 5), on two browser-mode instances: both type into the
 * same commitment at once; presence shows who is on which item; the agenda is ticked;
 * the lead signs off while apart (pending), the rep signs off too, and once the laptops
 * meet again the lead owns the account on both screens; a milestone moved after the
 * sign-off shows in "changed since handoff" on both; the rep sets the customer's domain and
 * phone; the recap holds the commitments and dates and who to call from now on: the lead,
 * with the phone and email of the lead's own profile. Bad input: a recap with no plan,
 * signing off twice, a domain and a phone that are not.
 *
 * SCREENSHOTS_DIR=/tmp/x takes screenshots of the customer section and the recap there.
 */
import { readFile } from "node:fs/promises";
import { test, expect, type Locator, type Page } from "@playwright/test";
import { addCommitment, addMilestone, commitmentRows, createAccount, hostMeeting, joinMeeting, milestoneRows, openBaton, setUpProfile } from "./support/app";
import { openTab } from "./support/lifecycle";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(() => laptops.stopAll());
const instance = async (name: string) => (await laptops.start(name)).proc;

const owner = (page: Page) => page.locator("p").filter({ hasText: /^Owner / });

/** A screenshot of `what` (the page, or one element) in light and in dark mode. */
async function shot(page: Page, name: string, what?: Locator): Promise<void> {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await (what ?? page).screenshot({ path: `${dir}/${name}-${colorScheme}.png`, ...(what ? {} : { fullPage: true }) });
  }
  await page.emulateMedia({ colorScheme: null });
}
const signOffs = (page: Page) => page.getByRole("list", { name: "Sign-offs" });

test("handoff meeting: co-editing, presence, agenda, sign-off apart, ownership, changes since handoff, recap", async ({ browser }) => {
  test.setTimeout(120_000);
  const [rep, lead] = await Promise.all([instance("rep"), instance("lead")]);
  const repPage = await openBaton(browser, rep.url);
  const leadPage = await openBaton(browser, lead.url);
  await Promise.all([setUpProfile(repPage, "Ana Rep", "Rep"), setUpProfile(leadPage, "Dana Lead", "Delivery lead", { phone: "+49 30 1234567", email: "dana@baton.example" })]);

  // A recap of an account with no plan says so plainly.
  await createAccount(repPage, "Northwind");
  await openTab(repPage, "Customer recap");
  const preview = repPage.frameLocator('iframe[title="Recap preview"]');
  await expect(preview.locator("body")).toContainText("The delivery dates are not set yet");
  await expect(preview.locator("body")).toContainText("No commitments have been recorded yet.");

  await openTab(repPage, "Promises & plan");
  await addCommitment(repPage, "Train two admins");
  await commitmentRows(repPage).first().getByLabel("Due date").fill("2026-06-15");
  await addMilestone(repPage, "Install line 2");
  await milestoneRows(repPage).first().getByLabel("End date").fill("2026-06-01");
  const code = await hostMeeting(repPage);
  await joinMeeting(leadPage, code);

  // Both type into the same commitment at the same time.
  const repField = commitmentRows(repPage).first().getByLabel("Commitment text");
  const leadField = commitmentRows(leadPage).first().getByLabel("Commitment text");
  await expect(leadField).toHaveValue("Train two admins");
  await repField.click();
  await leadField.click();
  await repField.press("End");
  await leadField.press("Home");
  await Promise.all([repField.pressSequentially(" on site", { delay: 40 }), leadField.pressSequentially("Please ", { delay: 40 })]);
  const both = "Please Train two admins on site";
  await expect(repField).toHaveValue(both);
  await expect(leadField).toHaveValue(both);

  // Presence: each side sees the other, on the commitment.
  const repSees = repPage.getByRole("list", { name: "In the meeting" });
  await expect(repSees).toContainText("Dana Lead — on the commitment “Please Train two admins on site”");
  await expect(leadPage.getByRole("list", { name: "In the meeting" })).toContainText("Ana Rep — on the commitment");
  // The lead moves to an agenda item and ticks it; the rep sees both.
  const leadAgenda = leadPage.getByRole("list", { name: "Agenda" });
  await leadAgenda.getByRole("checkbox", { name: "The delivery plan: milestones, owners, dates" }).check();
  await expect(repSees).toContainText("Dana Lead — on The delivery plan: milestones, owners, dates");
  await expect(repPage.getByRole("list", { name: "Agenda" }).getByRole("checkbox", { name: "The delivery plan: milestones, owners, dates" })).toBeChecked();

  // The lead leaves and signs off apart: recorded, pending the rep.
  await leadPage.getByRole("button", { name: "Leave meeting" }).click();
  await expect(leadPage.getByRole("list", { name: "Agenda" })).toHaveCount(0);
  await openTab(leadPage, "Handoff");
  await leadPage.getByLabel("Customer who agreed").fill("Carla Customer");
  await leadPage.getByRole("button", { name: "Sign off as the delivery lead" }).click();
  await expect(signOffs(leadPage)).toContainText("The delivery lead: signed off by Dana Lead");
  await expect(signOffs(leadPage)).toContainText("The rep: Pending");
  await expect(leadPage.getByRole("status").filter({ hasText: "Waiting for the rep to sign off" })).toBeVisible();

  // The rep signs off meanwhile (not yet seeing the lead's), then tries again: refused, nothing added.
  await openTab(repPage, "Handoff");
  await expect(signOffs(repPage)).toContainText("The delivery lead: Pending");
  await repPage.getByLabel("Customer who agreed").fill("Carla Customer");
  await repPage.getByRole("button", { name: "Sign off as the rep" }).click();
  await expect(signOffs(repPage)).toContainText("The rep: signed off by Ana Rep");
  await repPage.getByRole("button", { name: "Sign off as the rep again" }).click();
  await expect(repPage.getByRole("alert").filter({ hasText: "You already signed off as the rep" })).toBeVisible();
  await expect(owner(repPage)).toContainText("Ana Rep");

  // The laptops meet again: both sign-offs, the baseline, and the lead owns the account on both screens.
  await openTab(leadPage, "Promises & plan");
  await joinMeeting(leadPage, code);
  for (const page of [repPage, leadPage]) {
    await openTab(page, "Handoff");
    await expect(signOffs(page)).toContainText("The rep: signed off by Ana Rep");
    await expect(signOffs(page)).toContainText("The delivery lead: signed off by Dana Lead");
    await expect(page.getByRole("status").filter({ hasText: "Both have signed off" })).toBeVisible();
    await expect(owner(page)).toContainText("Dana Lead");
    await expect(owner(page)).toContainText("Delivery lead");
  }

  // A milestone moved after sign-off shows in "changed since handoff" on both.
  await openTab(leadPage, "Promises & plan");
  await milestoneRows(leadPage).first().getByLabel("End date").fill("2026-06-20");
  await openTab(leadPage, "Handoff");
  for (const page of [leadPage, repPage]) {
    await expect(page.getByRole("list", { name: "Changes since handoff" })).toContainText("Milestone “Install line 2”: end date 2026-06-01 → 2026-06-20 — Dana Lead");
  }

  // The rep sets the customer's domain and phone: a pasted address keeps its domain, a wrong phone says why.
  await openTab(repPage, "Contacts");
  const customer = repPage.getByRole("region", { name: "Customer", exact: true });
  await customer.getByLabel("Web domain").fill("northwind");
  await expect(customer.getByText("“northwind” is not a web domain")).toBeVisible();
  await customer.getByLabel("Web domain").fill("https://www.northwind.example/about");
  await customer.getByLabel("Web domain").blur();
  await expect(customer.getByLabel("Web domain")).toHaveValue("northwind.example");
  await customer.getByLabel("Main phone").fill("call us");
  await expect(customer.getByText("“call us” is not a phone number")).toBeVisible();
  await customer.getByLabel("Main phone").fill("+1 555 0100");
  await customer.getByLabel("Main phone").blur();
  await expect(customer.getByText(/is not a/)).toHaveCount(0);
  for (const page of [repPage, leadPage]) await expect(page.getByLabel("The customer's domain and phone")).toHaveText("northwind.example · +1 555 0100");
  await shot(repPage, "customer", customer);

  // The recap holds the commitments and dates in the customer's words, and who to call from
  // now on: the lead, with the phone and email of the lead's own profile; Markdown downloads.
  await openTab(repPage, "Customer recap");
  await expect(preview.locator("body")).toContainText("From now on, call Dana Lead (your delivery contact): +49 30 1234567, dana@baton.example.");
  await preview.getByRole("heading", { name: "Who to call" }).scrollIntoViewIfNeeded();
  await shot(repPage, "recap", repPage.locator('iframe[title="Recap preview"]'));
  await expect(preview.locator("body")).toContainText("Please Train two admins on site");
  await expect(preview.locator("body")).toContainText("June 15, 2026");
  await expect(preview.locator("body")).toContainText("Install line 2");
  await expect(preview.locator("body")).toContainText("From now on, call Dana Lead (your delivery contact)");
  const [download] = await Promise.all([repPage.waitForEvent("download"), repPage.getByRole("button", { name: "Download Markdown" }).click()]);
  // Dates are kept on one line with non-breaking spaces.
  const markdown = (await readFile((await download.path())!, "utf8")).replace(/\u00a0/g, " ");
  expect(markdown).toContain("- Please Train two admins on site — by June 15, 2026");
  expect(markdown).toContain("**Install line 2**: by June 20, 2026");
  expect(markdown).toContain("end date 2026-06-01 → 2026-06-20");
  expect(markdown).toContain("From now on, call Dana Lead (your delivery contact): +49 30 1234567, dana@baton.example.");
});
