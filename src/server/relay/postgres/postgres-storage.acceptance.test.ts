/**
 * automerge-repo's own storage adapter acceptance suite, run on PostgresStorage against a
 * throwaway PostgreSQL cluster (initdb with data checksums, loopback, stopped at the end);
 * one fresh database per case so cases cannot see each other's rows.
 */
import { runStorageAdapterTests } from "@automerge/automerge-repo/helpers/tests/storage-adapter-tests.js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStorage } from "./postgres-storage";
import { migrateSchema } from "./schema";
import { createDatabase, startThrowawayCluster, type ThrowawayCluster } from "./throwaway-cluster";

let cluster: ThrowawayCluster;
let databases = 0;
beforeAll(async () => {
  cluster = await startThrowawayCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

describe("PostgresStorage", () => {
  runStorageAdapterTests(async () => {
    const pool = new pg.Pool({ connectionString: await createDatabase(cluster, `case_${++databases}`), max: 4 });
    await migrateSchema(pool);
    return { adapter: new PostgresStorage(pool), teardown: () => pool.end() };
  }, "postgres");
});

describe("PostgresStorage on a cluster", () => {
  it("was created with data checksums, so a torn or rotted page is reported rather than read", async () => {
    const pool = new pg.Pool({ connectionString: cluster.url, max: 1 });
    const r = await pool.query<{ data_checksums: string }>("SHOW data_checksums");
    await pool.end();
    expect(r.rows[0]?.data_checksums).toBe("on");
  });

  it("keeps what a second adapter on the same database saved, and tells which documents have content", async () => {
    const url = await createDatabase(cluster, "shared_case");
    const a = new pg.Pool({ connectionString: url, max: 2 });
    const b = new pg.Pool({ connectionString: url, max: 2 });
    await migrateSchema(a);
    await migrateSchema(b); // a second relay starting against the same schema changes nothing
    const one = new PostgresStorage(a);
    const two = new PostgresStorage(b);
    await one.save(["doc1", "incremental", "h1"], new Uint8Array([1, 2, 3]));
    await two.save(["doc1", "incremental", "h2"], new Uint8Array([4]));
    await two.save(["doc2", "sync-state", "peer"], new Uint8Array([5]));
    expect((await one.loadRange(["doc1", "incremental"])).map((c) => c.key[2]).sort()).toEqual(["h1", "h2"]);
    expect(await one.hasContent("doc1")).toBe(true);
    expect(await one.hasContent("doc2")).toBe(false);
    await a.end();
    await b.end();
  });

  it("loads a document whole while another relay compacts it between automerge-repo's two reads", async () => {
    const url = await createDatabase(cluster, "compaction_case");
    const a = new pg.Pool({ connectionString: url, max: 2 });
    const b = new pg.Pool({ connectionString: url, max: 2 });
    await migrateSchema(a);
    const writer = new PostgresStorage(a);
    const reader = new PostgresStorage(b);
    await writer.save(["doc1", "incremental", "i1"], new Uint8Array([1]));
    await writer.save(["doc1", "incremental", "i2"], new Uint8Array([2]));
    // The reader's Repo asks for snapshots (none yet) …
    expect(await reader.loadRange(["doc1", "snapshot"])).toEqual([]);
    // … the writer compacts: a snapshot of everything, then the incrementals go …
    await writer.save(["doc1", "snapshot", "s1"], new Uint8Array([1, 2]));
    await writer.removeRange(["doc1", "incremental"]);
    // … and the reader's second question still completes the first answer, not the new state.
    expect((await reader.loadRange(["doc1", "incremental"])).map((c) => c.key[2])).toEqual(["i1", "i2"]);
    // A later load sees the compacted document.
    expect((await reader.loadRange(["doc1", "snapshot"])).map((c) => c.key[2])).toEqual(["s1"]);
    expect(await reader.loadRange(["doc1", "incremental"])).toEqual([]);
    await a.end();
    await b.end();
  });
});
