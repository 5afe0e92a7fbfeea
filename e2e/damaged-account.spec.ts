/**
 * A peer allowed to edit sends content that makes no sense: a stock automerge-repo client
 * joins the rep's meeting with the join code and writes a null commitment, a number as a
 * commitment's wording and a number where a milestone's list of commitments belongs. The
 * rep's node keeps running, the window shows each damaged item where it lives with who
 * sent it and when, one click puts each right, both sides converge on the repaired
 * account, and the node starts clean after a restart.
 */
import { test, expect, type Page } from "@playwright/test";
import * as A from "@automerge/automerge";
import { Repo, type DocHandle, type DocumentId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import { addCommitment, addMilestone, createAccount, expectCommitments, hostMeeting, milestoneTitles, openAccountByName, openBaton, setUpProfile } from "./support/app";
import { Instances } from "./support/instances";
import { parseMeetingCode } from "../shared/meeting-code";

type Raw = Record<string, Record<string, Record<string, unknown>>>;

const laptops = new Instances();
let stranger: Repo | null = null;
test.afterEach(async () => {
  await stranger?.shutdown();
  stranger = null;
  await laptops.stopAll();
});

/** The damaged items and parts shown on the page (not the summary at the top). */
function damaged(page: Page) {
  return page.getByRole("alert").filter({ hasText: /^(A damaged|The account's)/ });
}

test("a peer's nonsense is shown where it lives, with who and when, and one click repairs it on both sides", async ({ browser }) => {
  const rep = await laptops.start("rep");
  const page = await openBaton(browser, rep.proc.url);
  await setUpProfile(page, "Riley Rep", "Rep");
  const documentId = await createAccount(page, "Acme");
  await addCommitment(page, "Train two admins");
  await addCommitment(page, "Install by March");
  await addMilestone(page, "Training");
  const code = parseMeetingCode(await hostMeeting(page));
  expect(code).not.toBeNull();

  // A stock automerge-repo client with the meeting's code: it writes no Baton change messages.
  stranger = new Repo({ network: [new WebSocketClientAdapter(`ws://${code!.host}:${code!.port}/?token=${code!.secret}&name=Mallory`)] });
  const theirs: DocHandle<Raw> = await stranger.find<Raw>(documentId as DocumentId, { signal: AbortSignal.timeout(15_000) });
  const doc = theirs.doc();
  const train = Object.keys(doc.commitments!).find((id) => String(doc.commitments![id]!.text) === "Train two admins")!;
  const training = Object.keys(doc.milestones!)[0]!;
  theirs.change((d) => {
    d.commitments!.junk = null as never;
    d.commitments![train]!.text = 42;
    d.milestones![training]!.commitmentIds = 5;
  });

  // The window stays whole: the damaged items are left out and shown with what, who and when.
  await expectCommitments(page, ["Install by March"]);
  await expect(damaged(page)).toHaveCount(3);
  const wording = damaged(page).filter({ hasText: "Its wording should be text; it is a number (“42”)" });
  await expect(wording).toContainText("A damaged commitment: “Train two admins”");
  await expect(wording).toContainText(/Sent from a device Baton does not know \([0-9a-f]{8}\) on .+; the change does not say who made it\./);
  await expect(damaged(page).filter({ hasText: "A damaged milestone" })).toContainText("Its commitment links should be a list; it is a number (“5”)");
  await expect(page.getByRole("tab", { name: /Promises & plan.*3 damaged/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("damaged.png"), fullPage: true });

  // One click each: the wording and the milestone come back as they were, the null commitment goes.
  await wording.getByRole("button", { name: "Restore the last good value" }).click();
  await damaged(page).filter({ hasText: "A damaged milestone" }).getByRole("button", { name: "Restore the last good value" }).click();
  await damaged(page).getByRole("button", { name: "Remove the damaged item" }).click();
  await expect(damaged(page)).toHaveCount(0);
  await expectCommitments(page, ["Train two admins", "Install by March"]);
  await expect.poll(() => milestoneTitles(page)).toEqual(["Training"]);

  // The repair is an ordinary change: the other side converges on it.
  await expect
    .poll(() => {
      const now = theirs.doc();
      return [String(now.commitments![train]?.text), "junk" in now.commitments!, Array.isArray(now.milestones![training]!.commitmentIds)];
    })
    .toEqual(["Train two admins", false, true]);
  await expect.poll(() => A.getHeads(theirs.doc()).length).toBeGreaterThan(0);

  // The rep's node never stopped, and after a restart it starts clean.
  await expect(page.getByRole("status", { name: "Sync status" })).toContainText("All changes saved");
  await rep.proc.stop();
  laptops.forget(rep.proc);
  expect(rep.proc.output()).not.toMatch(/TypeError|Uncaught|could not summarise/);
  const again = await laptops.start("rep", rep.data, rep.port);
  await page.goto(again.proc.url);
  await openAccountByName(page, "Acme");
  await expectCommitments(page, ["Train two admins", "Install by March"]);
  await expect(damaged(page)).toHaveCount(0);
});

test("a part replaced wholesale and a name that is not text leave the rest of the account working, and are repaired", async ({ browser }) => {
  const rep = await laptops.start("rep");
  const page = await openBaton(browser, rep.proc.url);
  await setUpProfile(page, "Riley Rep", "Rep");
  const documentId = await createAccount(page, "Acme");
  await addCommitment(page, "Train two admins");
  const code = parseMeetingCode(await hostMeeting(page))!;
  stranger = new Repo({ network: [new WebSocketClientAdapter(`ws://${code.host}:${code.port}/?token=${code.secret}&name=Mallory`)] });
  const theirs = await stranger.find<Record<string, unknown>>(documentId as DocumentId, { signal: AbortSignal.timeout(15_000) });
  theirs.change((d) => {
    d.name = { evil: true };
    d.commitments = "gone";
  });

  await expect(page.getByRole("alert").filter({ hasText: "The account's name is damaged" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "The account's commitments were replaced" })).toContainText("should be a collection of items; it is text (“gone”)");
  // The rest still works: a milestone can be added while the commitments are damaged.
  await addMilestone(page, "Kick-off");
  await expect.poll(() => milestoneTitles(page)).toEqual(["Kick-off"]);

  for (const title of ["The account's name is damaged", "The account's commitments were replaced"]) {
    await page.getByRole("alert").filter({ hasText: title }).getByRole("button", { name: "Restore the last good value" }).click();
  }
  await expect(damaged(page)).toHaveCount(0);
  await expectCommitments(page, ["Train two admins"]);
  await expect(page.getByLabel("Account name")).toHaveValue("Acme");
});
