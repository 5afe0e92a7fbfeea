/**
 * A person's new phone and email reach the accounts they own without opening them: a real
 * node on a temp folder, its profile saved through the API's handler, the accounts read
 * back from its repo.
 */
import * as A from "@automerge/automerge";
import type { DocumentId } from "@automerge/automerge-repo";
import { afterEach, describe, expect, it } from "vitest";
import type { AccountDoc } from "../../../shared/account/schema";
import { fixed } from "../../../shared/account/fixed";
import { headerOf } from "../../../shared/queries/account-view";
import type { SyncNode } from "../sync-node";
import { eventually, removeDir, startTestNode, tempDir } from "../test-helpers";
import { keepOwnContact } from "./own-contact";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

const riley = { name: "Riley Rep", role: "rep" as const, reminderLeadMinutes: 10, personId: "" };

async function node(): Promise<SyncNode> {
  const dir = await tempDir();
  cleanups.push(() => removeDir(dir));
  const n = await startTestNode(dir);
  cleanups.push(() => n.stop());
  await n.handlers.saveProfile({ ...riley, phone: null, email: null });
  return n;
}

const docOf = async (n: SyncNode, id: string) => (await n.repo.find<AccountDoc>(id as DocumentId)).doc();

describe("a profile's new phone and email", () => {
  it("are written on every account the person owns, and only there; saving the same details again writes nothing", async () => {
    const n = await node();
    const { documentId: mine } = await n.handlers.createAccount({ name: "Initech" });
    const { documentId: theirs } = await n.handlers.createAccount({ name: "Globex" });
    // Another rep took Globex over: Riley's details are not Globex's business any more.
    (await n.repo.find<AccountDoc>(theirs as DocumentId)).change((d) => void (d.rep = { id: fixed("p-other"), name: fixed("Olu Other"), phone: null, email: null }));
    await eventually(() => n.handlers.accounts().find((s) => s.documentId === theirs)?.contactIds?.[0] === "p-other" || undefined, 10_000, "Globex's summary");
    const otherBefore = A.getHeads(await docOf(n, theirs));

    const profile = await n.handlers.saveProfile({ ...riley, phone: "+1 555 0199", email: "riley@baton.example" });
    expect(n.handlers.accounts().find((s) => s.documentId === mine)?.contactIds).toEqual([profile.id]);
    expect(await n.ownContactUpdated).toBe(1);
    expect(headerOf(await docOf(n, mine)).rep).toEqual({ id: profile.id, name: "Riley Rep", phone: "+1 555 0199", email: "riley@baton.example" });
    expect(A.getHeads(await docOf(n, theirs))).toEqual(otherBefore);

    const heads = A.getHeads(await docOf(n, mine));
    await n.handlers.saveProfile({ ...riley, phone: "+1 555 0199", email: "riley@baton.example" });
    expect(await keepOwnContact({ repo: n.repo, accounts: () => n.handlers.accounts(), log: () => undefined }, profile)).toBe(0);
    expect(A.getHeads(await docOf(n, mine))).toEqual(heads);
  });

  it("are on an account from the moment the person creates it", async () => {
    const n = await node();
    await n.handlers.saveProfile({ ...riley, phone: "030 1234567", email: null });
    const { documentId } = await n.handlers.createAccount({ name: "Umbrella" });
    expect(headerOf(await docOf(n, documentId)).rep).toMatchObject({ phone: "030 1234567", email: null });
  });
});
