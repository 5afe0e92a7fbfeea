/**
 * Relays and their database when the network, not a process, fails: a connection that
 * hangs without closing, a relay cut off from PostgreSQL while another still reaches it,
 * and a relay whose wall clock is wrong. The cut is made by a TCP proxy on loopback that
 * stops forwarding (loopback-proxy.ts): to both ends the other side has gone silent.
 */
import { Repo, type DocumentId } from "@automerge/automerge-repo";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { joinedSocket, stockClient } from "../../../node/network/test-support";
import type { SyncNode } from "../../../node/sync-node";
import { eventually, removeDir, startTestNode, tempDir } from "../../../node/test-helpers";
import { shardOf } from "../../../../shared/team-topology";
import { LOST_DATABASE_REASON, startRelay, type Relay, type RelayOptions } from "../relay";
import { startLoopbackProxy } from "./loopback-proxy";
import { PostgresStorage } from "./postgres-storage";
import { editInTurn, throwawayDatabases } from "./test-support";

type Acct = { name: string; notes: string[] };

const { cleanups, database } = throwawayDatabases("faults");

/** Short rounds and leases so that a fault shows within a second or two. */
const FAST: Partial<RelayOptions> = { shardRoundMs: 200, leaseMs: 1000, queryTimeoutMs: 1000, shardCount: 8 };

async function relay(url: string, options: Partial<RelayOptions> = {}): Promise<Relay & { log: string[] }> {
  const log: string[] = [];
  const r = await startRelay({ postgres: url, host: "127.0.0.1", port: 0, ...FAST, log: (l) => log.push(l), ...options });
  cleanups.push(() => r.stop());
  return Object.assign(r, { log });
}

const http = (r: Relay) => r.url.replace("ws", "http");
const ready = async (r: Relay) => (await fetch(`${http(r)}/readyz`)).status;
const serverHeads = (r: Relay, id: string) => {
  const h = r.repo.handles[id as DocumentId];
  return h?.isReady() ? JSON.stringify(h.heads()) : "";
};

/** What PostgreSQL holds of an account, read by a fresh Repo. */
async function stored(url: string, id: string): Promise<Acct> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const repo = new Repo({ storage: new PostgresStorage(pool), network: [] });
  try {
    return structuredClone((await repo.find<Acct>(id as DocumentId)).doc());
  } finally {
    await repo.shutdown();
    await pool.end();
  }
}

describe("a relay whose database connection hangs", () => {
  it("lets go of its shards within its lease, tells its clients, and stores what it acknowledged once the database answers", async () => {
    const { url, tokens, pool } = await database(["ana"]);
    const proxy = await startLoopbackProxy(url);
    cleanups.push(() => proxy.stop());
    const cut = await relay(proxy.url, { shardCount: 1 });
    expect(cut.ownedShards()).toEqual([0]);
    const other = await relay(url, { shardCount: 1 });
    // A relay stopping waits for its saves: heal the link first should an assertion fail mid-cut.
    cleanups.push(() => proxy.restore());

    const ana = stockClient(`${cut.url}/?token=${tokens.ana}`, "ana-laptop");
    // Another laptop of Ana's, connected and idle: it must be told, not left talking to a relay that cannot store.
    const idleLaptop = await joinedSocket(`${cut.url}/?token=${tokens.ana}`, "ana-idle-laptop");
    cleanups.push(() => idleLaptop.socket.terminate());
    const doc = ana.create<Acct>({ name: "Acme", notes: [] });
    for (let i = 0; i < 5; i++) doc.change((d) => d.notes.push(`note ${i}`));
    await eventually(() => serverHeads(cut, doc.documentId) === JSON.stringify(doc.heads()), 8000, "the relay to acknowledge Ana's edits");

    // The last edit is acknowledged (in the relay's memory) and the link hangs before a save can finish.
    doc.change((d) => d.notes.push("acknowledged just before the hang"));
    await eventually(() => serverHeads(cut, doc.documentId) === JSON.stringify(doc.heads()), 8000, "the last edit acknowledged");
    proxy.cut();
    const cutAt = performance.now();
    // The laptop goes away: what the relay acknowledged must reach storage through the relay itself.
    await ana.shutdown();

    await eventually(() => cut.ownedShards().length === 0, 5000, "the relay to let go of its shard");
    const letGoMs = performance.now() - cutAt;
    expect(cut.log.join("\n")).toMatch(/PostgreSQL has not answered for \d+ ms: gave up 1 shard/);
    expect(await ready(cut)).toBe(503);
    expect(((await (await fetch(`${http(cut)}/readyz`)).json()) as { problem: string }).problem).toMatch(/cannot reach PostgreSQL/);
    expect(await (await fetch(`${http(cut)}/metrics`)).text()).toMatch(/^baton_relay_ready 0$/m);
    expect(await idleLaptop.closed).toEqual({ code: 1000, reason: LOST_DATABASE_REASON });
    // PostgreSQL ends the silent session by itself, and the other relay takes the shard.
    await eventually(() => other.ownedShards().length === 1, 8000, "the other relay to take the shard");
    const reownedMs = performance.now() - cutAt;
    console.log(`hung link: shard given up after ${Math.round(letGoMs)} ms, owned by the other relay after ${Math.round(reownedMs)} ms`);
    expect(letGoMs).toBeLessThan(1000 + 1000);

    proxy.restore();
    const problem = async () => ((await (await fetch(`${http(cut)}/readyz`)).json()) as { problem?: string }).problem;
    // Back in touch with the database; the one shard stays with the relay that holds it now.
    await eventually(async () => (await problem()) === "owns no shard yet", 15_000, "the cut relay to reach the database again");
    expect(cut.log.join("\n")).toMatch(/PostgreSQL answers again/);
    await other.stop();
    await eventually(async () => (await ready(cut)) === 200, 15_000, "the cut relay to take the shard back");
    await eventually(async () => (await stored(url, doc.documentId)).notes?.length === 6, 15_000, "the acknowledged edits in storage").catch(async (e: Error) => {
      const rows = (await pool.query("SELECT key FROM baton_chunks WHERE document_id = $1", [doc.documentId])).rows.map((r) => (r as { key: string[] }).key.join("/"));
      throw new Error(`${e.message}: ${JSON.stringify(await stored(url, doc.documentId))} ${JSON.stringify(rows)} open=${cut.repo.handles[doc.documentId]?.state}\n${cut.log.join("\n")}`);
    });
    expect((await stored(url, doc.documentId)).notes).toEqual(["note 0", "note 1", "note 2", "note 3", "note 4", "acknowledged just before the hang"]);
  }, 60_000);
});

