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
  // From the keyboard: Enter opens the entry's menu, the arrow keys reach its items, and Escape gives the focus back.
  const actions = removals.last().getByRole("button", { name: /^History actions for:/ });
  await actions.focus();
  await hostPage.keyboard.press("Enter");
  await expect(hostPage.getByRole("menu")).toBeVisible();
  await hostPage.keyboard.press("ArrowDown");
  await expect(hostPage.getByRole("menuitem", { name: "Open the account as it was before this" })).toBeFocused();
  await hostPage.keyboard.press("Escape");
  await expect(hostPage.getByRole("menu")).toHaveCount(0);
  await expect(actions).toBeFocused();
  await actions.click();
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
  // One item first: it comes back, and the comparison with now shrinks by one.
  await compare.getByRole("button", { name: "Restore “Train two admins” as it was" }).click();
  await expect(compare.getByText("2 differences")).toBeVisible();
  await expectCommitments(guestPage, ["Train two admins"]);
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

  // "Undo this change" works on anyone's entry: the guest undoes the host's restore, as a change of their own.
  const restore = guestPage.getByRole("list", { name: "Timeline" }).getByRole("listitem").filter({ hasText: "Restored the whole account" });
  await restore.getByRole("button", { name: /^History actions for:/ }).click();
  await guestPage.getByRole("menuitem", { name: "Undo this change…" }).click();
  const undo = guestPage.getByRole("dialog", { name: "Undo this change?" });
  await expect(undo).toContainText("Ana Rep's change “Restored the whole account");
  await undo.getByRole("button", { name: "Undo the change" }).click();
  // It takes back only what the restore did: the item restored before it stays.
  await openTab(hostPage, "Promises & plan");
  await expectCommitments(hostPage, ["Train two admins"]);
  await openTab(hostPage, "Timeline");
  await expect.poll(async () => (await timelineEntries(hostPage))[0]).toMatch(/Dana Lead · .* · Undid Ana Rep's change “Restored the whole account/);
});

test("archive hides an account on this laptop; erase starts it afresh without history; delete removes it", async ({ browser }) => {
  const laptop = await instance("solo");
  const page = await openBaton(browser, laptop.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  await createAccount(page, "Contoso");
  await addCommitment(page, "Pilot in March");
  await createAccount(page, "Northwind");

  // Archive asks first, then the account is gone from the list until "Show archived".
  await page.getByRole("button", { name: "Manage: archive, delete or erase this account" }).click();
  await page.getByRole("menuitem", { name: "Archive…" }).click();
  const archive = page.getByRole("dialog", { name: "Archive “Northwind”?" });
  await expect(archive).toContainText("Nothing changes in the account itself");
  await archive.getByRole("button", { name: "Archive" }).click();
  const list = page.getByRole("grid", { name: "Accounts" });
  await expect(list.getByRole("link")).toHaveText(["Contoso"]);
  await page.getByRole("button", { name: "Show archived (1)" }).click();
  await expect(list.getByRole("link")).toHaveText(["Contoso", "Northwind"]);
  if (shots) await page.screenshot({ path: `${shots}/accounts-archived.png` });

  // Erase: a fresh account with the same content and a one-entry timeline.
  await list.getByRole("link", { name: "Contoso" }).click();
  await expectCommitments(page, ["Pilot in March"]);
  const before = new URL(page.url()).hash;
  await page.getByRole("button", { name: "Manage: archive, delete or erase this account" }).click();
  await page.getByRole("menuitem", { name: "Erase its history…" }).click();
  const erase = page.getByRole("dialog", { name: "Erase the history of “Contoso”?" });
  await expect(erase).toContainText("What it cannot reach");
  if (shots) await page.screenshot({ path: `${shots}/erase-confirm.png` });
  await erase.getByRole("button", { name: "Erase the history" }).click();
  await expect.poll(() => new URL(page.url()).hash).not.toBe(before);
  await expectCommitments(page, ["Pilot in March"]);
  await openTab(page, "Timeline");
  await expect.poll(async () => (await timelineEntries(page)).length).toBe(1);
  expect((await timelineEntries(page))[0]).toContain("Started this account afresh, without its history");

  // Delete from this laptop: asks, says what stays elsewhere, then it is gone.
  await page.getByRole("button", { name: "Manage: archive, delete or erase this account" }).click();
  await page.getByRole("menuitem", { name: "Delete from this laptop…" }).click();
  const del = page.getByRole("dialog", { name: "Delete “Contoso” from this laptop?" });
  await expect(del).toContainText("everyone else who shares it keeps their copy");
  await del.getByRole("button", { name: "Delete from this laptop" }).click();
  await expect(page.getByRole("heading", { name: "Accounts", level: 1 })).toBeVisible();
  await expect(page.getByText("Every account on this device is archived.")).toBeVisible();
  await page.getByRole("button", { name: "Show archived (1)" }).click();
  await expect(list.getByRole("link")).toHaveText(["Northwind"]);
});
