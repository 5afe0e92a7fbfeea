/**
 * Relays that share one PostgreSQL database (a throwaway cluster on loopback), with stock
 * automerge-repo clients over real sockets: people and members live in tables, the
 * first-uploader claim is atomic across relays, a revoked token closes that person's
 * sockets on every relay, and an edit stored through one relay is there for the next.
 */
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl, Repo, type DocumentId } from "@automerge/automerge-repo";
import pg from "pg";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { joinedSocket, stockClient } from "../../../node/network/test-support";
import { eventually } from "../../../node/test-helpers";
import { REVOKED_REASON, startRelay, type Relay, type RelayOptions } from "../relay";
import { PostgresStorage } from "./postgres-storage";
import { addPersonToDatabase, PostgresDirectory, revokePersonInDatabase } from "./directory";
import { migrateSchema } from "./schema";
import { PostgresTarget } from "./connection";
import { migrateFromFiles, type MigrationProgress } from "./migrate-from-files";
import { hashToken } from "../people";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, startThrowawayCluster } from "./throwaway-cluster";
import { throwawayDatabases } from "./test-support";

type Acct = { name: string; notes: string[]; teamMembers?: Record<string, boolean> };

const { cleanups, database } = throwawayDatabases("relay");

async function relay(url: string, options: Partial<RelayOptions> = {}): Promise<Relay> {
  const r = await startRelay({ postgres: url, host: "127.0.0.1", port: 0, ...options });
  cleanups.push(() => r.stop());
  return r;
}

const offlineForGood = new WeakSet<object>();
function client(r: Relay, token: string, name: string) {
  const repo = stockClient(`${r.url}/?token=${encodeURIComponent(token)}`, name);
  cleanups.push(() => (offlineForGood.has(repo) ? undefined : repo.shutdown()));
  return repo;
}
/** A laptop that goes away for the rest of the test. */
async function offline(repo: ReturnType<typeof client>): Promise<void> {
  offlineForGood.add(repo);
  await repo.shutdown();
}

const serverHeads = (r: Relay, id: string) => {
  const h = r.repo.handles[id as DocumentId];
  return h?.isReady() ? JSON.stringify(h.heads()) : "";
};

