/**
 * The team sync server: an always-on automerge-repo relay with Baton's crash-safe
 * storage, token authentication at the WebSocket upgrade and a health endpoint
 * (DESIGN.md "Sync topologies", 3). It never announces documents: a client gets a
 * document only by asking for it by id, and only if it belongs to that account.
 *
 * Who is who: every socket is authenticated at the upgrade as one *person* of the tokens
 * file (people.ts) or as the `--token` administrator. Who gets what: `shareConfig.access`
 * asks membership.ts whether that person belongs to the document; anyone else gets
 * `doc-unavailable`, and their sync messages for it are never applied. When the tokens
 * file changes, the sockets of people whose token was revoked or replaced are closed.
 */
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { mkdir } from "node:fs/promises";
import { createHash, randomBytes } from "node:crypto";
import { Repo, isValidDocumentId } from "@automerge/automerge-repo";
import type { DocHandle, DocumentId, PeerId, StorageAdapterInterface } from "@automerge/automerge-repo";
import pg from "pg";
import { decodeSyncMessage } from "@automerge/automerge";
import { HardenedServerAdapter, type PeerGrant } from "../../node/network/hardened-server-adapter";
import { startListener, tokenFrom, type Listener } from "../../node/network/listener";
import type { ConnectionLimits } from "../../node/network/connection-gate";
import { CrashSafeStorage } from "../../node/storage/crash-safe-storage";
import { decodeKeyPart, keyFolderPath } from "../../node/storage/key-path";
import { inviteAllows, listedMembersOf, Membership, type MembershipStore } from "./membership";
import { erasedInto } from "../../node/accounts/keeping";
import { PostgresDirectory } from "./postgres/directory";
import { PostgresTarget } from "./postgres/connection";
import { PostgresStorage } from "./postgres/postgres-storage";
import { migrateSchema } from "./postgres/schema";
import { ShardOwner } from "./postgres/shards";
import { shardOf } from "../../../shared/team-topology";
import { IdleAccounts } from "./idle-accounts";
import { RelayMetrics } from "./relay-metrics";
import { People, type Person } from "./people";
import { onEveryHandle } from "./watch-handles";

export interface RelayOptions {
  /** File storage: documents and members.json in this folder (the single-process default). */
  dataDir?: string;
  /**
   * Shared storage: a PostgreSQL connection string; people and members live in its tables.
   * Several, comma-separated (primary first, then standbys): the relay uses whichever accepts
   * writes and looks again when it loses the database (connection.ts).
   */
  postgres?: string;
  host: string;
  port: number;
  /** Single-administrator shortcut: this token may sync every document. */
  token?: string;
  /** Per-person tokens (people.ts); re-read when it changes. */
  tokensFile?: string;
  /** How often the tokens file is checked for changes. Default 1000 ms. */
  tokensPollMs?: number;
  tls?: { cert: string; key: string };
  /** With PostgreSQL: the ws(s):// URL laptops use to reach this relay (default: the URL it listens on). */
  publicUrl?: string;
  /** With PostgreSQL: how many virtual shards accounts are spread over (the same on every relay). Default 64. */
  shardCount?: number;
  /** With PostgreSQL: how often a relay checks and balances its shards. Default 1000 ms. */
  shardRoundMs?: number;
  /**
   * With PostgreSQL: how long the database may stay silent before this relay gives up its
   * shards (shards.ts, the lease). Default max(3 rounds, 3 s).
   */
  leaseMs?: number;
  /** With PostgreSQL: a query unanswered this long fails (a hung connection). Default 10 s. */
  queryTimeoutMs?: number;
  /** Accounts no peer synced for this long are unloaded from memory. Default 10 minutes. */
  idleMs?: number;
  /** At most this many accounts stay loaded; the least recently used go first. Default 2000. */
  maxOpenAccounts?: number;
  /** Going past `maxOpenAccounts` brings the next sweep this close. Default 1 s. */
  overBoundSweepMs?: number;
  /** Connection limits (network/connection-gate.ts); `maxSocketsPerKey` counts per person. */
  limits?: Partial<ConnectionLimits>;
  log?: (line: string) => void;
}

