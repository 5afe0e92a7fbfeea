/**
 * Relays over PostgreSQL, measured against the single file-backed relay in the same run:
 *
 *   npx tsx reliability/relay-cluster.ts [--accounts 20] [--seconds 10] [--touched 10000] [--limit 500] [--kills 3] [--parts sync,kill,memory]
 *
 * 1. Sync delay and throughput: for each account a writer and a reader (stock
 *    automerge-repo clients, connected to the relay that owns the account); every writer
 *    edits every 100 ms; the delay is edit → change seen by the reader. Once with one
 *    file-backed relay, once with three relays over one PostgreSQL.
 * 2. Memory: one relay over PostgreSQL after `--touched` accounts were uploaded through it,
 *    with idle-account unloading at `--limit` open accounts (once back within it), against
 *    the same with no limit.
 * 3. Shard re-ownership: three relays; one is SIGKILLed; the time until the topology names
 *    a live owner for every shard. Repeated `--kills` times.
 *
 * Relays run in their own processes on 127.0.0.1, PostgreSQL in a throwaway cluster; all of
 * it stops at the end. Prints a table (docs/DEPLOY.md keeps the figures).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl, type DocHandle, type Repo } from "@automerge/automerge-repo";
import pg from "pg";
import { ownerOf, topologySchema, type Topology } from "../shared/team-topology";
import { stockClient } from "../src/node/network/test-support";
import { hashToken } from "../src/server/relay/people";
import { addPersonToDatabase } from "../src/server/relay/postgres/directory";
import { spawnRelay, spawnSyncServer, type RelayProcess } from "../src/server/relay/postgres/relay-process";
import { migrateSchema } from "../src/server/relay/postgres/schema";
import { createDatabase, startThrowawayCluster, type ThrowawayCluster } from "../src/server/relay/postgres/throwaway-cluster";
import { arg } from "./lib/args";

/** The sizes of a run (the script's flags; `npm run bench` passes its own). */
export interface RelayRunSize {
  accounts: number;
  seconds: number;
  touched: number;
  /** Open accounts the unloading relay keeps. */
  limit: number;
  kills: number;
  parts: Set<string>;
}

let ACCOUNTS = 20;
let SECONDS = 10;
let TOUCHED = 10_000;
let LIMIT = 500;
let KILLS = 3;
let PARTS = new Set(["sync", "kill", "memory"]);

/** What a run measured; a part not run leaves its figures undefined. */
export interface RelayFigures {
  files?: { p50: number; p99: number; perSecond: number; lost: number };
  postgres?: { p50: number; p99: number; perSecond: number; lost: number };
  reownMs?: number[];
  memory?: Record<"unloading" | "no limit", { rss: number; open: number }>;
  rows: string[][];
}

type Doc = { name: string; edits: number; last: number };

// Every client here is one person ("bench"): lift the per-person socket cap for the run.
const LIMITS = ["--max-sockets-per-person", "10000"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(check: () => Promise<T | false> | T | false, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}
/** Stop a stock client; its adapter throws (synchronously) when its socket never opened. */
async function stopClient(repo: Repo): Promise<void> {
  try {
    await repo.shutdown();
  } catch {
    // already closed
  }
}
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function topology(relay: RelayProcess, token: string): Promise<Topology | null> {
  try {
    const res = await fetch(`${relay.httpUrl}/topology`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2000) });
    return res.ok ? topologySchema.parse(await res.json()) : null;
  } catch {
    return null;
  }
}
const fullyOwned = (t: Topology | null, relays: number) => t !== null && t.owners.every((o) => o !== null) && new Set(t.owners).size === relays;

async function metric(relay: RelayProcess, name: string, attempt = 0): Promise<number> {
  // A kept-alive connection the relay closes as it is reused fails once: ask again.
  if (attempt < 3) return metricOnce(relay, name).catch(() => sleep(200).then(() => metric(relay, name, attempt + 1)));
  return metricOnce(relay, name);
}

async function metricOnce(relay: RelayProcess, name: string): Promise<number> {
  const text = await fetch(`${relay.httpUrl}/metrics`).then(
    (r) => r.text(),
    (e: Error) => {
      throw new Error(`GET /metrics: ${String((e.cause as Error | undefined)?.message ?? e.message)} (relay exit code ${relay.child.exitCode}, signal ${relay.child.signalCode})`);
    },
  );
  const m = new RegExp(`^${name} (\\S+)$`, "m").exec(text);
  return m ? Number(m[1]) : NaN;
}

