/**
 * A meeting with no internet (issue 5, item 6), on two browser-mode instances whose
 * meetings listen on 127.0.0.1 (mDNS on loopback only): the lead finds the rep's meeting
 * under "Meetings nearby" without typing the code, asks to join, and the rep lets them in
 * — or turns them away, and the lead is told so plainly; the code still works after.
 */
import { test, expect } from "@playwright/test";
import { addCommitment, commitmentRows, createAccount, hostMeeting, joinMeeting, openBaton, setUpProfile } from "./support/app";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(() => laptops.stopAll());
const instance = async (name: string) => (await laptops.start(name)).proc;

test("the lead finds the rep's meeting nearby, asks to join, and the rep lets them in", async ({ browser }) => {
  const [rep, lead] = await Promise.all([instance("rep"), instance("lead")]);
  const repPage = await openBaton(browser, rep.url);
  const leadPage = await openBaton(browser, lead.url);
  await Promise.all([setUpProfile(repPage, "Ana Rep", "Rep"), setUpProfile(leadPage, "Dana Lead", "Delivery lead")]);
  await createAccount(repPage, "Contoso Rail");
  await addCommitment(repPage, "Two trainers on site in week 1");
  await hostMeeting(repPage);
  await expect(repPage.getByRole("region", { name: "Meeting" })).toContainText("listed under Meetings nearby");

  await leadPage.getByRole("button", { name: "Join meeting" }).click();
  const dialog = leadPage.getByRole("dialog", { name: "Join meeting" });
  const meeting = dialog.getByRole("list", { name: "Meetings nearby" }).getByRole("button", { name: /Contoso Rail/ });
  await expect(meeting).toContainText("Hosted by Ana Rep (rep)");
  await meeting.click();
  await expect(dialog.getByRole("status")).toContainText("Waiting for Ana Rep to let you in");

  // The rep's screen shows the knock, in the meeting panel and the header.
  const knock = repPage.getByRole("group", { name: "Dana Lead asks to join" });
  await expect(knock).toContainText("Dana Lead (delivery lead) asks to join");
  await expect(repPage.getByRole("status").filter({ hasText: "Dana Lead (delivery lead) asks to join." })).toBeAttached();
  await expect(repPage.getByRole("link", { name: "Dana Lead asks to join · Hosting: Contoso Rail" })).toBeVisible();
  await knock.getByRole("button", { name: "Let in" }).click();

  // The lead lands on the account and sees its commitment; the rep sees the guest.
  await expect(dialog).toHaveCount(0);
  await expect(leadPage.getByRole("heading", { name: "Contoso Rail", level: 1 })).toBeVisible();
  await expect(commitmentRows(leadPage).first().getByLabel("Commitment text")).toHaveValue("Two trainers on site in week 1");
  await expect(repPage.getByRole("list", { name: "Guests" })).toContainText("Dana Lead");
  await expect(knock).toHaveCount(0);
});

test("turned away: the lead is told who did not let them in, and the join code still works", async ({ browser }) => {
  const [rep, lead] = await Promise.all([instance("rep"), instance("lead")]);
  const repPage = await openBaton(browser, rep.url);
  const leadPage = await openBaton(browser, lead.url);
  await Promise.all([setUpProfile(repPage, "Ana Rep", "Rep"), setUpProfile(leadPage, "Dana Lead", "Delivery lead")]);
  await createAccount(repPage, "Fabrikam Foods");
  await addCommitment(repPage, "Cold-chain audit before go-live");

  // Nothing hosted yet: the dialog says so and points at the code.
  await leadPage.getByRole("button", { name: "Join meeting" }).click();
  const dialog = leadPage.getByRole("dialog", { name: "Join meeting" });
  await expect(dialog.getByText("No meetings found nearby yet — you can also type the join code.")).toBeVisible();

  const code = await hostMeeting(repPage);
  const meeting = dialog.getByRole("list", { name: "Meetings nearby" }).getByRole("button", { name: /Fabrikam Foods/ });
  await meeting.click();
  const knock = repPage.getByRole("group", { name: "Dana Lead asks to join" });
  await knock.getByRole("button", { name: "Turn away" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Ana Rep did not let you in.");
  await expect(knock).toHaveCount(0);
  await expect(repPage.getByRole("list", { name: "Guests" })).toHaveCount(0);

  // Stop waiting: the knock leaves the rep's screen.
  await meeting.click();
  await expect(knock).toBeVisible();
  await dialog.getByRole("button", { name: "Stop waiting" }).click();
  await expect(knock).toHaveCount(0);
  await expect(dialog.getByRole("alert")).toHaveCount(0);

  // The code path is unchanged.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await joinMeeting(leadPage, code);
  await expect(commitmentRows(leadPage).first().getByLabel("Commitment text")).toHaveValue("Cold-chain audit before go-live");
});
