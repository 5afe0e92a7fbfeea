/**
 * PostgreSQL failing over to a streaming-replication standby, on loopback: a primary, a
 * standby made with `pg_basebackup -R` and named in the primary's synchronous_standby_names
 * (DEPLOY.md), a relay given both URLs. The primary is stopped mid-run and the standby
 * promoted; the relay finds the new primary by itself, and every edit it stored before the
 * failover is there, with the edits made after it.
 */
import { Repo, type DocumentId } from "@automerge/automerge-repo";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { stockClient } from "../../../node/network/test-support";
import { eventually } from "../../../node/test-helpers";
import { startRelay } from "../relay";
import { addPersonToDatabase } from "./directory";
import { PostgresStorage } from "./postgres-storage";
import { migrateSchema } from "./schema";
import { startThrowawayCluster } from "./throwaway-cluster";

type Acct = { name: string; notes: string[] };

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length) await Promise.resolve(cleanups.pop()!()).catch(() => undefined);
});

async function withPool<T>(url: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

describe("PostgreSQL failing over to a synchronous standby", () => {
  it("keeps every edit the relay stored before the failover, and the relay follows the promoted standby", async () => {
    const primary = await startThrowawayCluster();
    cleanups.push(() => primary.stop());
    const anaToken = await withPool(primary.url, async (pool) => {
      await migrateSchema(pool);
      return addPersonToDatabase(pool, "ana", "Ana");
    });
    const standby = await primary.startStandby("standby1");
    cleanups.push(() => standby.stop());
    // A commit returns once the standby has it: what DEPLOY.md asks of a team's primary.
    await withPool(primary.url, async (pool) => {
      await pool.query("ALTER SYSTEM SET synchronous_standby_names = 'standby1'");
      await pool.query("SELECT pg_reload_conf()");
    });
    await eventually(
      () => withPool(primary.url, async (pool) => (await pool.query("SELECT 1 FROM pg_stat_replication WHERE application_name = 'standby1' AND sync_state = 'sync'")).rowCount === 1),
      15_000,
      "the standby streaming synchronously",
    );

    const log: string[] = [];
    const relay = await startRelay({ postgres: `${primary.url},${standby.url}`, host: "127.0.0.1", port: 0, shardRoundMs: 200, leaseMs: 1000, queryTimeoutMs: 1000, shardCount: 4, log: (l) => log.push(l) });
    cleanups.push(() => relay.stop());
    const http = relay.url.replace("ws", "http");
    const ana = stockClient(`${relay.url}/?token=${anaToken}`, "ana-laptop");
    cleanups.push(() => ana.shutdown());
    const doc = ana.create<Acct>({ name: "Acme", notes: [] });
    for (let i = 0; i < 10; i++) doc.change((d) => d.notes.push(`before ${i}`));
    const relayHeads = () => {
      const h = relay.repo.handles[doc.documentId as DocumentId];
      return h?.isReady() ? JSON.stringify(h.heads()) : "";
    };
    await eventually(() => relayHeads() === JSON.stringify(doc.heads()), 10_000, "the relay to acknowledge the edits");
    // Stored: committed on the primary, hence (synchronous) on the standby.
    await relay.repo.flush();

    await primary.pause();
    const failedAt = performance.now();
    await standby.promote();
    await eventually(async () => (await fetch(`${http}/readyz`)).status === 200 && relay.ownedShards().length === 4, 20_000, `the relay on the promoted standby\n${log.join("\n")}`);
    console.log(`failover: relay ready on the promoted standby ${Math.round(performance.now() - failedAt)} ms after the primary stopped`);
    expect(log.join("\n")).toMatch(/PostgreSQL answers again/);

    doc.change((d) => d.notes.push("after the failover"));
    await eventually(() => relayHeads() === JSON.stringify(doc.heads()), 15_000, `the edit after the failover to reach the relay\n${log.join("\n")}`);
    await relay.repo.flush();
    const onStandby = await withPool(standby.url, async (pool) => {
      const repo = new Repo({ storage: new PostgresStorage(pool), network: [] });
      try {
        return structuredClone((await repo.find<Acct>(doc.documentId)).doc());
      } finally {
        await repo.shutdown();
      }
    });
    expect(onStandby.notes).toEqual([...Array.from({ length: 10 }, (_, i) => `before ${i}`), "after the failover"]);
  }, 90_000);
});