describe("a relay cut off from PostgreSQL while another still reaches it", () => {
  it("never owns a shard at the same time as the other, and both laptops end with every edit", async () => {
    const { url, tokens, pool } = await database(["ana", "bob"]);
    const proxy = await startLoopbackProxy(url);
    cleanups.push(() => proxy.stop());
    const a = await relay(proxy.url);
    const b = await relay(url);
    cleanups.push(() => proxy.restore());
    await eventually(() => a.ownedShards().length === 4 && b.ownedShards().length === 4, 10_000, "the shards split between the relays");

    // Which relay believes it owns which shard, sampled all along: never both.
    const overlaps: number[] = [];
    const sampler = setInterval(() => {
      const mine = new Set(a.ownedShards());
      for (const s of b.ownedShards()) if (mine.has(s)) overlaps.push(s);
    }, 20);
    cleanups.push(() => clearInterval(sampler));

    const laptop = async (name: string, token: string): Promise<SyncNode> => {
      const dir = await tempDir("baton-partition-laptop-");
      const node = await startTestNode(dir);
      cleanups.push(async () => {
        await node.stop();
        await removeDir(dir);
      });
      await node.handlers.saveProfile({ name, role: "rep", phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
      // Saved with the relay that will be cut off: the laptops must find the other through the topology.
      await node.handlers.saveServer({ url: a.url, token });
      return node;
    };
    const ana = await laptop("Ana", tokens.ana!);
    // Accounts until one is owned by each relay.
    const ids: string[] = [];
    while (!ids.some((id) => a.ownedShards().includes(shardOf(id, 8))) || !ids.some((id) => b.ownedShards().includes(shardOf(id, 8)))) {
      ids.push((await ana.handlers.createAccount({ name: `Account ${ids.length}` })).documentId);
    }
    await eventually(
      async () => (await pool.query("SELECT 1 FROM baton_documents WHERE document_id = ANY($1) AND 'ana' = ANY(members)", [ids])).rowCount === ids.length,
      20_000,
      "Ana's accounts uploaded",
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${JSON.stringify(ana.handlers.status().links)}\nA:\n${a.log.join("\n")}\nB:\n${b.log.join("\n")}`);
    });
    // Bob joins every account (as an accepted invitation would record it), then sets up his laptop.
    await pool.query("UPDATE baton_documents SET members = array_append(members, 'bob') WHERE document_id = ANY($1)", [ids]);
    const bob = await laptop("Bob", tokens.bob!);
    for (const id of ids) await eventually(async () => bob.handlers.openAccount({ documentId: id }).then(() => true, () => false), 40_000, `Bob opening ${id}`);

    const editing = editInTurn(ana, bob, ids, 40);

    await new Promise((r) => setTimeout(r, 1000));
    proxy.cut();
    await eventually(() => a.ownedShards().length === 0, 5000, "the cut relay to let go");
    await eventually(() => b.ownedShards().length === 8, 10_000, "the other relay to own every shard");
    await new Promise((r) => setTimeout(r, 2000));
    proxy.restore();
    await eventually(() => a.ownedShards().length === 4 && b.ownedShards().length === 4, 15_000, `the shards split again\n${a.log.join("\n")}`);
    await new Promise((r) => setTimeout(r, 1000));
    const n = await editing.stop();
    clearInterval(sampler);
    expect(overlaps).toEqual([]);
    await editing.converged(30_000);
    console.log(`partition: ${n} edits on ${ids.length} accounts converged on both laptops`);
  }, 120_000);
});

describe("relays whose wall clock is wrong", () => {
  it("keep their shards, their open accounts and their sync when the clock jumps a day either way", async () => {
    const { url, tokens } = await database(["ana"]);
    const a = await relay(url, { idleMs: 60_000 });
    const b = await relay(url, { idleMs: 60_000 });
    // Not test-helpers' eventually: it reads the wall clock this test moves.
    const wait = async (check: () => boolean, ms: number, what: string) => {
      const end = performance.now() + ms;
      while (!check()) {
        if (performance.now() > end) throw new Error(`timed out waiting for ${what}\n${[...a.log, ...b.log].join("\n")}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await wait(() => a.ownedShards().length === 4 && b.ownedShards().length === 4, 10_000, "the shards split");
    const owners = JSON.stringify([a.ownedShards(), b.ownedShards()]);
    const first = stockClient(`${a.url}/?token=${tokens.ana}`, "ana-laptop");
    cleanups.push(() => first.shutdown());
    let doc = first.create<Acct>({ name: "Acme", notes: [] });
    // An account the relay it is connected to owns.
    while (!a.ownedShards().includes(shardOf(doc.documentId, 8))) doc = first.create<Acct>({ name: "Acme", notes: [] });
    doc.change((d) => d.notes.push("before"));
    await wait(() => serverHeads(a, doc.documentId) === JSON.stringify(doc.heads()), 8000, "upload");

    // Every wall-clock read in this process (relays, pg, automerge-repo) jumps a day ahead, then a day behind.
    const real = Date.now.bind(Date);
    let offset = 0;
    const spy = vi.spyOn(Date, "now").mockImplementation(() => real() + offset);
    cleanups.push(() => spy.mockRestore());
    for (const [i, jump] of [86_400_000, -86_400_000].entries()) {
      offset = jump;
      // Let the relays notice, then edit from two laptops that start after the jump (a client's
      // own throttles read the same clock): one edits, the other must receive it through the relay.
      await new Promise((r) => setTimeout(r, 1200));
      const writer = stockClient(`${a.url}/?token=${tokens.ana}`, `ana-writer-${i}`);
      const reader = stockClient(`${a.url}/?token=${tokens.ana}`, `ana-reader-${i}`);
      cleanups.push(() => writer.shutdown(), () => reader.shutdown());
      const onWriter = await writer.find<Acct>(doc.documentId, { signal: AbortSignal.timeout(8000) });
      const onReader = await reader.find<Acct>(doc.documentId, { signal: AbortSignal.timeout(8000) });
      const note = `clock ${jump > 0 ? "ahead" : "behind"}`;
      onWriter.change((d) => d.notes.push(note));
      await wait(() => onReader.doc().notes.includes(note), 8000, `the edit made with the clock ${jump > 0 ? "ahead" : "behind"} to reach the other laptop`);
      // Several leases long: nothing moves.
      await new Promise((r) => setTimeout(r, 1500));
      expect(JSON.stringify([a.ownedShards(), b.ownedShards()])).toBe(owners);
      expect(await ready(a)).toBe(200);
    }
    // No shard was dropped for want of the database (the one hand-over logged is B's share at the start).
    expect([...a.log, ...b.log].join("\n")).not.toMatch(/has not answered|cannot reach PostgreSQL/);
    // From a day ahead to a day behind: two days back.
    expect(a.log.join("\n")).toMatch(/the wall clock went back 172800 s: reloading [1-9]\d* open account/);
    offset = 0;
    await a.repo.flush();
    expect((await stored(url, doc.documentId)).notes).toEqual(["before", "clock ahead", "clock behind"]);
  }, 60_000);
});
