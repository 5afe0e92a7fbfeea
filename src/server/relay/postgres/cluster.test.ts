/**
 * The team server past one machine, on loopback: a throwaway PostgreSQL cluster, three
 * relays in their own processes, two laptops (real sync nodes) editing shared accounts.
 * In the middle, a person's token is revoked (their sockets close on every relay) and the
 * relay that owns the first account is killed with SIGKILL. At the end every edit made on
 * either laptop is on both, the dead relay's shards have new owners within seconds, and the
 * laptops followed the topology without being told anything but the saved server.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardOf, topologySchema, type Topology } from "../../../../shared/team-topology";
import { joinedSocket } from "../../../node/network/test-support";
import type { SyncNode } from "../../../node/sync-node";
import { eventually, removeDir, startTestNode, tempDir } from "../../../node/test-helpers";
import { REVOKED_REASON } from "../relay";
import { addPersonToDatabase, revokePersonInDatabase } from "./directory";
import { spawnRelay, type RelayProcess } from "./relay-process";
import { migrateSchema } from "./schema";
import { editInTurn } from "./test-support";
import { createDatabase, startThrowawayCluster, type ThrowawayCluster } from "./throwaway-cluster";

let cluster: ThrowawayCluster;
const stops: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  cluster = await startThrowawayCluster();
});
afterAll(async () => {
  while (stops.length) await stops.pop()!().catch(() => undefined);
  await cluster?.stop();
});

async function topology(relay: RelayProcess, token: string): Promise<Topology | null> {
  try {
    const res = await fetch(`${relay.httpUrl}/topology`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2000) });
    return res.ok ? topologySchema.parse(await res.json()) : null;
  } catch {
    return null;
  }
}

async function laptop(name: string, serverUrl: string, token: string): Promise<SyncNode> {
  const dir = await tempDir("baton-cluster-laptop-");
  const node = await startTestNode(dir);
  stops.push(async () => {
    await node.stop();
    await removeDir(dir);
  });
  await node.handlers.saveProfile({ name, role: "rep", phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
  await node.handlers.saveServer({ url: serverUrl, token });
  return node;
}

describe("three relays over one PostgreSQL", () => {
  it("lose one relay to SIGKILL without losing an edit, re-own its shards and close a revoked person everywhere", async () => {
    const url = await createDatabase(cluster, "cluster");
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    stops.push(() => pool.end());
    await migrateSchema(pool);
    const tokens = {
      ana: await addPersonToDatabase(pool, "ana", "Ana"),
      bob: await addPersonToDatabase(pool, "bob", "Bob"),
      carl: await addPersonToDatabase(pool, "carl", "Carl"),
    };
    const relays = await Promise.all([0, 1, 2].map(() => spawnRelay(url)));
    for (const r of relays) stops.push(() => r.kill());
    const logs = () => relays.map((r, i) => `relay ${i}:\n${r.log()}`).join("\n");

    // Every shard owned, and spread over all three.
    const first = await eventually(
      async () => {
        const t = await topology(relays[0]!, tokens.ana);
        return t && t.owners.every((o) => o !== null) && new Set(t.owners).size === 3 ? t : false;
      },
      15_000,
      "all shards owned by three relays",
    );
    expect(first.shardCount).toBe(64);

    const ana = await laptop("Ana", relays[0]!.url, tokens.ana);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await ana.handlers.createAccount({ name: `Account ${i}` })).documentId);
    await eventually(
      async () => (await pool.query("SELECT 1 FROM baton_documents WHERE document_id = ANY($1) AND 'ana' = ANY(members)", [ids])).rowCount === ids.length,
      20_000,
      `Ana's accounts uploaded to their owners\n${logs()}`,
    );
    // Bob joins every account (as an accepted invitation would record it), then sets up his laptop.
    await pool.query("UPDATE baton_documents SET members = array_append(members, 'bob') WHERE document_id = ANY($1)", [ids]);
    const bob = await laptop("Bob", relays[1]!.url, tokens.bob);
    // Saved with one relay's address, the laptop links to all three once it has the topology.
    const peersOn = async (r: RelayProcess) => Number(/^baton_relay_connected_peers (\d+)$/m.exec(await (await fetch(`${r.httpUrl}/metrics`)).text())?.[1]);
    await eventually(async () => (await Promise.all(relays.map(peersOn))).every((n) => n === 2), 15_000, "Ana and Bob linked to every relay");
    await eventually(() => bob.handlers.status().links.some((l) => l.kind === "team-server" && l.state === "connected"), 15_000, "Bob's team server connected");
    // However many relays, the person sees one team server.
    expect(bob.handlers.status().links.filter((l) => l.kind === "team-server")).toHaveLength(1);
    for (const id of ids) await eventually(async () => bob.handlers.openAccount({ documentId: id }).then(() => true, () => false), 20_000, `Bob opening ${id}`);

    // Carl is connected to every relay; his token is revoked mid-run.
    const carl = await Promise.all(relays.map((r, i) => joinedSocket(`${r.url}/?token=${tokens.carl}`, `carl-${i}`)));
    stops.push(async () => carl.forEach((c) => c.socket.terminate()));

    const editing = editInTurn(ana, bob, ids, 25);

    await new Promise((r) => setTimeout(r, 1500));
    expect(await revokePersonInDatabase(pool, "carl")).toBe(true);
    for (const c of carl) expect(await c.closed).toEqual({ code: 1000, reason: REVOKED_REASON });

    await new Promise((r) => setTimeout(r, 1500));
    const victimUrl = first.owners[shardOf(ids[0]!, first.shardCount)]!;
    const victim = relays.find((r) => r.url === victimUrl)!;
    const survivor = relays.find((r) => r !== victim)!;
    const killedAt = performance.now();
    const editsBeforeKill = editing.count();
    await victim.kill("SIGKILL");
    const after = await eventually(
      async () => {
        const t = await topology(survivor, tokens.ana);
        return t && t.owners.every((o) => o !== null && o !== victimUrl) ? t : false;
      },
      15_000,
      "the dead relay's shards owned again",
    );
    const reownedMs = performance.now() - killedAt;
    console.log(`shards owned again ${Math.round(reownedMs)} ms after SIGKILL; ${editing.count()} edits so far`);
    expect(new Set(after.owners).size).toBe(2);

    await new Promise((r) => setTimeout(r, 2000));
    const made = await editing.stop();
    // Every edit made on either laptop reaches both.
    await editing.converged(30_000);
    console.log(`${made} edits on ${ids.length} accounts converged on both laptops`);
    // Edits went on while the shards moved, and after.
    expect(made).toBeGreaterThan(editsBeforeKill + 10);
    expect(reownedMs).toBeLessThan(10_000);
  }, 120_000);
});
