/**
 * Two laptops, simulated by two browser-mode instances with their own data folders: a rep
 * and a delivery lead share an account in a meeting (directly) or through the team sync
 * server, edit at the same time and apart, restart, and always converge.
 */
import { test, expect } from "@playwright/test";
import {
  addCommitment,
  addMilestone,
  commitmentRows,
  createAccount,
  expectCommitments,
  hostMeeting,
  joinMeeting,
  milestoneTitles,
  openAccountByName,
  openBaton,
  setUpProfile,
  syncStatus,
} from "./support/app";
import { freePort, startSyncServer, tempDataDir } from "./support/processes";
import { Instances } from "./support/instances";

const laptops = new Instances();
test.afterEach(() => laptops.stopAll());
const instance = (name: string, dir?: string, port?: number) => laptops.start(name, dir, port);

test("a rep shares an account in a meeting; both edit live, apart and after a restart, and converge", async ({ browser }) => {
  const rep = await instance("rep");
  const lead = await instance("lead");
  const repPage = await openBaton(browser, rep.proc.url);
  const leadPage = await openBaton(browser, lead.proc.url);
  await setUpProfile(repPage, "Ana Rep", "Rep");
  await setUpProfile(leadPage, "Dana Lead", "Delivery lead");

  // 1. The rep creates the account with commitments and milestones and hosts a meeting; the lead joins and sees them.
  await createAccount(repPage, "Northwind Traders");
  await addCommitment(repPage, "Installed at all three sites by 3 March");
  await addCommitment(repPage, "Training for 12 staff");
  await addMilestone(repPage, "Kick-off");
  await addMilestone(repPage, "Site survey");
  const code = await hostMeeting(repPage);
  await joinMeeting(leadPage, code);
  await expectCommitments(leadPage, ["Installed at all three sites by 3 March", "Training for 12 staff"], true);
  await expect.poll(() => milestoneTitles(leadPage)).toEqual(["Kick-off", "Site survey"]);
  await expect(syncStatus(leadPage)).toContainText("In meeting with Ana Rep");
  await expect(repPage.getByRole("list", { name: "Guests" })).toContainText("Dana Lead");

  // 2. Both add and edit at the same time; both screens converge to the same list.
  await Promise.all([addCommitment(repPage, "Monthly usage report"), addCommitment(leadPage, "Named support contact")]);
  await Promise.all([
    commitmentRows(repPage).nth(1).getByLabel("Commitment text").fill("Training for 12 staff, on site"),
    commitmentRows(leadPage).first().getByLabel("Commitment text").fill("Installed at all three sites by 10 March"),
  ]);
  const together = ["Installed at all three sites by 10 March", "Training for 12 staff, on site", "Monthly usage report", "Named support contact"];
  await expectCommitments(repPage, together);
  await expectCommitments(leadPage, together);
  const repOrder = await repPage.getByRole("list", { name: "Commitments" }).getByLabel("Commitment text").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  await expectCommitments(leadPage, repOrder, true);

  // 3. Apart: the lead leaves the meeting; both edit; the lead's instance stops and restarts; the lead rejoins.
  await leadPage.getByRole("button", { name: "Leave meeting" }).click();
  await addCommitment(repPage, "Rep's edit while apart");
  await addCommitment(leadPage, "Lead's edit while apart");
  await expect(syncStatus(leadPage)).toContainText("All changes saved");
  await lead.proc.stop();
  laptops.forget(lead.proc);
  const leadAgain = await instance("lead", lead.data, lead.port);
  await leadPage.goto(leadAgain.proc.url);
  // 4. The restarted instance kept its data, including the edit made while apart.
  await openAccountByName(leadPage, "Northwind Traders");
  await expectCommitments(leadPage, [...together, "Lead's edit while apart"]);
  await joinMeeting(leadPage, code);
  const everything = [...together, "Rep's edit while apart", "Lead's edit while apart"];
  await expectCommitments(leadPage, everything);
  await expectCommitments(repPage, everything);
});

test("a restarted instance keeps everything it showed as saved, even when killed", async ({ browser }) => {
  const rep = await instance("rep");
  const page = await openBaton(browser, rep.proc.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  await createAccount(page, "Globex");
  await addCommitment(page, "Pilot in May");
  await addMilestone(page, "Pilot kick-off");
  await expect(syncStatus(page)).toContainText("All changes saved");
  await rep.proc.kill();
  laptops.forget(rep.proc);
  const again = await instance("rep", rep.data, rep.port);
  await page.goto(again.proc.url);
  await openAccountByName(page, "Globex");
  await expectCommitments(page, ["Pilot in May"]);
  await expect.poll(() => milestoneTitles(page)).toEqual(["Pilot kick-off"]);
});

test("the same account syncs through the team sync server", async ({ browser }) => {
  const serverDir = await tempDataDir("server");
  const server = await startSyncServer(serverDir, await freePort(), "team-secret-token");
  laptops.track(server, serverDir);
  const rep = await instance("rep");
  const lead = await instance("lead");
  const repPage = await openBaton(browser, rep.proc.url);
  const leadPage = await openBaton(browser, lead.proc.url);
  await setUpProfile(repPage, "Ana Rep", "Rep");
  await setUpProfile(leadPage, "Dana Lead", "Delivery lead");

  for (const page of [repPage, leadPage]) {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Sync server URL").fill(server.url);
    await page.getByLabel("Sync server token").fill("wrong-token");
    await page.getByRole("button", { name: "Save server" }).click();
    await expect(page.getByText("The sync server refused this token.")).toBeVisible();
    await page.getByLabel("Sync server token").fill("team-secret-token");
    await page.getByRole("button", { name: "Save server" }).click();
    await expect(syncStatus(page)).toContainText("Team server");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  }

  await createAccount(repPage, "Initech");
  await addCommitment(repPage, "Data migration by June");
  await addMilestone(repPage, "Migration dry run");
  await repPage.getByRole("button", { name: "Share account" }).click();
  const link = await repPage.getByLabel("Account link").inputValue();

  await leadPage.getByRole("button", { name: "Open a shared account" }).click();
  await leadPage.getByLabel("Account link").fill("not a link");
  await leadPage.getByRole("button", { name: "Open account" }).click();
  await expect(leadPage.getByText("That is not an account link.")).toBeVisible();
  await leadPage.getByLabel("Account link").fill(link);
  await leadPage.getByRole("button", { name: "Open account" }).click();
  await expectCommitments(leadPage, ["Data migration by June"]);
  await expect.poll(() => milestoneTitles(leadPage)).toEqual(["Migration dry run"]);

  await Promise.all([addCommitment(repPage, "Weekly status call"), addCommitment(leadPage, "Cut-over weekend plan")]);
  const all = ["Data migration by June", "Weekly status call", "Cut-over weekend plan"];
  await expectCommitments(repPage, all);
  await expectCommitments(leadPage, all);
  await expect(syncStatus(repPage)).toContainText("synced");
});
