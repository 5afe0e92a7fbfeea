/**
 * Every change is on the timeline, even one made without Baton: a stock automerge-repo
 * client with the meeting's join code deletes every commitment and renames the account,
 * leaving no Baton change message. The host's timeline shows what it did, attributed to
 * the device it came from.
 */
import { test, expect } from "@playwright/test";
import * as A from "@automerge/automerge";
import { Repo, type DocumentId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import type { AccountDoc } from "../shared/account/schema";
import { parseMeetingCode } from "../shared/meeting-code";
import { addCommitment, commitmentRows, createAccount, hostMeeting, openBaton, setUpProfile } from "./support/app";
import { openTab } from "./support/lifecycle";
import { Instances } from "./support/instances";

const laptops = new Instances();
let stock: Repo | null = null;
test.afterEach(async () => {
  await stock?.shutdown();
  stock = null;
  await laptops.stopAll();
});

test("a stock client's edits with the meeting code show on the host's timeline, by device, with what they changed", async ({ browser }) => {
  const { proc } = await laptops.start("host");
  const page = await openBaton(browser, proc.url);
  await setUpProfile(page, "Ana Rep", "Rep");
  const documentId = await createAccount(page, "Fabrikam");
  for (const text of ["Train two admins", "Ship the spare parts", "Weekly status call"]) await addCommitment(page, text);
  const code = parseMeetingCode(await hostMeeting(page));
  expect(code).not.toBeNull();

  // The guest: stock automerge-repo, no Baton, no change message.
  stock = new Repo({ network: [new WebSocketClientAdapter(`ws://${code!.host}:${code!.port}/?token=${code!.secret}`, 200)] });
  const handle = await stock.find<AccountDoc>(documentId as DocumentId, { signal: AbortSignal.timeout(15_000) });
  await expect.poll(() => Object.keys(handle.doc().commitments).length).toBe(3);
  handle.change((d) => {
    for (const id of Object.keys(d.commitments)) delete d.commitments[id];
    A.updateText(d, ["name"], "Evil Corp");
  });
  const device = `Unknown device ${A.getActorId(handle.doc()).slice(0, 6)}`;
  await expect(commitmentRows(page)).toHaveCount(0);

  await openTab(page, "Timeline");
  const timeline = page.getByRole("list", { name: "Timeline" });
  const entry = timeline.getByRole("listitem").filter({ hasText: "Removed 3 commitments" });
  await expect(entry).toContainText("Removed 3 commitments; changed the account name");
  await expect(entry).toContainText(device);
  await expect(entry).toContainText("Commitments");
  // Newest first: the guest's change is on top, above Ana's own entries.
  await expect(timeline.getByRole("listitem").first()).toContainText(device);
  await expect(timeline.getByRole("listitem").filter({ hasText: "Ana Rep" })).toHaveCount(4);

  // The filters find it by kind and by the device.
  await page.getByLabel("Filter by kind").selectOption("commitment");
  await expect(entry).toBeVisible();
  await page.getByLabel("Filter by kind").selectOption("");
  await page.getByLabel("Filter by person").selectOption({ label: device });
  await expect(timeline.getByRole("listitem")).toHaveCount(1);
  await expect(timeline.getByRole("listitem")).toContainText("Removed 3 commitments");
});
