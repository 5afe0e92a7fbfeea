/**
 * Each person's own work, on two browser-mode instances (a rep's laptop and a lead's):
 * each is reminded only of what is theirs (the rep of their callback, before its time);
 * after the handoff the lead is reminded of the delivery milestone and the rep is not;
 * Today shows "Mine" by default and "Everyone" on request; the most important call opened
 * from Today shows its own guide — requirement → commitment → milestone — and takes the
 * customer's confirmations.
 */
import { test, expect, type Page } from "@playwright/test";
import { addCommitment, addMilestone, createAccount, hostMeeting, joinMeeting, openAccountByName, openBaton, setUpProfile } from "./support/app";
import { addContact, addRequirement, commitmentRowAt, milestoneRowAt, moveAnywayTo, openTab, planCommitments, timelineEntries } from "./support/lifecycle";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(() => laptops.stopAll());

const reminders = (page: Page) => page.getByRole("region", { name: "Reminders" });
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** YYYY-MM-DD and HH:MM of an instant on this machine's clock (the windows run in its zone). */
function wallClock(instant: Date): { date: string; time: string } {
  const p = (n: number) => String(n).padStart(2, "0");
  return { date: `${instant.getFullYear()}-${p(instant.getMonth() + 1)}-${p(instant.getDate())}`, time: `${p(instant.getHours())}:${p(instant.getMinutes())}` };
}

