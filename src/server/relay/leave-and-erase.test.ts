/**
 * Archive, delete and erase through real nodes and a real team sync server on loopback:
 * the erasure of one laptop replaces the account on the other laptop (which fetches the
 * fresh account and drops the old one), and deleting takes the person off the account's
 * members on the server while the other laptop keeps its copy.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import type { DocumentId } from "@automerge/automerge-repo";
import { afterEach, describe, expect, it } from "vitest";
import type { DeletedAccount, ErasedAccount } from "../../../shared/api";
import type { AccountSummary } from "../../../shared/queries/summary";
import type { AccountDoc } from "../../../shared/account/schema";
import { formatAccountLink } from "../../../shared/account-link";
import { hashToken } from "./people";
import { startRelay } from "./relay";
import { Membership } from "./membership";
import type { SyncNode } from "../../node/sync-node";
import { addCommitmentOn, api, eventually, removeDir, startTestNode, tempDir, texts } from "../../node/test-helpers";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function laptop(dir: string, name: string, role: "rep" | "delivery-lead", server: string, token: string): Promise<SyncNode> {
  const node = await startTestNode(join(dir, name));
  cleanups.push(() => node.stop());
  expect((await api(node.endpoint(), "PUT", "/api/profile", { name, role })).status).toBe(200);
  expect((await api(node.endpoint(), "PUT", "/api/server", { url: server, token })).status).toBe(200);
  return node;
}

const accounts = async (n: SyncNode) => (await api<AccountSummary[]>(n.endpoint(), "GET", "/api/accounts")).body.map((a) => a.documentId);

describe("archive, delete and erase", () => {
  it("erases an account for everyone who shares it, and deletes it from one laptop and its membership", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    const tokens = join(dir, "tokens.json");
    await writeFile(tokens, JSON.stringify({ people: [
      { id: "ana", name: "Ana", token: hashToken("ana-token-0123456789") },
      { id: "dana", name: "Dana", token: hashToken("dana-token-0123456789") },
    ] }));
    const relay = await startRelay({ dataDir: join(dir, "relay"), host: "127.0.0.1", port: 0, tokensFile: tokens, tokensPollMs: 50, log: () => undefined });
    cleanups.push(() => relay.stop());
    const ana = await laptop(dir, "Ana Rep", "rep", relay.url, "ana-token-0123456789");
    const dana = await laptop(dir, "Dana Lead", "delivery-lead", relay.url, "dana-token-0123456789");

    const { documentId: old } = (await api<{ documentId: string }>(ana.endpoint(), "POST", "/api/accounts", { name: "Acme" })).body;
    await addCommitmentOn(ana, old, "Train two admins");
    await eventually(() => relay.membership.isMember(old, "ana"), 10_000, "Ana's upload");
    await relay.membership.addMember(old, "dana");
    expect((await api(dana.endpoint(), "POST", "/api/accounts/open", { link: formatAccountLink(old) })).status).toBe(200);
    await eventually(async () => (await texts(dana, old)).length === 1, 10_000, "the commitment on Dana's laptop");

    // Archive: hidden on this device only, nothing written to the account.
    const headsBefore = A.getHeads((await ana.repo.find<AccountDoc>(old as DocumentId)).doc());
    expect((await api(ana.endpoint(), "POST", "/api/accounts/archive", { documentId: old, archived: true })).status).toBe(200);
    expect((await api<{ archived: string[] }>(ana.endpoint(), "GET", "/api/status")).body.archived).toEqual([old]);
    expect(A.getHeads((await ana.repo.find<AccountDoc>(old as DocumentId)).doc())).toEqual(headsBefore);
    expect((await api<{ archived: string[] }>(dana.endpoint(), "GET", "/api/status")).body.archived).toEqual([]);

    // Erase on Ana's laptop: a fresh account from the current state, without the history.
    const erased = await api<ErasedAccount>(ana.endpoint(), "POST", "/api/accounts/erase", { documentId: old });
    expect(erased.status).toBe(200);
    const fresh = erased.body.documentId;
    expect(erased.body.reachedServer).toBe(true);
    expect(await accounts(ana)).toEqual([fresh]);
    // Still archived on Ana's laptop, under its new id.
    expect((await api<{ archived: string[] }>(ana.endpoint(), "GET", "/api/status")).body.archived).toEqual([fresh]);
    const freshDoc = (await ana.repo.find<AccountDoc>(fresh as DocumentId)).doc();
    expect(A.getAllChanges(freshDoc)).toHaveLength(2); // automerge-repo's empty first change, then Baton's one
    expect(await texts(ana, fresh)).toEqual(["Train two admins"]);

    // Dana's laptop swaps the old account for the fresh one by itself.
    await eventually(async () => JSON.stringify(await accounts(dana)) === JSON.stringify([fresh]), 20_000, "the swap on Dana's laptop");
    expect(await texts(dana, fresh)).toEqual(["Train two admins"]);
    expect(relay.membership.isMember(fresh, "dana")).toBe(true);

    // Delete on Dana's laptop: gone here and from Dana's membership; Ana keeps it.
    const deleted = await api<DeletedAccount>(dana.endpoint(), "POST", "/api/accounts/delete", { documentId: fresh });
    expect(deleted.body).toEqual({ server: "left" });
    expect(await accounts(dana)).toEqual([]);
    expect(relay.membership.isMember(fresh, "dana")).toBe(false);
    expect(await accounts(ana)).toEqual([fresh]);
  }, 60_000);
});

describe("the server's record of an erased account's members", () => {
  it("gives the old members the fresh account, but never opens someone else's account to them", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    const members = new Membership(dir);
    await members.load();
    const fresh = "2fB8cK3mN4pQ5rS6tU7vW8xY9z";
    const theirs = "3gC9dL4nO5qR6sT7uV8wX9yZaA";
    expect(await members.claim(theirs, "eve")).toBe(true);
    // An erasure naming an account the server does not know: its members come along.
    expect(await members.inherit(fresh, ["ana", "dana"])).toBe(true);
    expect(members.members(fresh)).toEqual(["ana", "dana"]);
    // One naming an account with a member who did not belong to the erased one: refused.
    expect(await members.inherit(theirs, ["mallory"])).toBe(false);
    expect(members.members(theirs)).toEqual(["eve"]);
    // Leaving takes a member off the server's record; the record survives a restart.
    expect(await members.removeMember(fresh, "dana")).toBe(false);
    const again = new Membership(dir);
    await again.load();
    expect(again.members(fresh)).toEqual(["ana"]);
  });
});
