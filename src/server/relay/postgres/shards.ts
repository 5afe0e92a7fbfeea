/**
 * One owner per account across relays: each virtual shard (shared/team-topology.ts) is
 * owned by the relay that holds the PostgreSQL advisory lock (LOCK_CLASS.shard, shard) on
 * its dedicated connection. PostgreSQL is the arbiter, not the relays' clocks: when a relay
 * dies its connection closes, its locks free at once, and the next round of any other
 * relay takes them.
 *
 * Every round (default 1 s) a relay counts the live relays (rows of baton_relays whose
 * backend is still connected), aims to own ceil(shards / live) shards, takes free ones
 * until it does and gives back any above that (a relay that joined gets its share).
 *
 * If the dedicated connection fails or a round cannot reach the database, the relay drops
 * every shard at once and says so: a relay cut off from PostgreSQL must not keep serving
 * accounts that another relay may be taking over. Two relays can still both hold an
 * account for the moment it takes the old one to notice; that is safe because storage is
 * content-addressed (postgres-storage.ts) and laptops converge on whichever relay the
 * topology names.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Pool } from "pg";
import type { Topology } from "../../../../shared/team-topology";
import { LOCK_CLASS } from "./schema";

export interface ShardOwnerOptions {
  connectionString: string;
  pool: Pool;
  /** The URL laptops use to reach this relay (ws:// or wss://). */
  url: string;
  shardCount: number;
  roundMs?: number;
  onGained: (shards: number[]) => void;
  onLost: (shards: number[]) => void;
  log: (line: string) => void;
}

const APPLICATION = "baton-relay-shards";

export class ShardOwner {
  readonly #o: ShardOwnerOptions;
  readonly relayId = randomUUID();
  readonly #owned = new Set<number>();
  #client: pg.Client | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  #round: Promise<void> = Promise.resolve();
  #topology: { at: number; value: Promise<Topology> } | null = null;
  /** When this relay last completed a round with the database (for readiness). */
  lastRoundAt = 0;

  constructor(options: ShardOwnerOptions) {
    this.#o = options;
  }

  get shardCount(): number {
    return this.#o.shardCount;
  }

  owns(shard: number): boolean {
    return this.#owned.has(shard);
  }

  owned(): number[] {
    return [...this.#owned].sort((a, b) => a - b);
  }

  async start(): Promise<void> {
    await this.#connect();
    await this.#runRound();
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#round.catch(() => undefined);
    const c = this.#client;
    this.#client = null;
    // Ending the session frees every lock it holds: the other relays take the shards next round.
    await c?.query("DELETE FROM baton_relays WHERE relay_id = $1", [this.relayId]).catch(() => undefined);
    await c?.end().catch(() => undefined);
    this.#dropAll(null);
  }

  /** Who owns which shard now, as PostgreSQL sees it (cached for half a second). */
  topology(): Promise<Topology> {
    const now = Date.now();
    if (this.#topology && now - this.#topology.at < 500) return this.#topology.value;
    const value = this.#readTopology();
    this.#topology = { at: now, value };
    value.catch(() => {
      if (this.#topology?.value === value) this.#topology = null;
    });
    return value;
  }

  async #readTopology(): Promise<Topology> {
    const r = await this.#o.pool.query<{ shard: number; url: string }>(
      `SELECT l.objid::int AS shard, r.url FROM pg_locks l JOIN baton_relays r ON r.backend_pid = l.pid
       WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objsubid = 2 AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [LOCK_CLASS.shard],
    );
    const owners: (string | null)[] = Array.from({ length: this.#o.shardCount }, () => null);
    for (const row of r.rows) if (row.shard < owners.length) owners[row.shard] = row.url;
    return { shardCount: this.#o.shardCount, owners };
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#o.connectionString, application_name: APPLICATION });
    client.on("error", () => undefined);
    await client.connect();
    client.on("end", () => {
      if (this.#client !== client) return;
      this.#client = null;
      if (!this.#stopped) this.#dropAll("lost the connection that holds this relay's shard locks");
    });
    await client.query(
      `INSERT INTO baton_relays (relay_id, url, backend_pid) VALUES ($1, $2, pg_backend_pid())
       ON CONFLICT (relay_id) DO UPDATE SET url = EXCLUDED.url, backend_pid = EXCLUDED.backend_pid, started_at = now()`,
      [this.relayId, this.#o.url],
    );
    this.#client = client;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#round = this.#runRound().finally(() => this.#schedule());
    }, this.#o.roundMs ?? 1000);
  }

  async #runRound(): Promise<void> {
    try {
      if (!this.#client) await this.#connect();
      await this.#balance(this.#client!);
      this.lastRoundAt = Date.now();
    } catch (e) {
      this.#dropAll(`cannot reach PostgreSQL (${(e as Error).message})`);
      const c = this.#client;
      this.#client = null;
      await c?.end().catch(() => undefined);
    }
  }

  async #balance(c: pg.Client): Promise<void> {
    const n = this.#o.shardCount;
    const live = await c.query<{ relays: number }>(
      `SELECT count(*)::int AS relays FROM baton_relays r JOIN pg_stat_activity a ON a.pid = r.backend_pid AND a.application_name = $1`,
      [APPLICATION],
    );
    const target = Math.ceil(n / Math.max(1, live.rows[0]?.relays ?? 1));
    // Shards above our share go back (highest first), for a relay that just joined.
    const extra = this.owned().slice(target);
    if (extra.length > 0) {
      for (const shard of extra) await c.query("SELECT pg_advisory_unlock($1, $2)", [LOCK_CLASS.shard, shard]);
      for (const shard of extra) this.#owned.delete(shard);
      this.#o.onLost(extra);
    }
    if (this.#owned.size >= target) return;
    const taken = await c.query<{ shard: number }>(
      "SELECT objid::int AS shard FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objsubid = 2 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      [LOCK_CLASS.shard],
    );
    const busy = new Set(taken.rows.map((r) => r.shard));
    const free = Array.from({ length: n }, (_, i) => i).filter((s) => !busy.has(s) && !this.#owned.has(s));
    const gained: number[] = [];
    // Start at a different place on every relay so that relays starting together do not all try the same shards.
    const offset = Math.floor(Math.random() * Math.max(1, free.length));
    for (let i = 0; i < free.length && this.#owned.size < target; i++) {
      const shard = free[(i + offset) % free.length]!;
      const r = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [LOCK_CLASS.shard, shard]);
      if (r.rows[0]?.ok) {
        this.#owned.add(shard);
        gained.push(shard);
      }
    }
    if (gained.length > 0) {
      this.#topology = null;
      this.#o.onGained(gained.sort((a, b) => a - b));
    }
  }

  #dropAll(reason: string | null): void {
    if (this.#owned.size === 0) return;
    const lost = this.owned();
    this.#owned.clear();
    this.#topology = null;
    if (reason) this.#o.log(`${reason}: gave up ${lost.length} shard(s) until it is back`);
    this.#o.onLost(lost);
  }
}
