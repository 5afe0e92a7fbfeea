/**
 * A way back from the other side's edits: in a meeting, the guest removes every
 * commitment; the host opens the account as it was before (read-only), compares it with
 * now, restores the whole account as a new change, and the guest sees the restore.
 */
import { test, expect } from "@playwright/test";
import { addCommitment, commitmentRows, createAccount, expectCommitments, hostMeeting, joinMeeting, openBaton, setUpProfile } from "./support/app";
import { openTab, timelineEntries } from "./support/lifecycle";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(() => laptops.stopAll());
const instance = async (name: string) => (await laptops.start(name)).proc;
const shots = process.env.BATON_SHOTS;

test("a guest wipes the commitments; the host opens the account as it was before, restores it, and the guest sees the restore", async ({ browser }) => {
  const [host, guest] = await Promise.all([instance("host"), instance("guest")]);
  const hostPage = await openBaton(browser, host.url);
  const guestPage = await openBaton(browser, guest.url);
  await setUpProfile(hostPage, "Ana Rep", "Rep");
  await setUpProfile(guestPage, "Dana Lead", "Delivery lead");

  const promised = ["Line 2 running by the trade fair", "Train two admins", "Spare parts on site"];
  await createAccount(hostPage, "Fabrikam");
  for (const text of promised) await addCommitment(hostPage, text);
  const code = await hostMeeting(hostPage);
  await joinMeeting(guestPage, code);
  await expectCommitments(guestPage, promised);

  // The guest removes every commitment.
  while ((await commitmentRows(guestPage).count()) > 0) {
    await commitmentRows(guestPage).first().getByRole("button", { name: "Remove commitment" }).click();
  }
  await expectCommitments(hostPage, []);

  // The host finds the guest's first removal on the timeline and opens the account as it was before it.
  await openTab(hostPage, "Timeline");
  const removals = hostPage.getByRole("list", { name: "Timeline" }).getByRole("listitem").filter({ hasText: "Dana Lead" }).filter({ hasText: "Removed the commitment" });
  await expect(removals).toHaveCount(3);
  await removals.last().getByRole("button", { name: /^History actions for:/ }).click();
  await hostPage.getByRole("menuitem", { name: "Open the account as it was before this" }).click();
  const banner = hostPage.getByRole("region", { name: /^The account as it was before Dana Lead's change/ });
  await expect(banner).toBeVisible();
  // The timeline as it was: nothing of the guest's yet.
  await expect.poll(async () => (await timelineEntries(hostPage)).some((e) => e.includes("Dana Lead"))).toBe(false);
  if (shots) await hostPage.screenshot({ path: `${shots}/history-timeline.png`, fullPage: true });

  // The whole account as it was, read-only: the three commitments, nothing editable.
  await openTab(hostPage, "Promises & plan");
  await expectCommitments(hostPage, promised);
  await expect(hostPage.getByLabel("New commitment")).toBeDisabled();
  if (shots) await hostPage.screenshot({ path: `${shots}/history-past.png`, fullPage: true });

  // Compare with now: three commitments removed since.
  await banner.getByRole("button", { name: "Compare with now" }).click();
  const compare = hostPage.getByRole("dialog", { name: "Compare two points" });
  await expect(compare.getByText("3 differences")).toBeVisible();
  await expect(compare.getByRole("list", { name: "Commitments" }).getByRole("listitem")).toHaveCount(3);
  await expect(compare.getByRole("button", { name: "Restore “Train two admins” as it was" })).toBeVisible();
  if (shots) await compare.screenshot({ path: `${shots}/history-compare.png` });
  await hostPage.keyboard.press("Escape");
  await expect(compare).toBeHidden();

  // Restore the whole account: one new change, under the host's name.
  await banner.getByRole("button", { name: "Restore the whole account to this point…" }).click();
  const confirm = hostPage.getByRole("dialog", { name: "Restore the whole account?" });
  await expect(confirm).toContainText("everyone who shares the account receives");
  await confirm.getByRole("button", { name: "Restore the whole account" }).click();
  await expect(banner).toBeHidden();
  await expectCommitments(hostPage, promised);
  await expect(hostPage.getByLabel("New commitment")).toBeEnabled();

  // The guest sees the restore, attributed to the host, and the removals stay in the history.
  await expectCommitments(guestPage, promised);
  await openTab(guestPage, "Timeline");
  await expect.poll(async () => (await timelineEntries(guestPage)).some((e) => /Ana Rep · .* · Restored the whole account to how it was before Dana Lead's change/.test(e))).toBe(true);
  expect((await timelineEntries(guestPage)).filter((e) => e.split(" · ")[1] === "Dana Lead" && e.includes("Removed the commitment"))).toHaveLength(3);
});
