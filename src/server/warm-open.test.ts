/**
 * Opening an account fast must not open it stale or unsynced: two laptops and the team
 * server (a real relay, real sync nodes and repos on 127.0.0.1), with accounts kept warm
 * (src/node/accounts/warm-accounts.ts) and handed to a window as one saved document.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { Repo, type DocHandle, type DocumentId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import type { AccountDoc, AccountSummary } from "../../shared";
import { addCommitment, changeMessage, commitmentsOf, formatAccountLink } from "../../shared";
import type { SyncNode } from "../node/sync-node";
import { WARM_CAPACITY } from "../node/accounts/warm-accounts";
import { addCommitmentOn, api, eventually, removeDir, startTestNode, tempDir } from "../node/test-helpers";
import { startRelay, type Relay } from "./relay/relay";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

const TOKEN = "team-token-123";

async function relay(): Promise<Relay> {
  const dir = await tempDir();
  const r = await startRelay({ dataDir: dir, host: "127.0.0.1", port: 0, token: TOKEN });
  cleanups.push(() => removeDir(dir), () => r.stop());
  return r;
}

async function laptop(name: string, server: Relay, dir?: string): Promise<SyncNode> {
  const d = dir ?? (await tempDir());
  if (!dir) cleanups.push(() => removeDir(d));
  const n = await startTestNode(d);
  cleanups.push(() => n.stop());
  expect((await api(n.endpoint(), "PUT", "/api/profile", { name, role: "rep" })).status).toBe(200);
  expect((await api(n.endpoint(), "PUT", "/api/server", { url: server.url, token: TOKEN })).status).toBe(200);
  return n;
}

/** What a window gets when it opens the account: GET /api/saved-document. */
async function savedDocument(n: SyncNode, id: string): Promise<Uint8Array> {
  const res = await fetch(`${n.endpoint().httpUrl}/api/saved-document?id=${id}`, { headers: { Authorization: `Bearer ${n.endpoint().token}` } });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

const textsOf = (doc: AccountDoc) => commitmentsOf(doc).map((c) => c.text).sort();
const headsOf = (n: SyncNode, id: string) => A.getHeads(n.repo.handles[id as DocumentId]!.doc()).sort().join();

/** The second laptop adds the account by its link (fetched from the server). */
async function share(from: SyncNode, to: SyncNode, id: string): Promise<void> {
  expect((await api(to.endpoint(), "POST", "/api/accounts/open", { link: formatAccountLink(id) })).status).toBe(200);
  await eventually(() => to.repo.handles[id as DocumentId]?.isReady() && headsOf(to, id) === headsOf(from, id), 15_000, "the account on the second laptop");
}

/** A storage-less repo on a node's WebSocket, as the window has. */
function windowOn(n: SyncNode): Repo {
  const repo = new Repo({ network: [new WebSocketClientAdapter(n.endpoint().wsUrl)], sharePolicy: async () => true });
  cleanups.push(() => repo.shutdown());
  return repo;
}

describe("opening an account warm or from a saved document", () => {
  it("an account warmed on this laptop shows the other laptop's edit made after it was warmed", async () => {
    const server = await relay();
    const dirA = await tempDir();
    cleanups.push(() => removeDir(dirA));
    let a = await laptop("Ana", server, dirA);
    const b = await laptop("Ben", server);
    const id = (await api<{ documentId: string }>(a.endpoint(), "POST", "/api/accounts", { name: "Acme" })).body.documentId;
    await addCommitmentOn(a, id, "Train two admins");
    await share(a, b, id);

    // Laptop A starts again: nothing loaded, until the window points at the account.
    await a.stop();
    a = await startTestNode(dirA);
    cleanups.push(() => a.stop());
    expect(a.repo.handles[id as DocumentId]).toBeUndefined();
    expect((await api(a.endpoint(), "POST", "/api/accounts/warm", { documentId: id })).status).toBe(200);
    const warm = await eventually(() => (a.repo.handles[id as DocumentId]?.isReady() ? a.repo.handles[id as DocumentId] : undefined), 10_000, "the account warm");
    // Asking again is harmless: the same loaded document.
    expect((await api(a.endpoint(), "POST", "/api/accounts/warm", { documentId: id })).status).toBe(200);

    await addCommitmentOn(b, id, "Ben's edit after the warm-up");
    await eventually(() => headsOf(a, id) === headsOf(b, id), 15_000, "laptop A following laptop B while warm");
    expect(a.repo.handles[id as DocumentId]).toBe(warm);
    const opened = A.load<AccountDoc>(await savedDocument(a, id));
    expect(textsOf(opened)).toEqual(["Ben's edit after the warm-up", "Train two admins"]);
  });

  it("an account opened from a saved document and then edited syncs to both laptops with equal heads", async () => {
    const server = await relay();
    const a = await laptop("Ana", server);
    const b = await laptop("Ben", server);
    const id = (await api<{ documentId: string }>(a.endpoint(), "POST", "/api/accounts", { name: "Acme" })).body.documentId;
    await addCommitmentOn(a, id, "Train two admins");
    await share(a, b, id);

    const window = windowOn(a);
    const handle: DocHandle<AccountDoc> = window.import<AccountDoc>(await savedDocument(a, id), { docId: id as DocumentId });
    handle.doneLoading();
    const by = { id: "p-ana", name: "Ana" };
    handle.change((d) => addCommitment(d, { id: crypto.randomUUID(), text: "Typed in the window", by, at: new Date().toISOString() }), { message: changeMessage(by, "Added a commitment") });
    const want = A.getHeads(handle.doc()).sort().join();
    await eventually(() => headsOf(a, id) === want && headsOf(b, id) === want, 15_000, "equal heads on the window and both laptops");
    expect(textsOf(b.repo.handles[id as DocumentId]!.doc() as AccountDoc)).toEqual(["Train two admins", "Typed in the window"]);
  });

  it("catching up from a saved document gives the same heads and content as change-by-change sync", async () => {
    const server = await relay();
    const a = await laptop("Ana", server);
    const id = (await api<{ documentId: string }>(a.endpoint(), "POST", "/api/accounts", { name: "Acme" })).body.documentId;
    for (let i = 0; i < 30; i++) await addCommitmentOn(a, id, `Promise ${String(i)}`);
    const stale = await savedDocument(a, id);
    for (let i = 30; i < 40; i++) await addCommitmentOn(a, id, `Promise ${String(i)}`);
    await eventually(async () => (await api<{ links: Array<{ kind: string; synced: boolean }> }>(a.endpoint(), "GET", "/api/status")).body.links.find((l) => l.kind === "team-server" && l.synced), 15_000, "laptop A synced with the server");

    // Change by change: a fresh repo finds the account on the server.
    const bySync = new Repo({ network: [new WebSocketClientAdapter(`${server.url}/?token=${TOKEN}`)] });
    cleanups.push(() => bySync.shutdown());
    const synced = await bySync.find<AccountDoc>(id as DocumentId, { signal: AbortSignal.timeout(10_000) });
    await eventually(() => A.getHeads(synced.doc()).sort().join() === headsOf(a, id), 10_000, "change-by-change sync complete");

    // From a saved document that is behind, then the sync for what is newer.
    const window = windowOn(a);
    const fromSaved = window.import<AccountDoc>(stale, { docId: id as DocumentId });
    fromSaved.doneLoading();
    expect(textsOf(fromSaved.doc())).toHaveLength(30);
    await eventually(() => A.getHeads(fromSaved.doc()).sort().join() === headsOf(a, id), 10_000, "caught up from the saved document");

    expect(A.getHeads(fromSaved.doc()).sort()).toEqual(A.getHeads(synced.doc()).sort());
    expect(A.toJS(fromSaved.doc())).toEqual(A.toJS(synced.doc()));
    expect(A.getAllChanges(fromSaved.doc()).length).toBe(A.getAllChanges(synced.doc()).length);
  });

  it("keeps the most recently used accounts loaded and lets older ones go, which still open and follow edits", async () => {
    const server = await relay();
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    let a = await laptop("Ana", server, dir);
    const ids: string[] = [];
    for (let i = 0; i < WARM_CAPACITY + 2; i++) ids.push((await api<{ documentId: string }>(a.endpoint(), "POST", "/api/accounts", { name: `Account ${String(i)}` })).body.documentId);
    await a.stop();
    a = await startTestNode(dir);
    cleanups.push(() => a.stop());

    for (const id of ids) {
      await api(a.endpoint(), "POST", "/api/accounts/warm", { documentId: id });
      await eventually(() => a.repo.handles[id as DocumentId]?.isReady(), 10_000, "warm");
    }
    const loaded = () => ids.filter((id) => a.repo.handles[id as DocumentId]?.isReady());
    await eventually(() => loaded().length === WARM_CAPACITY, 10_000, "the oldest let go");
    expect(loaded()).toEqual(ids.slice(2));

    // One let go is opened and edited again: loaded anew, its summary follows the edit.
    const first = ids[0]!;
    expect(A.load<AccountDoc>(await savedDocument(a, first)).name).toBe("Account 0");
    await addCommitmentOn(a, first, "After it was let go");
    await eventually(async () => (await api<AccountSummary[]>(a.endpoint(), "GET", "/api/accounts")).body.find((s) => s.documentId === first)?.commitments === 1, 10_000, "the summary of the reloaded account");
  });
});
