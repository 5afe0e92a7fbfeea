/**
 * What the PostgreSQL relay tests share: a throwaway cluster for the test file with a fresh
 * database per test, cleanups run after each test, and two laptops editing shared accounts
 * in turn until told to stop, with a check that every edit reached both.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { SyncNode } from "../../../node/sync-node";
import { addCommitmentOn, eventually, texts } from "../../../node/test-helpers";
import { addPersonToDatabase } from "./directory";
import { migrateSchema } from "./schema";
import { createDatabase, startThrowawayCluster, type ThrowawayCluster } from "./throwaway-cluster";

/** Registers the file's cluster and cleanup hooks; call at the top of a test file. */
export function throwawayDatabases(prefix: string) {
  let cluster: ThrowawayCluster | undefined;
  let databases = 0;
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(async () => {
    cluster = await startThrowawayCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  afterEach(async () => {
    while (cleanups.length) await Promise.resolve(cleanups.pop()!()).catch(() => undefined);
  });
  /** A fresh database with people in it; returns its URL and each person's token. */
  async function database(people: string[]): Promise<{ url: string; tokens: Record<string, string>; pool: pg.Pool }> {
    const url = await createDatabase(cluster!, `${prefix}_${++databases}`);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    cleanups.push(() => pool.end());
    await migrateSchema(pool);
    const tokens: Record<string, string> = {};
    for (const id of people) tokens[id] = await addPersonToDatabase(pool, id, id.toUpperCase());
    return { url, tokens, pool };
  }
  return { cleanups, database };
}

/** Ana and Bob add commitments to `ids` in turn, one every `gapMs`, until `stop()`. */
export function editInTurn(ana: SyncNode, bob: SyncNode, ids: string[], gapMs: number) {
  const edits = new Map<string, string[]>(ids.map((id) => [id, []]));
  let n = 0;
  let editing = true;
  const loop = (async () => {
    while (editing) {
      const id = ids[n % ids.length]!;
      const text = `edit ${n} by ${n % 2 ? "bob" : "ana"}`;
      await addCommitmentOn(n % 2 ? bob : ana, id, text);
      edits.get(id)!.push(text);
      n++;
      await new Promise((r) => setTimeout(r, gapMs));
    }
  })();
  return {
    /** Edits made so far. */
    count: () => n,
    async stop(): Promise<number> {
      editing = false;
      await loop;
      return n;
    },
    /** Every edit made on either laptop is on both (waits up to `timeoutMs` per account). */
    async converged(timeoutMs: number): Promise<void> {
      for (const id of ids) {
        const expected = JSON.stringify([...edits.get(id)!].sort());
        await eventually(
          async () => JSON.stringify(await texts(ana, id)) === expected && JSON.stringify(await texts(bob, id)) === expected,
          timeoutMs,
          `account ${id} to converge on both laptops`,
        );
      }
    },
  };
}
