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
 * accounts that another relay may be taking over.
 *
 * A connection can also hang without closing (the database host frozen, a network path
 * that drops packets): nothing fails, queries just never answer. So ownership is a lease
 * with two ends that need no shared clock. The relay counts, on its own monotonic clock,
 * from the start of its last completed round; after `leaseMs` without another it drops
 * every shard and abandons the connection. PostgreSQL ends the lock session itself once
 * it has been idle for twice that (`idle_session_timeout`, and TCP timeouts for a session
 * that stops acknowledging), which frees the locks for the other relays. Every query of a
 * round reached the server after the round started, so the server's idle time starts
 * later than the relay's count: the relay has always let go at least `leaseMs` before
 * another relay can take its shards.
 *
 * Two relays can still both hold an account's document for a moment (the old one's
 * unloading, a write that was in flight); that is safe because storage is
 * content-addressed (postgres-storage.ts) and laptops converge on whichever relay the
 * topology names.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Pool } from "pg";
import type { Topology } from "../../../../shared/team-topology";
import { LOCK_CLASS } from "./schema";
import { abandon, within, type PostgresTarget } from "./connection";

export interface ShardOwnerOptions {
  /** Where the lock connection goes; looked up again after a failed round (failover). */
  target: PostgresTarget;
  pool: Pool;
  /** The URL laptops use to reach this relay (ws:// or wss://). */
  url: string;
  shardCount: number;
  roundMs?: number;
  /** How long without a completed round before this relay lets go of its shards. Default max(3 rounds, 3 s). */
  leaseMs?: number;
  onGained: (shards: number[]) => void;
  /** `reason` is set when the database was lost (not when shards were handed to another relay). */
  onLost: (shards: number[], reason: string | null) => void;
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
  /** When (monotonic clock) the last completed round started; the lease runs from there. */
  #leaseFrom = -Infinity;
  #watchdog: NodeJS.Timeout | null = null;
  #failing = false;
  /** A connection being opened: abandoned with the round if the round runs out of time. */
  #connecting: pg.Client | null = null;
  readonly leaseMs: number;

  constructor(options: ShardOwnerOptions) {
    this.#o = options;
    this.leaseMs = options.leaseMs ?? Math.max(3 * (options.roundMs ?? 1000), 3000);
  }

  /** Milliseconds since the last round this relay completed with the database. */
  sinceLastRound(): number {
    return performance.now() - this.#leaseFrom;
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
    // Not tied to the rounds: a round waiting on a hung connection must not hold the lease.
    this.#watchdog = setInterval(() => this.#checkLease(), Math.max(50, Math.min(250, this.leaseMs / 8)));
    this.#watchdog.unref();
  }

  #checkLease(): void {
    if (this.#stopped || this.#owned.size === 0 || this.sinceLastRound() <= this.leaseMs) return;
    this.#dropAll(`PostgreSQL has not answered for ${Math.round(this.sinceLastRound())} ms`);
    // The connection may be hung rather than closed: abandon it, the next round opens another.
    const c = this.#client;
    this.#client = null;
    if (c) abandon(c);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#watchdog) clearInterval(this.#watchdog);
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
    const now = performance.now();
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
    const url = this.#failing ? await this.#o.target.findPrimary(this.leaseMs) : this.#o.target.current;
    const client = new pg.Client({
      connectionString: url,
      application_name: APPLICATION,
      // A hung connection fails the round instead of stalling it.
      query_timeout: this.leaseMs,
      connectionTimeoutMillis: this.leaseMs,
      keepAlive: true,
    });
    client.on("error", () => undefined);
    this.#connecting = client;
    try {
      await client.connect();
      await this.#holdSessionToLease(client);
    } catch (e) {
      abandon(client);
      throw e;
    }
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
    // The round gave up on this connection while it was opening: it must hold nothing.
    if (this.#connecting !== client) {
      abandon(client);
      throw new Error("the connection opened too late");
    }
    this.#connecting = null;
    this.#client = client;
  }

  /**
   * The server's end of the lease: PostgreSQL closes this session (and frees its locks) when
   * the relay has not spoken for twice the lease, or stops acknowledging what it is sent.
   * idle_session_timeout needs PostgreSQL 14; on 13 only the TCP settings apply.
   */
  async #holdSessionToLease(client: pg.Client): Promise<void> {
    const serverLease = 2 * this.leaseMs;
    const keepalive = Math.max(1, Math.floor(this.leaseMs / 3000));
    await client.query(`SET tcp_keepalives_idle = ${keepalive}; SET tcp_keepalives_interval = ${keepalive}; SET tcp_keepalives_count = 3; SET tcp_user_timeout = ${serverLease}`);
    try {
      await client.query(`SET idle_session_timeout = ${serverLease}`);
    } catch (e) {
      this.#o.log(`this PostgreSQL cannot end an idle session (${(e as Error).message}); a relay cut off from it keeps its shards until TCP keepalive ends its session`);
    }
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#round = this.#runRound().finally(() => this.#schedule());
    }, this.#o.roundMs ?? 1000);
  }

  async #runRound(): Promise<void> {
    const started = performance.now();
    try {
      // A hard deadline of its own: a round must never outlive the lease waiting on a socket.
      await within(
        (async () => {
          if (!this.#client) await this.#connect();
          await this.#balance(this.#client!);
        })(),
        this.leaseMs,
      );
      // A round that outlived the lease is no proof of it: the watchdog has let go meanwhile.
      if (performance.now() - started <= this.leaseMs) this.#leaseFrom = started;
      if (this.#failing) this.#o.log("PostgreSQL answers again");
      this.#failing = false;
    } catch (e) {
      if (!this.#failing) this.#o.log(`a round with PostgreSQL failed (${(e as Error).message}); trying again every ${this.#o.roundMs ?? 1000} ms`);
      this.#failing = true;
      this.#dropAll(`cannot reach PostgreSQL (${(e as Error).message})`);
      const c = this.#client;
      this.#client = null;
      if (c) abandon(c);
      if (this.#connecting) abandon(this.#connecting);
    } finally {
      this.#connecting = null;
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
      this.#o.onLost(extra, null);
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
    this.#o.onLost(lost, reason);
  }
}