export interface Relay {
  url: string;
  port: number;
  repo: Repo;
  people: People;
  membership: MembershipStore;
  /** With PostgreSQL: the shards this relay owns now. */
  ownedShards(): number[];
  /** Unload idle accounts now (the relay does this by itself every few seconds). */
  sweepIdle(): Promise<number>;
  /** Re-read the tokens file now (the CLI calls this on SIGHUP). */
  reloadTokens(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `GET /accounts` with a person's token: the ids of every account they belong to, so a new
 * laptop can get them all back. A small authenticated HTTP endpoint rather than the sync
 * protocol: automerge-repo's protocol only syncs documents a peer already names (there is
 * no "list" message, and this server never announces), and a custom message type would
 * need both sides' adapters to carry it; `/whoami` and `/join` already sit here with the
 * same bearer-token check, and the answer is ids only: each account still comes over the
 * sync protocol, through the same membership check as any other request.
 */
export const ACCOUNTS_PATH = "/accounts";

/** The close reason of a peer asked to reconnect because this relay owns its accounts again. */
export const RESYNC_REASON = "this relay owns your accounts again: reconnect to sync them";

/** The close reason every peer gets when the relay loses PostgreSQL: what it receives now could not be stored. */
export const LOST_DATABASE_REASON = "this relay lost its database: ask the server who owns your accounts and sync there";

/** The close reason a revoked person's sockets get. */
export const REVOKED_REASON = "access revoked: this token is no longer valid";

export async function startRelay(o: RelayOptions): Promise<Relay> {
  if ((o.dataDir === undefined) === (o.postgres === undefined)) throw new Error("give the relay either a data folder or a PostgreSQL URL");
  if (o.postgres !== undefined && o.tokensFile !== undefined) throw new Error("with PostgreSQL, people live in the database: add them with sync-server add-person --postgres URL");
  const log = o.log ?? (() => undefined);
  const grantPerson = new WeakMap<PeerGrant, Person>();
  // Which (peer, unknown document) pairs just sent content: a sync message with heads is an
  // upload, a request is not. Noted by the screen below, which runs before the Repo sees the
  // message; `access` consumes the entry for the same message right after.
  const uploads = new Set<string>();
  const key = (peerId: string, documentId: string) => `${peerId}\u0000${documentId}`;
  // Documents with chunks on disk when the server started (later ones have a handle).
  let stored = new Set<string>();
  /** Whether the server has heard of a document at all (no I/O: asked for every message). */
  const heardOf = (documentId: string) => membership.known(documentId) || stored.has(documentId) || repo.handles[documentId as DocumentId] !== undefined;
  const adapter = new HardenedServerAdapter({
    log: o.log,
    // A member asking for an id the server never heard of is answered at once, before the
    // Repo, which would otherwise remember the id for the life of the process.
    screenDocument: ({ peerId, grant }, m) => {
      const person = grantPerson.get(grant);
      if (person === undefined || person.admin || heardOf(m.documentId)) return true;
      if (m.type !== "sync" || !holdsContent(m.data)) return false;
      uploads.add(key(peerId, m.documentId));
      return true;
    },
  });
  const people = new People({
    tokensFile: o.tokensFile,
    adminToken: o.token,
    pollMs: o.tokensPollMs,
    fromDatabase: o.postgres !== undefined,
    log,
    onReload: (stillValid) => {
      const closed = adapter.disconnectWhere((grant) => {
        const person = grantPerson.get(grant);
        return person !== undefined && !stillValid(person);
      }, REVOKED_REASON);
      if (closed > 0) log(`closed ${closed} socket(s) whose token is no longer valid`);
    },
  });
  let shareChangedSoon = () => undefined as void;
  const store =
    o.postgres !== undefined
      ? await postgresStore(PostgresTarget.parse(o.postgres), o.queryTimeoutMs ?? 10_000, people, () => shareChangedSoon(), log)
      : await fileStore(resolve(o.dataDir ?? "."), log);
  const { membership, storage } = store;
  stored = store.stored;

  const repo: Repo = new Repo({
    storage,
    network: [adapter],
    // Unique per relay, not per process: laptops linked to two relays tell them apart by it.
    peerId: `baton-sync-server-${process.pid}-${randomBytes(4).toString("hex")}` as PeerId,
    // `access` (below) is consulted for every message about a document, and before sharing.
    shareConfig: { announce: async () => false, access: (peerId, documentId) => access(peerId, documentId) },
  });
  const loading = new Set<string>();
  /** Read a known document's own member list in the background (never inside `access`: find() calls access). */
  const readListedSoon = (documentId: string) => {
    // Another relay owns it and keeps its member list in the database for us.
    if (!ownsAccount(documentId)) return;
    if (loading.has(documentId) || repo.handles[documentId as DocumentId]?.isReady()) return;
    loading.add(documentId);
    setTimeout(() => {
      repo
        .find(documentId as DocumentId, { signal: AbortSignal.timeout(30_000) })
        .catch(() => undefined)
        .finally(() => loading.delete(documentId));
    }, 0);
  };
  const serverHasContent = async (documentId: string): Promise<boolean> => {
    const handle = repo.handles[documentId as DocumentId];
    if (handle?.isReady() && handle.heads().length > 0) return true;
    return store.hasContent(documentId);
  };

  async function access(peerId: PeerId, documentId: DocumentId | undefined): Promise<boolean> {
    const upload = documentId !== undefined && uploads.delete(key(peerId, documentId));
    const grant = adapter.grantOf(peerId);
    const person = grant ? grantPerson.get(grant) : undefined;
    if (!person || !people.isValid(person)) return false;
    // Another relay owns this account: the laptop must sync it there (GET /topology).
    if (documentId !== undefined && !ownsAccount(documentId)) {
      noteRefusedHere(documentId, peerId);
      return false;
    }
    if (person.admin) return true;
    if (!documentId) return false;
    if (membership.isMember(documentId, person.id)) return true;
    if (membership.known(documentId)) {
      // The person may have been added to the document's list since we last read it.
      readListedSoon(documentId);
      return false;
    }
    if (await serverHasContent(documentId)) {
      readListedSoon(documentId);
      return false;
    }
    if (!upload) return false; // asking for an id the server does not have claims nothing
    const claimed = await membership.claim(documentId, person.id);
    if (claimed) log(`${person.id} uploaded new document ${documentId} and is its first member`);
    return claimed;
  }

  // Keep each document's own member list in step with the server's copy.
  let reevaluate: NodeJS.Timeout | null = null;
  const shareChanged = () => {
    if (reevaluate) return;
    reevaluate = setTimeout(() => {
      reevaluate = null;
      repo.shareConfigChanged();
    }, 100);
  };
  shareChangedSoon = shareChanged;
  const readListed = (handle: DocHandle<unknown>) => {
    // An empty document (one never received, or being unloaded) lists nobody: it must not clear the record.
    if (!handle.isReady() || handle.heads().length === 0) return;
    const doc = handle.doc();
    if (doc === undefined) return;
    const change = membership.setListed(handle.documentId, listedMembersOf(doc));
    if (change !== "same") shareChanged();
    // An account erased into a fresh one: its members belong to the fresh one (only a member can write the erasure).
    const successor = erasedInto(doc);
    if (successor) {
      void membership.inherit(successor, membership.members(handle.documentId)).then(
        (grown) => grown && shareChanged(),
        (e: Error) => log(`members.json write failed: ${e.message}`),
      );
    }
  };
  onEveryHandle(repo, (handle) => {
    // Members who asked for it before it was uploaded get it now, as if the Repo had recorded their request.
    adapter.releaseHeldBack(handle.documentId);
    handle.on("change", () => readListed(handle));
    handle
      .whenReady()
      .then(() => readListed(handle))
      .catch(() => undefined);
  });

  people.watch();

  const metrics = new RelayMetrics(repo);
  const idle = new IdleAccounts(repo, {
    idleMs: o.idleMs ?? 10 * 60_000,
    maxOpen: o.maxOpenAccounts ?? 2000,
    sweepMs: Math.min(10_000, Math.max(100, (o.idleMs ?? 10 * 60_000) / 4)),
    overBoundSweepMs: o.overBoundSweepMs ?? 1000,
    log,
  });
  const clock = watchWallClock((backMs) => {
    const open = Object.keys(repo.handles);
    log(`the wall clock went back ${Math.round(backMs / 1000)} s: reloading ${open.length} open account(s), whose saves and sync would otherwise wait that long`);
    void idle.unload(open);
  });
  let shards: ShardOwner | undefined;
  /**
   * Peers refused an account because this relay did not own it at that moment (it had lost
   * the database, or the shard was moving here). When the shard arrives they are asked to
   * reconnect, so what they sent while refused is sent again.
   */
  const refusedHere = new Map<string, Set<PeerId>>();
  const noteRefusedHere = (documentId: string, peerId: PeerId) => {
    if (!membership.known(documentId) && !stored.has(documentId)) return;
    let peers = refusedHere.get(documentId);
    if (!peers) refusedHere.set(documentId, (peers = new Set()));
    peers.add(peerId);
  };
  const ownsAccount = (documentId: string) => shards === undefined || shards.owns(shardOf(documentId, shards.shardCount));

  const json = (res: import("node:http").ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(JSON.stringify(body));

  /**
   * A request's small JSON body (at most 4 KB); undefined once the request has been answered
   * (413 when larger, 400 with `usage` when not JSON).
   */
  async function smallJsonBody(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, usage: string): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 4096) return void json(res, 413, { error: "too large" });
      chunks.push(chunk as Buffer);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    } catch {
      return void json(res, 400, { error: usage });
    }
  }

  const listener: Listener = await startListener({
    host: o.host,
    port: o.port,
    tls: o.tls,
    adapter,
    limits: o.limits,
    socketKey: (grant) => `person:${grantPerson.get(grant)?.id ?? grant.label}`,
    authorize: (token) => {
      const person = people.authenticate(token);
      if (!person) return undefined;
      // The person id in the label keeps two people from taking over each other's peer id.
      const grant: PeerGrant = { kind: "team-member", label: `${person.name} (${person.id})` };
      grantPerson.set(grant, person);
      return grant;
    },
    onHttpRequest: (req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (path === "/healthz" && req.method === "GET") {
        const { waiting, sockets } = listener.stats();
        json(res, 200, { ok: true, peers: adapter.connectedPeers().length, connections: { waiting, sockets }, openAccounts: idle.openCount() });
        return;
      }
      if (path === "/readyz" && req.method === "GET") {
        const problem = notReady();
        json(res, problem ? 503 : 200, problem ? { ready: false, problem } : { ready: true, shards: shards?.owned().length });
        return;
      }
      if (path === "/metrics" && req.method === "GET") {
        res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4", "Cache-Control": "no-store" }).end(metricsText());
        return;
      }
      if (path === "/topology" && req.method === "GET") {
        if (!people.authenticate(tokenFrom(req))) return void json(res, 401, { error: "invalid token" });
        if (!shards) return void json(res, 404, { error: "this server is a single relay: sync every account here" });
        shards.topology().then(
          (t) => json(res, 200, t),
          (e: Error) => json(res, 503, { error: `the database cannot say who owns what right now (${e.message})` }),
        );
        return;
      }
      if (path === "/join" && req.method === "POST") {
        void acceptInvitation(req, res);
        return;
      }
      if (path === "/leave" && req.method === "POST") {
        void leave(req, res);
        return;
      }
      if (path === ACCOUNTS_PATH && req.method === "GET") {
        const person = people.authenticate(tokenFrom(req));
        if (!person) return void json(res, 401, { error: "invalid token" });
        // The administrator may sync every document, so it is told of every one the server holds.
        const ids = person.admin ? [...new Set([...membership.documents(), ...stored, ...Object.values(repo.handles).filter((h) => h.isReady() && h.heads().length > 0).map((h) => h.documentId)])].sort() : membership.documentsOf(person.id);
        json(res, 200, { accounts: ids });
        return;
      }
      if (path === "/whoami" && req.method === "GET") {
        const person = people.authenticate(tokenFrom(req));
        if (!person) {
          json(res, 401, { error: "invalid token" });
          return;
        }
        json(res, 200, { id: person.id, name: person.name, admin: person.admin === true, label: person.name });
        return;
      }
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Baton sync server. Connect with a WebSocket and a token.\n");
    },
  });

  /**
   * POST /join { documentId, invite } with the person's token: someone who belongs to the
   * account put sha256(invite) in its `teamInvites` and gave the secret in a share link;
   * the person becomes a member (server record) and can then ask for the account.
   */
  async function acceptInvitation(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse): Promise<void> {
    const person = people.authenticate(tokenFrom(req));
    if (!person) return void json(res, 401, { error: "invalid token" });
    const body = await smallJsonBody(req, res, "send JSON: { documentId, invite }");
    if (body === undefined) return;
    const { documentId, invite } = (body ?? {}) as { documentId?: unknown; invite?: unknown };
    if (typeof documentId !== "string" || !isValidDocumentId(documentId) || typeof invite !== "string" || invite.length < 16 || invite.length > 200) {
      return void json(res, 400, { error: "send JSON: { documentId, invite }" });
    }
    if (person.admin || membership.isMember(documentId, person.id)) return void json(res, 200, { ok: true, already: true });
    if (!(await serverHasContent(documentId))) return void json(res, 404, { error: "this server does not have that account" });
    let doc: unknown;
    try {
      doc = (await repo.find(documentId as DocumentId, { signal: AbortSignal.timeout(10_000) })).doc();
    } catch {
      return void json(res, 404, { error: "this server does not have that account" });
    }
    // Read for the check only: a relay must not keep a copy of an account another relay owns.
    if (!ownsAccount(documentId)) void idle.unload([documentId], ownsAccount);
    if (!inviteAllows(doc, createHash("sha256").update(invite, "utf8").digest("hex"))) return void json(res, 403, { error: "this invitation is not valid (or has expired)" });
    await membership.addMember(documentId, person.id);
    log(`${person.id} joined ${documentId} by invitation`);
    shareChanged();
    json(res, 200, { ok: true });
  }

  /**
   * POST /leave { documentId } with the person's token: the person deleted the account
   * from their laptop and leaves its members on the server's record. `listed: true` when
   * the account's own member list still names them (only a member can change that).
   */
  async function leave(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse): Promise<void> {
    const person = people.authenticate(tokenFrom(req));
    if (!person) return void json(res, 401, { error: "invalid token" });
    const body = await smallJsonBody(req, res, "send JSON: { documentId }");
    if (body === undefined) return;
    const documentId = (body as { documentId?: unknown } | null)?.documentId;
    if (typeof documentId !== "string" || !isValidDocumentId(documentId)) return void json(res, 400, { error: "send JSON: { documentId }" });
    const listed = await membership.removeMember(documentId, person.id);
    log(`${person.id} left ${documentId}`);
    shareChanged();
    json(res, 200, { ok: true, listed });
  }

  const roundMs = o.shardRoundMs ?? 1000;
  function notReady(): string | null {
    if (!store.directory) return null;
    if (shards && shards.sinceLastRound() > shards.leaseMs) return "cannot reach PostgreSQL to hold this relay's shards";
    if (!store.directory.listening) return "not following people and members (database notifications down)";
    if (shards && shards.owned().length === 0) return "owns no shard yet";
    return null;
  }
  function metricsText(): string {
    return metrics.text({
      baton_relay_connected_peers: { help: "Peers (laptops) connected to this relay.", value: adapter.connectedPeers().length },
      baton_relay_open_accounts: { help: "Accounts loaded in this relay's memory.", value: idle.openCount() },
      baton_relay_unloaded_accounts_total: { help: "Accounts unloaded (idle, least recently used, or shard given up).", value: idle.evicted },
      baton_relay_owned_shards: { help: "Virtual shards this relay owns (0 for a file-backed relay).", value: shards?.owned().length ?? 0 },
      baton_relay_ready: { help: "1 when /readyz answers 200.", value: notReady() ? 0 : 1 },
      baton_relay_resident_bytes: { help: "Resident memory of the relay process.", value: process.memoryUsage.rss() },
    });
  }

  if (store.target && store.pool) {
    shards = new ShardOwner({
      target: store.target,
      pool: store.pool,
      url: o.publicUrl ?? listener.url,
      shardCount: o.shardCount ?? 64,
      roundMs,
      leaseMs: o.leaseMs,
      log,
      onGained: (gained) => {
        log(`owns shard(s) ${gained.join(", ")}`);
        const now = new Set(gained);
        const refused = new Set<string>();
        for (const [documentId, peers] of refusedHere) {
          if (!now.has(shardOf(documentId, o.shardCount ?? 64))) continue;
          refusedHere.delete(documentId);
          for (const p of peers) refused.add(p);
        }
        // A refused peer believes it already sent its changes (automerge's sync state keeps
        // what was sent); only a new connection starts its sync afresh.
        const closed = refused.size === 0 ? 0 : adapter.disconnectWhere((_grant, peerId) => peerId !== undefined && refused.has(peerId), RESYNC_REASON);
        if (closed > 0) log(`asked ${closed} peer(s) refused meanwhile to reconnect and sync`);
        shareChanged();
      },
      onLost: (lost, reason) => {
        const gone = new Set(lost);
        const ids = Object.keys(repo.handles).filter((id) => gone.has(shardOf(id, o.shardCount ?? 64)));
        log(`gave up shard(s) ${lost.join(", ")}; unloading ${ids.length} account(s)`);
        for (const id of ids) metrics.forget(id);
        void idle.unload(ids, ownsAccount);
        if (reason === null) return;
        // Told, not left sending edits into a relay that cannot store them: a laptop asks the
        // topology again and syncs with whichever relay owns its accounts next.
        const closed = adapter.disconnectWhere(() => true, LOST_DATABASE_REASON);
        if (closed > 0) log(`closed ${closed} socket(s): edits cannot be stored here until the database answers`);
      },
    });
    try {
      await shards.start();
    } catch (e) {
      await listener.close().catch(() => undefined);
      await store.close().catch(() => undefined);
      throw new Error(`cannot take shards in PostgreSQL: ${(e as Error).message}`, { cause: e });
    }
  }

  let stopping: Promise<void> | undefined;
  return {
    url: listener.url,
    port: listener.port,
    repo,
    people,
    membership,
    ownedShards: () => shards?.owned() ?? [],
    sweepIdle: () => idle.sweep(),
    reloadTokens: () => people.reload(),
    stop() {
      stopping ??= (async () => {
        people.stop();
        idle.stop();
        clearInterval(clock);
        if (reevaluate) clearTimeout(reevaluate);
        // First the shards, so another relay can take them while this one closes.
        await shards?.stop();
        await listener.close();
        await repo.flush().catch((e: Error) => log(`flush failed: ${e.message}`));
        await repo.shutdown().catch(() => undefined);
        await membership.flush().catch((e: Error) => log(`members write failed: ${e.message}`));
        // automerge-repo saves sync state without awaiting it; let those writes land, then
        // ignore later ones (the folder may be gone once the server has stopped).
        await new Promise((r) => setTimeout(r, 50));
        await store.close();
      })();
      return stopping;
    },
  };
}

