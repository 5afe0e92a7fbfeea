import { afterEach, describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DocumentId } from "@automerge/automerge-repo";
import type { AccountDoc, AccountSummary, RemindersState } from "../../../shared";
import { prepareChange, reminderKey, SUMMARY_VERSION } from "../../../shared";
import { ReminderLog } from "./reminder-log";
import { api, eventually, removeDir, startTestNode, tempDir } from "../test-helpers";
import type { SyncNode } from "../sync-node";

const dirs: string[] = [];
const nodes: SyncNode[] = [];
afterEach(async () => {
  while (nodes.length) await nodes.pop()!.stop().catch(() => undefined);
  while (dirs.length) await removeDir(dirs.pop()!);
});
async function dir(): Promise<string> {
  const d = await tempDir("baton-reminders-");
  dirs.push(d);
  return d;
}

/** A call agreed an hour ago, on the hour. */
const AGREED = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString();
const KEY = `2ABCDEFGHJKLMNPQRSTUVWXYZabc/f1@${AGREED}`;
const MOVED = KEY.replace(AGREED, new Date(Date.parse(AGREED) + 1_800_000).toISOString());

describe("the reminder log", () => {
  it("lets a reminder fire once per person, across restarts", async () => {
    const d = await dir();
    const log = new ReminderLog(d);
    await log.load();
    expect(await log.claim("p-rep", KEY)).toBe(true);
    expect(await log.claim("p-rep", KEY)).toBe(false);
    // Another person on this device (a shared laptop) is reminded too.
    expect(await log.claim("p-lead", KEY)).toBe(true);
    // The same call moved to a new time is a new reminder.
    expect(await log.claim("p-rep", MOVED)).toBe(true);

    const again = new ReminderLog(d);
    await again.load();
    expect(again.fired("p-rep").sort()).toEqual([KEY, MOVED]);
    expect(await again.claim("p-rep", KEY)).toBe(false);
  });

  it("answers two claims at the same moment with one first", async () => {
    const log = new ReminderLog(await dir());
    await log.load();
    const answers = await Promise.all([log.claim("p", KEY), log.claim("p", KEY), log.claim("p", KEY)]);
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it("forgets reminders weeks after their agreed time, and keeps an unreadable file aside", async () => {
    const d = await dir();
    const log = new ReminderLog(d);
    await log.load();
    const march = "2ABCDEFGHJKLMNPQRSTUVWXYZabc/f1@2026-03-02T09:00:00.000Z";
    const may = march.replace("2026-03-02", "2026-05-02");
    expect(await log.claim("p", march, new Date("2026-03-02T09:00:00.000Z"))).toBe(true);
    expect(await log.claim("p", may, new Date("2026-05-02T09:00:00.000Z"))).toBe(true);
    expect(log.fired("p")).toEqual([may]);
    // Too old to remind at all.
    expect(await log.claim("q", march, new Date("2026-05-02T09:00:00.000Z"))).toBe(false);

    await writeFile(join(d, "reminders.json"), "{ not json");
    const damaged = new ReminderLog(d);
    await damaged.load();
    expect(damaged.problem).toMatch(/unreadable/);
    expect(damaged.fired("p")).toEqual([]);
  });
});

describe("the reminder API and Today's summaries on the sync node", () => {
  it("claims reminders for the local person, keeps the voicemail number, and refuses bad input", async () => {
    const node = await startTestNode(await dir());
    nodes.push(node);
    const e = node.endpoint();
    expect((await api(e, "GET", "/api/reminders")).status).toBe(409); // no profile yet
    await api(e, "PUT", "/api/profile", { name: "Riley", role: "rep" });
    expect((await api<RemindersState>(e, "GET", "/api/reminders")).body).toEqual({ fired: [], callbackNumber: "" });
    expect((await api(e, "POST", "/api/reminders/claim", { key: KEY })).body).toEqual({ first: true });
    expect((await api(e, "POST", "/api/reminders/claim", { key: KEY })).body).toEqual({ first: false });
    expect((await api<RemindersState>(e, "GET", "/api/reminders")).body.fired).toEqual([KEY]);
    expect((await api(e, "POST", "/api/reminders/claim", { key: "../../etc/passwd" })).status).toBe(400);
    expect((await api(e, "PUT", "/api/reminders/callback-number", { callbackNumber: "call me maybe" })).body).toMatchObject({ fields: { callbackNumber: expect.stringMatching(/not a phone number/) } });
    expect((await api<RemindersState>(e, "PUT", "/api/reminders/callback-number", { callbackNumber: " +49 30 1234567 " })).body).toEqual({ fired: [KEY], callbackNumber: "+49 30 1234567" });
  });

  it("keeps open calls in the summary, and re-summarises accounts whose summary predates Today", async () => {
    const d = await dir();
    let node = await startTestNode(d);
    nodes.push(node);
    await api(node.endpoint(), "PUT", "/api/profile", { name: "Riley", role: "rep" });
    const { body } = await api<{ documentId: string }>(node.endpoint(), "POST", "/api/accounts", { name: "Acme" });
    const handle = await node.repo.find<AccountDoc>(body.documentId as DocumentId);
    const by = { id: "p", name: "Riley" };
    const change = prepareChange(by, "recordFollowUp", { id: "f1", agreedTime: "2027-01-04T09:00:00.000Z", timeZone: "Europe/Berlin", reason: "Price", by, at: new Date().toISOString() });
    handle.change(change.run, { message: change.message });
    const summary = await eventually(() => node.handlers.accounts().find((a) => a.calls?.length), 5000, "the call in the summary");
    // Made by someone who does not share the account: it falls to the account's owner, Riley.
    expect(summary.calls).toEqual([{ id: "f1", purpose: "follow-up", agreedTime: "2027-01-04T09:00:00.000Z", timeZone: "Europe/Berlin", reason: "Price", assigneeId: expect.any(String), assigneeName: "Riley" }]);
    await node.stop();
    nodes.pop();

    // An older build wrote the library without Today's fields.
    const file = join(d, "library.json");
    const lib = JSON.parse(await readFile(file, "utf8")) as { accounts: Partial<AccountSummary>[] };
    for (const a of lib.accounts) {
      delete a.version;
      delete a.calls;
    }
    await writeFile(file, JSON.stringify(lib));
    node = await startTestNode(d);
    nodes.push(node);
    expect(node.handlers.accounts()[0]?.calls).toBeUndefined();
    const refreshed = await eventually(() => node.handlers.accounts().find((a) => a.version === SUMMARY_VERSION), 10_000, "the summary to be refreshed");
    expect(refreshed.calls?.map((c) => c.id)).toEqual(["f1"]);
    expect(reminderKey(refreshed.documentId, "f1", refreshed.calls![0]!.agreedTime)).toMatch(/@2027-01-04T09:00:00.000Z$/);
  });
});