/** Part 1 on a set of relays: writers and readers per account, each on the account's owner. */
async function syncLoad(urlFor: (documentId: string) => string, token: string): Promise<{ p50: number; p99: number; perSecond: number; lost: number }> {
  const repos: Repo[] = [];
  const client = (url: string, name: string) => {
    const repo = stockClient(`${url}/?token=${encodeURIComponent(token)}`, `${name}-${Math.random().toString(36).slice(2, 8)}`);
    repos.push(repo);
    return repo;
  };
  const pairs: Array<{ writer: DocHandle<Doc>; reader: DocHandle<Doc> }> = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const documentId = parseAutomergeUrl(generateAutomergeUrl()).documentId;
    const url = urlFor(documentId);
    const writer = client(url, `writer-${i}`).import<Doc>(A.save(A.from<Doc>({ name: `Account ${i}`, edits: 0, last: 0 })), { docId: documentId });
    // A reader that asked before the upload arrived was told "unavailable": ask again afresh.
    const reader = await until(
      () => {
        const repo = client(url, `reader-${i}`);
        return repo.find<Doc>(documentId, { signal: AbortSignal.timeout(3000) }).catch(() => {
          repos.splice(repos.indexOf(repo), 1);
          void stopClient(repo);
          return false as const;
        });
      },
      30_000,
      `account ${i} on its relay`,
    );
    pairs.push({ writer, reader });
  }
  const delays: number[] = [];
  for (const { reader } of pairs) {
    let seen = 0;
    reader.on("change", ({ doc }) => {
      if (doc.edits > seen) {
        seen = doc.edits;
        delays.push(Date.now() - doc.last);
      }
    });
  }
  const started = Date.now();
  let sent = 0;
  while (Date.now() - started < SECONDS * 1000) {
    for (const { writer } of pairs) {
      writer.change((d) => {
        d.edits++;
        d.last = Date.now();
      });
      sent++;
    }
    await sleep(100);
  }
  const elapsed = (Date.now() - started) / 1000;
  // Let the last edits arrive, then count what every reader has.
  await until(() => pairs.every(({ writer, reader }) => reader.doc().edits === writer.doc().edits) || false, 20_000, "readers to catch up").catch(() => undefined);
  const lost = pairs.reduce((n, { writer, reader }) => n + (writer.doc().edits - reader.doc().edits), 0);
  await Promise.all(repos.map(stopClient));
  return { p50: percentile(delays, 50), p99: percentile(delays, 99), perSecond: (sent - lost) / elapsed, lost };
}

/** Part 2: upload `TOUCHED` small accounts through one relay and read its memory once it is within `limit` (if any). */
async function touched(relay: RelayProcess, token: string, db: pg.Pool, limit: number | null): Promise<{ rss: number; open: number }> {
  const stored = async () => (await db.query<{ n: number }>("SELECT count(DISTINCT document_id)::int AS n FROM baton_chunks WHERE key[2] IN ('snapshot', 'incremental')")).rows[0]!.n;
  const repo = stockClient(`${relay.url}/?token=${encodeURIComponent(token)}`, `uploader-${Math.random().toString(36).slice(2, 8)}`);
  const batch = 200;
  for (let i = 0; i < TOUCHED; i += batch) {
    const handles = Array.from({ length: Math.min(batch, TOUCHED - i) }, (_, j) => repo.create<Doc>({ name: `Account ${i + j}`, edits: 0, last: 0 }));
    // Wait until the relay has stored them all, then let this client forget them.
    await until(async () => (await stored()) >= i + handles.length || false, 300_000, "uploads stored");
    for (const h of handles) await repo.removeFromCache(h.documentId).catch(() => undefined);
  }
  // Quiet, then back within the limit (the relay sweeps within a second of going past it).
  let last = -1;
  await until(async () => {
    const now = await metric(relay, "baton_relay_sync_messages_received_total");
    const settled = now === last;
    last = now;
    await sleep(1000);
    return settled;
  }, 120_000, "uploads to settle");
  if (limit !== null) await until(async () => (await metric(relay, "baton_relay_open_accounts")) <= limit || false, 30_000, `the relay back within ${limit} open accounts`);
  // Read alike with and without a limit: a second after the last change either saw.
  await sleep(1000);
  const result = { rss: await metric(relay, "baton_relay_resident_bytes"), open: await metric(relay, "baton_relay_open_accounts") };
  await stopClient(repo);
  return result;
}