interface Store {
  storage: StorageAdapterInterface;
  membership: MembershipStore;
  /** With PostgreSQL. */
  pool?: pg.Pool;
  target?: PostgresTarget;
  directory?: PostgresDirectory;
  /** Documents with stored content when the relay started. */
  stored: Set<string>;
  hasContent(documentId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The single-process default: crash-safe files and members.json in one folder. */
async function fileStore(dataDir: string, log: (line: string) => void): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const membership = new Membership(dataDir);
  await membership.load();
  if (membership.problem) log(membership.problem);
  const chunksFolder = join(dataDir, "chunks");
  const storage = new CrashSafeStorage(dataDir, {
    onDamaged: (r) => log(`damaged chunk ${r.path}: ${r.reason}`),
  });
  return {
    storage,
    membership,
    stored: await documentsOnDisk(chunksFolder),
    async hasContent(documentId) {
      for (const kind of ["snapshot", "incremental"]) {
        try {
          if ((await stat(keyFolderPath(chunksFolder, [documentId, kind]))).isDirectory()) return true;
        } catch {
          // not there
        }
      }
      return false;
    },
    close: () => storage.close(),
  };
}

/** Relays sharing one PostgreSQL database: chunks, people and members in its tables. */
async function postgresStore(target: PostgresTarget, queryTimeoutMs: number, people: People, membersChanged: () => void, log: (line: string) => void): Promise<Store> {
  // Each new pooled connection goes to the server in use now, so the pool follows a failover.
  class TargetClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionString: target.current });
    }
  }
  // A hung connection fails its query (storage retries writes) instead of holding it forever.
  const pool = new pg.Pool({ Client: TargetClient, max: 8, application_name: "baton-relay", query_timeout: queryTimeoutMs, connectionTimeoutMillis: queryTimeoutMs, keepAlive: true });
  // A dropped idle connection is replaced on the next query; it must not end the process.
  pool.on("error", (e) => log(`database connection lost: ${e.message}`));
  try {
    await target.findPrimary(queryTimeoutMs);
    await migrateSchema(pool);
    const directory = new PostgresDirectory({ pool, target, pingMs: Math.min(5000, queryTimeoutMs), onPeople: (list) => people.replace(list), onMembers: membersChanged, log });
    await directory.start();
    const storage = new PostgresStorage(pool);
    const stored = new Set((await pool.query<{ document_id: string }>("SELECT DISTINCT document_id FROM baton_chunks")).rows.map((r) => r.document_id));
    return {
      storage,
      membership: directory,
      pool,
      target,
      directory,
      stored,
      hasContent: (documentId) => storage.hasContent(documentId),
      async close() {
        storage.close();
        await directory.stop();
        await pool.end();
      },
    };
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot use the PostgreSQL database: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Ownership, leases and idle unloading run on the monotonic clock, but automerge-repo 2.5's
 * throttles (helpers/throttle.js: a document's saves, and its sync messages after a change)
 * wait `lastCall + delay - Date.now()`: when the wall clock is set back, every open
 * document's saves and outgoing sync wait as long as the clock went back. A reloaded
 * document starts with fresh throttles, so a jump back is answered by reloading them all.
 */
function watchWallClock(onBack: (ms: number) => void): NodeJS.Timeout {
  let wall = Date.now();
  let mono = performance.now();
  const timer = setInterval(() => {
    const w = Date.now();
    const m = performance.now();
    const drift = w - wall - (m - mono);
    wall = w;
    mono = m;
    if (drift < -1000) onBack(-drift);
  }, 500);
  timer.unref();
  return timer;
}

/** True when a sync message carries the sender's heads, i.e. the sender holds the document. */
function holdsContent(data: Uint8Array): boolean {
  try {
    return decodeSyncMessage(data).heads.length > 0;
  } catch {
    return false;
  }
}

/** Ids of the documents that have chunks in the storage folder (storage/key-path.ts layout). */
export async function documentsOnDisk(chunksFolder: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const names = async (dir: string) => readdir(dir).catch(() => [] as string[]);
  for (const shard of await names(chunksFolder)) {
    for (const folder of await names(join(chunksFolder, shard))) {
      const id = decodeKeyPart(folder);
      if (id !== undefined && isValidDocumentId(id)) ids.add(id);
    }
  }
  return ids;
}
