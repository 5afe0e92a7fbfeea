/**
 * A rep takes an account from promised to paid through the UI: requirements, commitments
 * linked to them and to milestones, the order, the credit check, the most important call
 * (its guide shows requirement → commitment → milestone rows), the handoff sign-off
 * skipped with a reason (issue 5 builds the sign-off), delivery, the invoice and the
 * payment. The UI says "won" only once the payment is recorded.
 */
import { test, expect } from "@playwright/test";
import { addCommitment, addMilestone, createAccount, openBaton, setUpProfile } from "./support/app";
import {
  addContact,
  addRequirement,
  commitmentRowAt,
  dealStatus,
  milestoneRowAt,
  moveAnywayTo,
  moveTo,
  openTab,
  planCommitments,
  stageHeading,
  timelineEntries,
} from "./support/lifecycle";
import { freePort, removeDataDir, startWeb, tempDataDir, type RunningProcess } from "./support/processes";

let proc: RunningProcess | null = null;
let dir = "";
test.afterEach(async () => {
  await proc?.stop();
  await removeDataDir(dir);
});

const NOT_WON = "Not won yet: a promise of an order is not an order.";

/** A date `days` from today (YYYY-MM-DD): plan dates stay in the future whenever the suite runs. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a rep takes an account from promised to paid; the call guide walks requirement → commitment → milestone; won only when paid", async ({ browser }) => {
  dir = await tempDataDir("lifecycle");
  proc = await startWeb(dir, await freePort());
  const page = await openBaton(browser, proc.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  await createAccount(page, "Contoso Pharma");
  await expect(dealStatus(page)).toHaveText(NOT_WON);

  // What the customer needs, what we promised for it, and the plan that delivers it.
  await addRequirement(page, "Order import from SAP", "Call note", "Call of 3 Mar");
  await addRequirement(page, "Twelve staff trained", "Proposal", "Proposal v3 §4");
  await addCommitment(page, "SAP connector live");
  await addCommitment(page, "Two on-site training days");
  await commitmentRowAt(page, 0).getByLabel("Meets requirement").selectOption({ label: "Order import from SAP" });
  await commitmentRowAt(page, 1).getByLabel("Meets requirement").selectOption({ label: "Twelve staff trained" });
  await commitmentRowAt(page, 0).getByLabel("Due date").fill(inDays(35));
  await addMilestone(page, "Connector build");
  await addMilestone(page, "Training week");
  await milestoneRowAt(page, 0).getByLabel("Start date").fill(inDays(10));
  await milestoneRowAt(page, 0).getByLabel("End date").fill(inDays(30));
  await milestoneRowAt(page, 1).getByLabel("Start date").fill(inDays(40));
  await milestoneRowAt(page, 1).getByLabel("End date").fill(inDays(45));
  await planCommitments(page, 0, ["SAP connector live"]);
  await planCommitments(page, 1, ["Two on-site training days"]);
  await expect(page.getByRole("list", { name: "Gaps" })).toBeHidden();

  // Promised: the decision maker is known and the requirements are recorded.
  await openTab(page, "Contacts");
  await addContact(page, "Maria Schulz", "Decision maker", "maria@contoso.example", "+49 40 123456");
  await moveTo(page, "Promised");

  // Ordered: the order reference and a passed credit check.
  await openTab(page, "Order & payment");
  await page.getByLabel("Order reference").fill("PO-4711");
  await page.getByLabel("Order value").fill("48000");
  await page.getByLabel("Currency").fill("eur");
  await page.getByLabel("Proposal reference").fill("Proposal v3");
  await page.getByLabel("Quote reference").fill("Q-0098");
  await page.getByLabel("Credit check").selectOption("passed");
  await expect(page.getByRole("list", { name: "Checklist for the next stage" })).toContainText("Done: Credit check passed");
  await moveTo(page, "Ordered");
  await expect(dealStatus(page)).toHaveText(NOT_WON);

  // The most important call: its guide, the customer's confirmations, the outcome.
  await openTab(page, "Most important call");
  const guide = page.getByRole("table", { name: "Call guide" });
  // The proposal and quote the order rests on, at hand for the call.
  const references = page.getByRole("region", { name: "Most important call" }).getByRole("definition");
  await expect(references).toHaveText(["PO-4711", "not recorded (Order & payment)", "Proposal v3", "Q-0098"]);
  const rows = guide.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Order import from SAP");
  await expect(rows.nth(0)).toContainText("Call note: Call of 3 Mar");
  await expect(rows.nth(0)).toContainText("SAP connector live");
  await expect(rows.nth(0)).toContainText("Connector build");
  const shown = (iso: string) => page.evaluate((d) => new Date(`${d}T00:00:00`).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" }), iso);
  await expect(rows.nth(0)).toContainText(`${await shown(inDays(10))} – ${await shown(inDays(30))}`);
  await expect(rows.nth(1)).toContainText("Twelve staff trained");
  await expect(rows.nth(1)).toContainText("Two on-site training days");
  await expect(rows.nth(1)).toContainText("Training week");
  await expect(rows.nth(1)).toContainText(`${await shown(inDays(40))} – ${await shown(inDays(45))}`);
  await guide.getByRole("checkbox", { name: "Customer confirmed: SAP connector live" }).check();
  await guide.getByRole("checkbox", { name: "Customer confirmed: Two on-site training days" }).check();
  await expect(page.getByText("2 of 2 confirmed")).toBeVisible();
  const log = page.getByRole("form", { name: "Log the call" });
  await log.getByRole("radio", { name: "Reached the customer" }).check();
  await log.getByLabel("What was said").fill("Walked through both commitments; Maria confirmed the dates");
  await log.getByRole("button", { name: "Log the call" }).click();
  await expect(log.getByLabel("What was said")).toHaveValue("");

  // Handed off: supply confirms the date; the sign-off (issue 5) is skipped with a reason.
  await page.getByLabel("Delivery date confirmed by supply").fill(inDays(28));
  // Leave the field: its calendar closes (it can open over the stage buttons).
  await page.getByLabel("Delivery date confirmed by supply").press("Tab");
  await moveAnywayTo(page, "Handed off", "Handoff sign-off not in Baton yet; agreed in the kick-off meeting");
  await expect(page.getByText(/with the handoff sign-off still open — reason/)).toBeVisible();

  // Delivering, then delivered.
  await openTab(page, "Promises & plan");
  await milestoneRowAt(page, 0).getByLabel("Milestone status").selectOption("in-progress");
  await moveTo(page, "Delivering");
  for (const i of [0, 1]) {
    await milestoneRowAt(page, i).getByLabel("Milestone status").selectOption("done");
    await commitmentRowAt(page, i).getByLabel("Commitment status").selectOption("delivered");
  }
  await moveTo(page, "Delivered");

  // Invoiced is not paid: even moved to Paid with a reason, the deal is not won.
  await openTab(page, "Order & payment");
  await page.getByLabel("Invoice reference").fill("INV-5521");
  await page.getByLabel("Invoice date").fill(inDays(-1));
  await page.getByLabel("Payment due date").fill(inDays(29));
  await moveAnywayTo(page, "Paid", "Customer says the transfer went out today");
  await expect(dealStatus(page)).toHaveText(NOT_WON);
  await page.getByLabel("Paid on").fill(inDays(0));
  await expect(dealStatus(page)).toHaveText(/^Won — paid on /);
  await expect(stageHeading(page)).toHaveText("Stage: Paid");

  // The timeline holds the call, the skip reasons and every move, attributed.
  await openTab(page, "Timeline");
  const entries = await timelineEntries(page);
  expect(entries.some((e) => e.includes("Most important call: reached the customer — Walked through both commitments"))).toBe(true);
  expect(entries.some((e) => e.includes("Moved the account from Ordered to Handed off — reason: Handoff sign-off not in Baton yet"))).toBe(true);
  expect(entries.some((e) => e.includes("Moved the account from Delivered to Paid — reason: Customer says the transfer went out today"))).toBe(true);
  expect(entries.every((e) => e.includes("Ana Rep"))).toBe(true);
  await page.getByLabel("Filter by kind").selectOption({ label: "Stage (6)" });
  await expect(page.getByRole("list", { name: "Timeline" }).getByRole("listitem")).toHaveCount(6);
});