/** Run the parts asked for; everything it starts is stopped before it returns. */
export async function measureRelays(size: RelayRunSize): Promise<RelayFigures> {
  ({ accounts: ACCOUNTS, seconds: SECONDS, touched: TOUCHED, limit: LIMIT, kills: KILLS, parts: PARTS } = size);
  const figures: RelayFigures = { rows: [] };
  const cluster: ThrowawayCluster = await startThrowawayCluster();
  const dir = await mkdtemp(join(tmpdir(), "baton-relay-cluster-"));
  const running: RelayProcess[] = [];
  const rows = figures.rows;
  try {
    // ---- 1. the same load on one file-backed relay and on three relays over PostgreSQL
    if (PARTS.has("sync") || PARTS.has("kill")) {
    const token = "bench-token-0123456789";
    await writeFile(join(dir, "tokens.json"), JSON.stringify({ people: [{ id: "bench", name: "Bench", token: hashToken(token) }] }));
    const single = await spawnSyncServer(["--data", join(dir, "data"), "--tokens", join(dir, "tokens.json"), ...LIMITS]);
    running.push(single);
    const files = await syncLoad(() => single.url, token);
    await single.kill("SIGTERM");

    const url = await createDatabase(cluster, "bench");
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    await migrateSchema(pool);
    const pgToken = await addPersonToDatabase(pool, "bench", "Bench");
    await pool.end();
    const relays = await Promise.all([0, 1, 2].map(() => spawnRelay(url, LIMITS)));
    running.push(...relays);
    const t = await until(async () => {
      const t = await topology(relays[0]!, pgToken);
      return t !== null && fullyOwned(t, 3) ? t : false;
    }, 30_000, "three relays to own every shard");
    const onPg = await syncLoad((documentId) => ownerOf(t, documentId)!, pgToken);
    figures.files = files;
    figures.postgres = onPg;
    rows.push(["sync delay p50", `${files.p50} ms`, `${onPg.p50} ms`, (onPg.p50 / files.p50).toFixed(2)]);
    rows.push(["sync delay p99", `${files.p99} ms`, `${onPg.p99} ms`, (onPg.p99 / files.p99).toFixed(2)]);
    rows.push(["edits delivered per second", files.perSecond.toFixed(0), onPg.perSecond.toFixed(0), (onPg.perSecond / files.perSecond).toFixed(2)]);
    rows.push(["edits not delivered", String(files.lost), String(onPg.lost), "—"]);

    // ---- 3. shard re-ownership after SIGKILL
    const reown: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      await until(async () => fullyOwned(await topology(relays[0]!, pgToken), 3) || false, 30_000, "all shards owned by three relays");
      const victim = relays.splice(1 + (k % 2), 1)[0]!;
      const started = performance.now();
      await victim.kill("SIGKILL");
      await until(async () => {
        const t = await topology(relays[0]!, pgToken);
        return (t !== null && t.owners.every((o) => o !== null && o !== victim.url)) || false;
      }, 30_000, "shards owned again");
      reown.push(performance.now() - started);
      const fresh = await spawnRelay(url, LIMITS);
      relays.push(fresh);
      running.push(fresh);
    }
    figures.reownMs = reown;
    rows.push(["shards owned again after SIGKILL (median / max)", "—", `${percentile(reown, 50).toFixed(0)} / ${Math.max(...reown).toFixed(0)} ms`, "—"]);
    await Promise.all(relays.map((r) => r.kill("SIGTERM")));
    }

    // ---- 2. memory with many accounts touched, unloading on and off
    const memory: Record<string, { rss: number; open: number }> = {};
    if (PARTS.has("memory")) {
    for (const [name, max] of [["unloading", LIMIT], ["no limit", null]] as const) {
      const db = await createDatabase(cluster, `memory_${name.replace(/\W/g, "_")}`);
      const p = new pg.Pool({ connectionString: db, max: 2 });
      await migrateSchema(p);
      const tok = await addPersonToDatabase(p, "bench", "Bench");
      await p.end();
      const relay = await spawnRelay(db, ["--max-open-accounts", String(max ?? 1_000_000), ...LIMITS]);
      running.push(relay);
      const check = new pg.Pool({ connectionString: db, max: 1 });
      memory[name] = await touched(relay, tok, check, max).finally(() => check.end()).catch((e: Error) => {
        throw new Error(`${e.message}\nrelay log:\n${relay.log().slice(-3000)}`);
      });
      await relay.kill("SIGTERM");
    }
    figures.memory = memory as RelayFigures["memory"];
    const on = memory["unloading"]!;
    const off = memory["no limit"]!;
    const mib = (b: number) => `${(b / 1048576).toFixed(0)} MiB`;
    rows.push([`relay memory, ${TOUCHED} accounts touched`, `${mib(off.rss)} (${off.open} open, no limit)`, `${mib(on.rss)} (${on.open} open)`, (on.rss / off.rss).toFixed(2)]);
    }
  } finally {
    await Promise.all(running.map((r) => r.kill("SIGKILL")));
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}

async function main(): Promise<void> {
  const { rows } = await measureRelays({
    accounts: Number(arg("accounts", "20")),
    seconds: Number(arg("seconds", "10")),
    touched: Number(arg("touched", "10000")),
    limit: Number(arg("limit", "500")),
    kills: Number(arg("kills", "3")),
    parts: new Set(arg("parts", "sync,kill,memory").split(",")),
  });
  const head = ["Measure", "Baseline (one file relay / no limit)", "Relays on PostgreSQL", "Ratio"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  console.log([line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));
  console.log(`${ACCOUNTS} accounts × 10 edits/s for ${SECONDS} s, one writer and one reader each; ${KILLS} kills; ${TOUCHED} accounts touched.`);
}

// Run as a script, not when `npm run bench` imports measureRelays.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    () => process.exit(0),
    (e: Error) => {
      console.error(`relay-cluster: ${e.stack ?? e.message}`);
      process.exit(1);
    },
  );
}