describe("relays on one PostgreSQL database", () => {
  it("keep people and members in tables, and serve each account only on the relay that owns it", async () => {
    const { url, tokens } = await database(["ana", "bob", "dana"]);
    // One shard: whichever relay takes it owns every account.
    const a = await relay(url, { shardCount: 1 });
    const b = await relay(url, { shardCount: 1 });
    const [owner, other] = a.ownedShards().length === 1 ? [a, b] : [b, a];
    expect(owner.ownedShards()).toEqual([0]);
    expect(other.ownedShards()).toEqual([]);
    const topology = await (await fetch(`${other.url.replace("ws", "http")}/topology?token=${tokens.bob}`)).json();
    expect(topology).toEqual({ shardCount: 1, owners: [owner.url] });
    expect((await fetch(`${other.url.replace("ws", "http")}/topology`)).status).toBe(401);

    const ana = client(owner, tokens.ana!, "ana-laptop");
    const acme = ana.create<Acct>({ name: "Acme", notes: ["price 40k"], teamMembers: {} });
    await eventually(() => serverHeads(owner, acme.documentId) === JSON.stringify(acme.heads()), 8000, "Ana's upload");
    expect(owner.membership.members(acme.documentId)).toEqual(["ana"]);
    await eventually(() => other.membership.members(acme.documentId).includes("ana"), 4000, "the claim to reach the other relay");

    const bob = client(owner, tokens.bob!, "bob-laptop");
    await expect(bob.find(acme.documentId, { signal: AbortSignal.timeout(4000) })).rejects.toThrow(/unavailable/i);

    acme.change((d) => {
      d.teamMembers = { dana: true };
    });
    await eventually(() => other.membership.isMember(acme.documentId, "dana"), 8000, "Dana listed, seen by the other relay");
    // A member asking the relay that does not own the account is sent to the owner (unavailable here).
    const danaAstray = client(other, tokens.dana!, "dana-old-topology");
    await expect(danaAstray.find(acme.documentId, { signal: AbortSignal.timeout(3000) })).rejects.toThrow(/unavailable/i);
    const dana = client(owner, tokens.dana!, "dana-laptop");
    const onDana = await dana.find<Acct>(acme.documentId, { signal: AbortSignal.timeout(8000) });
    expect(onDana.doc().notes).toEqual(["price 40k"]);
  });

  it("keeps both relays' edits when two of them hold the same account at once", async () => {
    // What a shard move (or a relay that has not yet noticed it lost its lock) can cause:
    // two Repos writing the same document to the same tables.
    const { url } = await database([]);
    const pools = [new pg.Pool({ connectionString: url, max: 2 }), new pg.Pool({ connectionString: url, max: 2 })];
    for (const p of pools) cleanups.push(() => p.end());
    const [one, two] = pools.map((p) => new Repo({ storage: new PostgresStorage(p), network: [] }));
    const original = one!.create<Acct>({ name: "Acme", notes: ["start"] });
    await one!.flush();
    const onTwo = await two!.find<Acct>(original.documentId);
    for (let i = 0; i < 30; i++) {
      original.change((d) => d.notes.push(`one ${i}`));
      onTwo.change((d) => d.notes.push(`two ${i}`));
    }
    await Promise.all([one!.flush(), two!.flush()]);
    await Promise.all([one!.shutdown(), two!.shutdown()]);
    cleanups.push(() => fresh.shutdown());
    const fresh = new Repo({ storage: new PostgresStorage(pools[0]!), network: [] });
    const loaded = (await fresh.find<Acct>(original.documentId)).doc();
    expect(loaded.notes).toHaveLength(61);
    expect(loaded.notes.filter((n) => n.startsWith("one"))).toHaveLength(30);
    expect(loaded.notes.filter((n) => n.startsWith("two"))).toHaveLength(30);
  });

  it("makes exactly one person the first member when two relays receive the same new document at once", async () => {
    const { url, pool } = await database([]);
    const log = () => undefined;
    const people = () => undefined;
    const directories = [0, 1, 2, 3].map(() => new PostgresDirectory({ pool, target: new PostgresTarget([url]), onPeople: people, onMembers: log, log }));
    await Promise.all(directories.map((d) => d.start()));
    cleanups.push(() => Promise.all(directories.map((d) => d.stop())));
    const id = "3tmJ8PnjHTbWGZ3HBHvUMj8bCsp6";
    const claimed = await Promise.all(directories.map((d, i) => d.claim(id, `person-${i}`)));
    expect(claimed.filter(Boolean)).toHaveLength(1);
    const winner = `person-${claimed.indexOf(true)}`;
    await eventually(() => directories.every((d) => d.members(id).join() === winner), 4000, "every relay to know the winner");
  });

  it("closes a revoked person's sockets on every relay, and refuses them afterwards", async () => {
    const { url, tokens, pool } = await database(["ana", "bob"]);
    const relays = [await relay(url), await relay(url), await relay(url)];
    const bobs = await Promise.all(relays.map((r, i) => joinedSocket(`${r.url}/?token=${tokens.bob}`, `bob-${i}`)));
    const anas = await Promise.all(relays.map((r, i) => joinedSocket(`${r.url}/?token=${tokens.ana}`, `ana-${i}`)));
    for (const s of [...bobs, ...anas]) cleanups.push(() => s.socket.terminate());

    const t0 = performance.now();
    expect(await revokePersonInDatabase(pool, "bob")).toBe(true);
    for (const s of bobs) expect(await s.closed).toEqual({ code: 1000, reason: REVOKED_REASON });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(5000);
    for (const s of anas) expect(s.socket.readyState).toBe(WebSocket.OPEN);
    const who = await fetch(`${relays[1]!.url.replace("ws", "http")}/whoami?token=${tokens.bob}`);
    expect(who.status).toBe(401);
  });

  it("refuses to start with a clear message when the database cannot be reached", async () => {
    await expect(startRelay({ postgres: "postgres://baton@127.0.0.1:1/none", host: "127.0.0.1", port: 0 })).rejects.toThrow(/cannot use the PostgreSQL database/);
  });

  it("loads what an earlier relay stored, after that relay stopped", async () => {
    const { url, tokens } = await database(["ana"]);
    const first = await relay(url);
    const ana = client(first, tokens.ana!, "ana-laptop");
    const doc = ana.create<Acct>({ name: "Acme", notes: [] });
    for (let i = 0; i < 20; i++) doc.change((d) => d.notes.push(`note ${i}`));
    await eventually(() => serverHeads(first, doc.documentId) === JSON.stringify(doc.heads()), 8000, "upload");
    await first.stop();
    const second = await relay(url);
    const again = client(second, tokens.ana!, "ana-laptop-2");
    const h = await again.find<Acct>(doc.documentId, { signal: AbortSignal.timeout(8000) });
    expect(h.doc().notes).toHaveLength(20);
    expect(h.heads()).toEqual(doc.heads());
  });

  it("migrates a file-backed server's documents, members and people, and can be run again", async () => {
    const dir = await mkdtemp(join(tmpdir(), "baton-migrate-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const tokensFile = join(dir, "tokens.json");
    await writeFile(tokensFile, JSON.stringify({ people: [{ id: "ana", name: "Ana", token: hashToken("ana-token-0001") }, { id: "bob", name: "Bob", token: hashToken("bob-token-0002") }] }));
    const files = await startRelay({ dataDir: join(dir, "data"), tokensFile, host: "127.0.0.1", port: 0 });
    const ana = stockClient(`${files.url}/?token=ana-token-0001`, "ana-laptop");
    const docs = [0, 1, 2].map((i) => ana.create<Acct>({ name: `Account ${i}`, notes: [`note ${i}`] }));
    for (const d of docs) await eventually(() => serverHeads(files, d.documentId) === JSON.stringify(d.heads()), 8000, "upload");
    await ana.shutdown();
    await files.stop();

    const { url, pool } = await database([]);
    const seen: MigrationProgress[] = [];
    const first = await migrateFromFiles({ dataDir: join(dir, "data"), pool, tokensFile, onProgress: (p) => seen.push(p) });
    expect(first).toMatchObject({ documents: 3, ofDocuments: 3, members: 3, people: 2, damaged: [] });
    expect(seen.map((p) => p.documents)).toEqual([1, 2, 3]);
    const again = await migrateFromFiles({ dataDir: join(dir, "data"), pool, tokensFile });
    expect(again).toMatchObject({ documents: 3, people: 0 });

    const r = await relay(url);
    const anaAgain = client(r, "ana-token-0001", "ana-laptop-2");
    for (const d of docs) expect((await anaAgain.find<Acct>(d.documentId, { signal: AbortSignal.timeout(8000) })).heads()).toEqual(d.heads());
    const bob = client(r, "bob-token-0002", "bob-laptop");
    await expect(bob.find(docs[0]!.documentId, { signal: AbortSignal.timeout(3000) })).rejects.toThrow(/unavailable/i);
  });
});

/** Wait until the relay has seen no sync traffic for 300 ms (the last acknowledgements are in). */
async function quiet(r: Relay): Promise<void> {
  let last = performance.now();
  const onMetrics = () => (last = performance.now());
  r.repo.on("doc-metrics", onMetrics);
  await eventually(() => performance.now() - last > 300, 10_000, "sync traffic to settle");
  r.repo.off("doc-metrics", onMetrics);
}

describe("a relay's memory", () => {
  it("unloads idle accounts, least recently used first, and loads them again when a peer syncs", async () => {
    const { url, tokens } = await database(["ana"]);
    // Unloaded by the sweep below only, so the order it chooses is the one checked.
    const r = await relay(url, { idleMs: 60_000, maxOpenAccounts: 2, overBoundSweepMs: 60_000 });
    const ana = client(r, tokens.ana!, "ana-laptop");
    const docs = [0, 1, 2, 3, 4].map((i) => ana.create<Acct>({ name: `Account ${i}`, notes: [] }));
    for (const d of docs) await eventually(() => serverHeads(r, d.documentId) === JSON.stringify(d.heads()), 8000, "upload");
    await quiet(r);
    // The most recently used: account 4, then 3.
    for (const i of [3, 4]) {
      docs[i]!.change((d) => d.notes.push("recent"));
      await eventually(() => serverHeads(r, docs[i]!.documentId) === JSON.stringify(docs[i]!.heads()), 8000, "recent edit");
    }
    await r.sweepIdle();
    expect(Object.keys(r.repo.handles).sort()).toEqual([docs[3]!.documentId, docs[4]!.documentId].sort());
    const metrics = await (await fetch(`${r.url.replace("ws", "http")}/metrics`)).text();
    expect(metrics).toMatch(/^baton_relay_open_accounts 2$/m);
    expect(metrics).toMatch(/^baton_relay_unloaded_accounts_total 3$/m);

    // An unloaded account comes back on the next edit, with everything stored before.
    docs[0]!.change((d) => d.notes.push("after unloading"));
    await eventually(() => serverHeads(r, docs[0]!.documentId) === JSON.stringify(docs[0]!.heads()), 8000, "the edit to reach the reloaded account");
    const other = client(r, tokens.ana!, "ana-second-laptop");
    expect((await other.find<Acct>(docs[0]!.documentId, { signal: AbortSignal.timeout(8000) })).doc().notes).toEqual(["after unloading"]);

    // What was unloaded and never touched again is whole in storage: with no laptop online
    // to send it again, a new one gets each account as it was.
    await offline(ana);
    await offline(other);
    const fresh = client(r, tokens.ana!, "ana-new-laptop");
    for (const i of [1, 2]) expect((await fresh.find<Acct>(docs[i]!.documentId, { signal: AbortSignal.timeout(8000) })).doc().name).toBe(`Account ${String(i)}`);
  });
});

describe("a relay whose database goes away", () => {
  it("says so, serves nothing it cannot store, and loses nothing when the database is back", async () => {
    // A cluster of its own: this test stops it.
    const own = await startThrowawayCluster();
    cleanups.push(() => own.stop());
    const url = await createDatabase(own, "outage");
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    await migrateSchema(pool);
    const anaToken = await addPersonToDatabase(pool, "ana", "Ana");
    await pool.end();
    const log: string[] = [];
    const r = await startRelay({ postgres: url, host: "127.0.0.1", port: 0, shardRoundMs: 200, log: (l) => log.push(l) });
    cleanups.push(() => r.stop());
    const http = r.url.replace("ws", "http");
    expect((await fetch(`${http}/readyz`)).status).toBe(200);

    const ana = client(r, anaToken, "ana-laptop");
    const doc = ana.create<Acct>({ name: "Acme", notes: ["before"] });
    await eventually(() => serverHeads(r, doc.documentId) === JSON.stringify(doc.heads()), 8000, "upload");

    await own.pause();
    await eventually(async () => (await fetch(`${http}/readyz`)).status === 503, 8000, "readiness to turn 503");
    await eventually(() => r.ownedShards().length === 0, 8000, "the relay to give up its shards");
    expect(log.join("\n")).toMatch(/gave up 64 shard\(s\)/);
    // Edits made while the database is gone stay on the laptop…
    doc.change((d) => d.notes.push("during the outage"));
    await new Promise((res) => setTimeout(res, 500));

    await own.resume();
    await eventually(async () => (await fetch(`${http}/readyz`)).status === 200, 15_000, `readiness back\n${log.join("\n")}`);
    // …and reach the relay, and storage, once it owns the account again.
    await eventually(() => serverHeads(r, doc.documentId) === JSON.stringify(doc.heads()), 10_000, `the outage edit to reach the relay (${r.repo.handles[doc.documentId]?.state})\n${log.join("\n")}`);
    await r.repo.flush();
    const check = new pg.Pool({ connectionString: url, max: 1 });
    cleanups.push(() => check.end());
    const fresh = new Repo({ storage: new PostgresStorage(check), network: [] });
    cleanups.push(() => fresh.shutdown());
    const loaded = (await fresh.find<Acct>(doc.documentId)).doc();
    expect(loaded.notes).toEqual(["before", "during the outage"]);

    const metrics = await (await fetch(`${http}/metrics`)).text();
    if (!/^baton_relay_ready 1$/m.test(metrics)) console.log(metrics, await (await fetch(`${http}/readyz`)).text(), log.join("\n"));
    expect(metrics).toMatch(/^baton_relay_owned_shards 64$/m);
    expect(metrics).toMatch(/^baton_relay_connected_peers 1$/m);
    expect(metrics).toMatch(/^baton_relay_ready 1$/m);
  });
});

describe("uploads a peer drops half way", () => {
  it("do not keep accounts open past the relay's bound", async () => {
    const { url, tokens } = await database(["ana"]);
    const bound = 2;
    const r = await relay(url, { idleMs: 60_000, maxOpenAccounts: bound });
    // Each socket offers a new account (a sync message with heads, the start of an upload)
    // and closes before sending its changes.
    for (let i = 0; i < 6; i++) {
      const doc = A.from({ name: `Dropped ${i}` });
      const socket = await joinedSocket(`${r.url}/?token=${tokens.ana}`, `ana-dropping-${i}`);
      const server = (await socket.waitFor((m) => m["type"] === "peer"))["senderId"];
      const documentId = parseAutomergeUrl(generateAutomergeUrl()).documentId;
      const [, first] = A.generateSyncMessage(doc, A.initSyncState());
      socket.sendCbor({ type: "sync", senderId: `ana-dropping-${i}`, targetId: server, documentId, data: first });
      // The relay took the offer (and asks for the changes) before the socket goes.
      await socket.waitFor((m) => m["documentId"] === documentId, 8000);
      socket.socket.terminate();
      await socket.closed;
    }
    const states = () => Object.values(r.repo.handles).map((h) => h.state).join(", ");
    // Without waiting for the regular sweep (every 10 s here): going past the bound brings it forward.
    await eventually(() => Object.keys(r.repo.handles).length <= bound, 7000, `the relay back within its bound (${states()})`);
    const metrics = await (await fetch(`${r.url.replace("ws", "http")}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^baton_relay_open_accounts [0-${bound}]$`, "m"));
    // Every offer was taken (opened), and all but the bound were unloaded.
    expect(Number(/^baton_relay_unloaded_accounts_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(6 - bound);
  });
});
