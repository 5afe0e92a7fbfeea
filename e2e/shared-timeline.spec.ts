/**
 * The timeline comes from the shared document's own history, so two laptops that have
 * synced show the same entries in the same order, each attributed to whoever made it:
 * here the delivery lead edits a milestone on a second instance during the meeting.
 */
import { test, expect } from "@playwright/test";
import { addCommitment, addMilestone, createAccount, hostMeeting, joinMeeting, milestoneTitles, openBaton, setUpProfile } from "./support/app";
import { milestoneRowAt, openTab, planCommitments, timelineEntries } from "./support/lifecycle";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(() => laptops.stopAll());
const instance = async (name: string) => (await laptops.start(name)).proc;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("after the lead edits a milestone on a second instance, both timelines show the same entries in the same order, attributed", async ({ browser }) => {
  const [rep, lead] = await Promise.all([instance("rep"), instance("lead")]);
  const repPage = await openBaton(browser, rep.url);
  const leadPage = await openBaton(browser, lead.url);
  await setUpProfile(repPage, "Ana Rep", "Rep");
  await setUpProfile(leadPage, "Dana Lead", "Delivery lead");

  await createAccount(repPage, "Fabrikam");
  await addCommitment(repPage, "Line 2 running by the trade fair");
  await addMilestone(repPage, "Install line 2");
  await planCommitments(repPage, 0, ["Line 2 running by the trade fair"]);
  const code = await hostMeeting(repPage);
  await joinMeeting(leadPage, code);
  await expect.poll(() => milestoneTitles(leadPage)).toEqual(["Install line 2"]);

  // The lead plans the milestone on the second laptop; the rep notes the call meanwhile.
  const row = milestoneRowAt(leadPage, 0);
  await row.getByLabel("Start date").fill(inDays(14));
  await row.getByLabel("End date").fill(inDays(21));
  await row.getByLabel("Milestone owner").fill("Dana");
  await row.getByLabel("Milestone status").selectOption("in-progress");
  await openTab(repPage, "Timeline");
  const log = repPage.getByRole("form", { name: "Log an entry" });
  await log.getByLabel("Kind").selectOption("call");
  await log.getByLabel("What happened").fill("Told the customer the install dates");
  await log.getByRole("button", { name: "Log it" }).click();

  await openTab(leadPage, "Timeline");
  const leadEntry = /Dana Lead · Milestones · Marked the milestone “Install line 2” as in progress/;
  await expect.poll(async () => (await timelineEntries(repPage)).some((e) => leadEntry.test(e))).toBe(true);
  await expect.poll(async () => (await timelineEntries(leadPage)).some((e) => e.includes("Told the customer the install dates"))).toBe(true);
  // Entry for entry, in the same order, on both laptops.
  await expect.poll(async () => JSON.stringify(await timelineEntries(leadPage))).toBe(JSON.stringify(await timelineEntries(repPage)));
  const entries = await timelineEntries(repPage);
  expect(entries.length).toBeGreaterThanOrEqual(7);
  for (const text of ["Set the start date of the milestone", "Set the end date of the milestone", "Changed the owner of the milestone"]) {
    expect(entries.find((e) => e.includes(text)), text).toContain("Dana Lead");
  }
  for (const text of ["Created the account", "Added the milestone “Install line 2”", "Told the customer the install dates"]) {
    expect(entries.find((e) => e.includes(text)), text).toContain("Ana Rep");
  }

  // Filter by person: only the lead's entries.
  await repPage.getByLabel("Filter by person").selectOption({ label: "Dana Lead" });
  const leadsOnly = await timelineEntries(repPage);
  expect(leadsOnly.length).toBeGreaterThanOrEqual(4);
  expect(leadsOnly.every((e) => e.includes("Dana Lead"))).toBe(true);
});