test("reminders reach only their person; after handoff the lead gets the milestone's; the most important call runs from its own guide", async ({ browser }) => {
  test.setTimeout(180_000);
  const [rep, lead] = await Promise.all([laptops.start("rep"), laptops.start("lead")]);
  const repPage = await openBaton(browser, rep.proc.url);
  const leadPage = await openBaton(browser, lead.proc.url);
  await Promise.all([setUpProfile(repPage, "Ana Rep", "Rep"), setUpProfile(leadPage, "Dana Lead", "Delivery lead")]);

  // The rep's account: a requirement, the commitment that meets it, the milestone that delivers it.
  await createAccount(repPage, "Northwind");
  await addRequirement(repPage, "Orders flow in from SAP", "Call note", "Call of 3 Mar");
  await addCommitment(repPage, "SAP connector live");
  await commitmentRowAt(repPage, 0).getByLabel("Meets requirement").selectOption({ label: "Orders flow in from SAP" });
  await addMilestone(repPage, "Connector build");
  await planCommitments(repPage, 0, ["SAP connector live"]);
  await openTab(repPage, "Contacts");
  await addContact(repPage, "Maria Schulz", "Decision maker", "maria@northwind.example", "+49 40 123456");

  // A callback agreed for five minutes from now: the rep's ten-minute lead time reminds them now.
  await openTab(repPage, "Promises & plan");
  const soon = wallClock(new Date(Date.now() + 5 * 60_000));
  const form = repPage.getByRole("form", { name: "Agree a callback" });
  if (!(await form.isVisible())) await repPage.getByRole("button", { name: "Agree a callback" }).click();
  await form.getByLabel("Reason for the callback").fill("Waiting for the CFO");
  await form.getByLabel("Callback date").fill(soon.date);
  await form.getByLabel("Callback time", { exact: true }).fill(soon.time);
  await form.getByRole("button", { name: "Save follow-up" }).click();
  await expect(reminders(repPage).getByRole("alert")).toContainText(/Coming up in \d minutes: Follow-up call — Northwind/);
  await repPage.getByRole("button", { name: "Dismiss reminder: Northwind" }).click();

  // Promised, then Ordered: the notice says when the most important call is.
  await repPage.getByRole("button", { name: "Move to Promised", exact: true }).click();
  await expect(repPage.getByRole("heading", { name: "Stage: Promised" })).toBeVisible();
  await moveAnywayTo(repPage, "Ordered", "Order by email");
  await expect(repPage.getByText(/Moved to Ordered\. The most important call is scheduled for .+ \(your time\)/)).toBeVisible();

  // The lead joins the account in the handoff meeting: nothing of the rep's reminds them.
  const code = await hostMeeting(repPage);
  await joinMeeting(leadPage, code);
  await expect(milestoneRowAt(leadPage, 0).getByLabel("Milestone title")).toHaveValue("Connector build");

  // Both sign off in the meeting: the account and its delivery work pass to the lead.
  for (const [page, role] of [[repPage, "rep"], [leadPage, "delivery lead"]] as const) {
    await openTab(page, "Handoff");
    await page.getByLabel("Customer who agreed").fill("Maria Schulz");
    await page.getByRole("button", { name: `Sign off as the ${role}` }).click();
  }
  await expect(leadPage.getByRole("status").filter({ hasText: "Both have signed off" })).toBeVisible();

  // The milestone falls due (yesterday's end date): the lead is reminded, the rep is not.
  await openTab(leadPage, "Promises & plan");
  await milestoneRowAt(leadPage, 0).getByLabel("End date").fill(dayOffset(-1));
  await milestoneRowAt(leadPage, 0).getByLabel("End date").blur();
  await expect(reminders(leadPage).getByRole("alert").filter({ hasText: "Milestone due: Northwind" })).toContainText("Connector build");
  await openTab(repPage, "Promises & plan");
  await expect(milestoneRowAt(repPage, 0).getByLabel("End date")).not.toHaveValue("", { timeout: 15_000 });
  await repPage.waitForTimeout(3_000);
  await expect(reminders(repPage).getByRole("alert").filter({ hasText: "Milestone due" })).toHaveCount(0);
  await expect(reminders(leadPage).getByRole("alert").filter({ hasText: "Follow-up call" })).toHaveCount(0);
  await leadPage.getByRole("button", { name: "Dismiss reminder: Northwind" }).click();
  // The count beside Today in the bar is the person's own: the lead's says the milestone is overdue, the rep's does not.
  await expect(leadPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Today, 1 overdue/ })).toBeVisible();
  await expect(repPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Today/ })).not.toHaveAccessibleName(/overdue/);

  // Today: the rep's own work by default; the lead's milestone only under "Everyone".
  await repPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today" }).click();
  const due = repPage.getByRole("list", { name: "Milestones and commitments due" });
  await expect(repPage.getByRole("list", { name: "Calls today" })).toContainText("Waiting for the CFO");
  await expect(due).toHaveCount(0);
  await repPage.getByText("Everyone", { exact: true }).click();
  await expect(due).toContainText("Milestone: Connector build");
  await expect(due).toContainText("Dana Lead");
  await repPage.getByText("Mine", { exact: true }).click();

  // The most important call from Today opens its own guide.
  await repPage.getByRole("list", { name: "Upcoming calls" }).getByRole("link", { name: /Open call guide: Northwind/ }).click();
  await expect(repPage.getByRole("heading", { name: "Most important call — Northwind", level: 1 })).toBeVisible();
  await expect(repPage.getByLabel("Who to call")).toContainText("Call Maria Schulz (decision maker) on +49 40 123456");
  const guide = repPage.getByRole("table", { name: "Call guide" });
  const row = guide.locator("tbody tr").first();
  await expect(row).toContainText("Orders flow in from SAP");
  await expect(row).toContainText("SAP connector live");
  await expect(row).toContainText("Connector build");
  await guide.getByRole("checkbox", { name: "Customer confirmed: SAP connector live" }).check();
  await expect(row).toContainText("on the most important call");
  await expect(repPage.getByText("1 of 1 confirmed")).toBeVisible();

  // That the rep was reminded is kept in the account (so her other laptop stays quiet), but it
  // is not news: the timeline lists it only when asked for by its kind.
  await openAccountByName(repPage, "Northwind");
  await openTab(repPage, "Timeline");
  const timeline = repPage.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByRole("listitem").filter({ hasText: "SAP connector live" }).first()).toBeVisible();
  expect((await timelineEntries(repPage)).filter((e) => e.includes("Was reminded"))).toEqual([]);
  await repPage.getByLabel("Filter by kind").selectOption("reminder");
  await expect(timeline.getByRole("listitem").first()).toContainText("Was reminded");
  // Each person's own reminders: the rep's callback, the lead's milestone.
  const shown = await timelineEntries(repPage);
  expect(shown.every((e) => e.includes("Was reminded"))).toBe(true);
  expect(["Ana Rep", "Dana Lead"].every((name) => shown.some((e) => e.includes(name)))).toBe(true);
});
