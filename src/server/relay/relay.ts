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
import { createHash } from "node:crypto";
import { Repo, isValidDocumentId } from "@automerge/automerge-repo";
import type { DocHandle, DocumentId, PeerId } from "@automerge/automerge-repo";
import { decodeSyncMessage } from "@automerge/automerge";
import { HardenedServerAdapter, type PeerGrant } from "../../node/network/hardened-server-adapter";
import { startListener, tokenFrom, type Listener } from "../../node/network/listener";
import type { ConnectionLimits } from "../../node/network/connection-gate";
import { CrashSafeStorage } from "../../node/storage/crash-safe-storage";
import { decodeKeyPart, keyFolderPath } from "../../node/storage/key-path";
import { inviteAllows, listedMembersOf, Membership } from "./membership";
import { erasedInto } from "../../node/accounts/keeping";
import { People, type Person } from "./people";
import { onEveryHandle } from "./watch-handles";

export interface RelayOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Single-administrator shortcut: this token may sync every document. */
  token?: string;
  /** Per-person tokens (people.ts); re-read when it changes. */
  tokensFile?: string;
  /** How often the tokens file is checked for changes. Default 1000 ms. */
  tokensPollMs?: number;
  tls?: { cert: string; key: string };
  /** Connection limits (network/connection-gate.ts); `maxSocketsPerKey` counts per person. */
  limits?: Partial<ConnectionLimits>;
  log?: (line: string) => void;
}

export interface Relay {
  url: string;
  port: number;
  repo: Repo;
  people: People;
  membership: Membership;
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

/** The close reason a revoked person's sockets get. */
export const REVOKED_REASON = "access revoked: this token is no longer valid";

export async function startRelay(o: RelayOptions): Promise<Relay> {
  const dataDir = resolve(o.dataDir);
  await mkdir(dataDir, { recursive: true });
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
    log,
    onReload: (stillValid) => {
      const closed = adapter.disconnectWhere((grant) => {
        const person = grantPerson.get(grant);
        return person !== undefined && !stillValid(person);
      }, REVOKED_REASON);
      if (closed > 0) log(`closed ${closed} socket(s) whose token is no longer valid`);
    },
  });
  const membership = new Membership(dataDir);
  await membership.load();
  if (membership.problem) log(membership.problem);
  const chunksFolder = join(dataDir, "chunks");
  stored = await documentsOnDisk(chunksFolder);

  const storage = new CrashSafeStorage(dataDir, {
    onDamaged: (r) => log(`damaged chunk ${r.path}: ${r.reason}`),
  });

  const repo: Repo = new Repo({
    storage,
    network: [adapter],
    peerId: `baton-sync-server-${process.pid}` as PeerId,
    // `access` (below) is consulted for every message about a document, and before sharing.
    shareConfig: { announce: async () => false, access: (peerId, documentId) => access(peerId, documentId) },
  });
  const loading = new Set<string>();
  /** Read a known document's own member list in the background (never inside `access`: find() calls access). */
  const readListedSoon = (documentId: string) => {
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
    for (const kind of ["snapshot", "incremental"]) {
      try {
        if ((await stat(keyFolderPath(chunksFolder, [documentId, kind]))).isDirectory()) return true;
      } catch {
        // not there
      }
    }
    return false;
  };

  async function access(peerId: PeerId, documentId: DocumentId | undefined): Promise<boolean> {
    const upload = documentId !== undefined && uploads.delete(key(peerId, documentId));
    const grant = adapter.grantOf(peerId);
    const person = grant ? grantPerson.get(grant) : undefined;
    if (!person || !people.isValid(person)) return false;
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
  const readListed = (handle: DocHandle<unknown>) => {
    if (!handle.isReady()) return;
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

  const json = (res: import("node:http").ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(JSON.stringify(body));

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
        json(res, 200, { ok: true, peers: adapter.connectedPeers().length, connections: { waiting, sockets } });
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
    let body: { documentId?: unknown; invite?: unknown };
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > 4096) return void json(res, 413, { error: "too large" });
        chunks.push(chunk as Buffer);
      }
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
    } catch {
      return void json(res, 400, { error: "send JSON: { documentId, invite }" });
    }
    const { documentId, invite } = body;
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
    let documentId: unknown;
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > 4096) return void json(res, 413, { error: "too large" });
        chunks.push(chunk as Buffer);
      }
      documentId = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { documentId?: unknown } | null)?.documentId;
    } catch {
      return void json(res, 400, { error: "send JSON: { documentId }" });
    }
    if (typeof documentId !== "string" || !isValidDocumentId(documentId)) return void json(res, 400, { error: "send JSON: { documentId }" });
    const listed = await membership.removeMember(documentId, person.id);
    log(`${person.id} left ${documentId}`);
    shareChanged();
    json(res, 200, { ok: true, listed });
  }

  let stopping: Promise<void> | undefined;
  return {
    url: listener.url,
    port: listener.port,
    repo,
    people,
    membership,
    reloadTokens: () => people.reload(),
    stop() {
      stopping ??= (async () => {
        people.stop();
        if (reevaluate) clearTimeout(reevaluate);
        await listener.close();
        await repo.flush().catch((e: Error) => log(`flush failed: ${e.message}`));
        await repo.shutdown().catch(() => undefined);
        await membership.flush().catch((e: Error) => log(`members.json write failed: ${e.message}`));
        // automerge-repo saves sync state without awaiting it; let those writes land, then
        // ignore later ones (the folder may be gone once the server has stopped).
        await new Promise((r) => setTimeout(r, 50));
        await storage.close();
      })();
      return stopping;
    },
  };
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
async function documentsOnDisk(chunksFolder: string): Promise<Set<string>> {
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
