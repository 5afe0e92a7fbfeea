/**
 * Why this exists: the stock `WebSocketServerAdapter` trusts whoever connects. It
 * `assert`s on a malformed join (one bad frame takes the whole sync node down), it
 * lets any socket speak for any peer id, and it has no notion of *who* a socket is.
 *
 * `HardenedServerAdapter` speaks exactly the stock wire protocol (CBOR frames; `join` →
 * `peer` with `selectedProtocolVersion: "1"`; `error` for an unsupported version; ws
 * ping/pong keep-alive), so a stock `WebSocketClientAdapter` works against it, but:
 *
 * - it never throws on peer input: every frame is decoded and shape-checked, and a bad
 *   frame closes only the offending socket (1008 policy, 1009 too big, 1002 protocol
 *   version); nothing malformed reaches the Repo;
 * - each socket carries the {@link PeerGrant} decided at the HTTP upgrade (see
 *   `listener.ts`), and a grant with `documentIds` is enforced here in both directions
 *   as defence in depth (the node's `shareConfig` should refuse too, via {@link
 *   HardenedServerAdapter.grantOf});
 * - a socket may only speak as the peer id it joined with, and a peer id cannot be taken
 *   over by a socket holding a different grant (a meeting guest cannot hijack the
 *   renderer's peer id);
 * - what a peer can make the Repo remember is bounded: ephemeral messages reach it under
 *   one session per process (ephemeral-seen.ts), and a socket starting more sessions of its own
 *   than a Repo ever has is closed, and `screenDocument` can answer requests for documents
 *   before the Repo records their ids.
 *
 * Sockets are handed in by a listener through {@link HardenedServerAdapter.acceptSocket};
 * several listeners may feed one adapter.
 */
import type { IncomingMessage } from "node:http";
import { WebSocket, type RawData } from "ws";
import {
  NetworkAdapter,
  cbor,
  isValidDocumentId,
  type DocumentId,
  type Message,
  type PeerId,
  type PeerMetadata,
  type StorageId,
} from "@automerge/automerge-repo/slim";
import { firstSight, originalOf, relabel, type EphemeralOriginal } from "./ephemeral-seen.js";
import { chunksAreIntact, syncMessageProblem } from "./change-integrity.js";

/** Who a socket is, decided once at the HTTP upgrade by the listener's `authorize`. */
export type PeerGrant = {
  kind: "renderer" | "meeting-guest" | "team-member";
  /** Human-readable name for status displays, e.g. "this window", "Dana's laptop". */
  label: string;
  /**
   * When set, the peer may only sync these documents (bare `DocumentId`s; `automerge:` URLs
   * are accepted too). The set is read on every message, so a live (mutable) set can be
   * passed to widen or narrow a meeting while it runs.
   */
  documentIds?: ReadonlySet<string>;
};

/** A peer that has completed the `join` handshake. */
export type ConnectedPeer = {
  peerId: PeerId;
  grant: PeerGrant;
  /** Epoch milliseconds at which the join completed. */
  connectedAt: number;
  peerMetadata: PeerMetadata;
  /** Remote address of the TCP connection, when known. */
  remoteAddress: string | undefined;
};

export type PeerChange =
  | { type: "joined"; peer: ConnectedPeer }
  | { type: "left"; peer: ConnectedPeer; reason: string };

export type HardenedServerAdapterOptions = {
  /** Ping every socket this often; a socket that has not answered the previous ping is terminated. Default 5000. */
  keepAliveIntervalMs?: number;
  /** A socket that has not sent a valid `join` within this time is closed. Default 10000. */
  joinTimeoutMs?: number;
  /** A peer whose unsent outbound data exceeds this is disconnected (it is not reading). Default 64 MiB. */
  maxBufferedBytes?: number;
  /**
   * Ephemeral sessions (originator + session id) a socket may start of its own — sent under
   * its own peer id, not relayed; one more closes it. A Repo has one session for its life,
   * so a well-behaved peer has one. Default 8.
   */
  maxOwnEphemeralSessions?: number;
  /**
   * Ephemeral sessions remembered per socket (for dropping replayed counts); beyond this the
   * least recently heard is forgotten. Relayed sessions (a laptop forwarding its meeting, the
   * team server forwarding its members) only ever cost this. Default 256.
   */
  maxEphemeralSessions?: number;
  /**
   * Asked about each request or sync message for a document the socket's grant allows,
   * before the Repo sees it: false answers `doc-unavailable` at once and holds the message
   * back. automerge-repo remembers every document id a peer asks for, for the life of the
   * process; ids screened out here cost only a few held-back messages per socket, handed to
   * the Repo by {@link HardenedServerAdapter.releaseHeldBack} if the document turns up while
   * the peer is still connected. Must be quick and synchronous.
   */
  screenDocument?: (peer: { peerId: PeerId; grant: PeerGrant }, message: ScreenedMessage) => boolean;
  /** A socket with more messages screened out than this is closed. Default 1000. */
  maxScreenedOut?: number;
  /** Receives one line per refused frame/socket; default: silent. */
  log?: (line: string) => void;
};

/** A request or sync message about to reach the Repo. */
export type ScreenedMessage = { type: "request" | "sync"; documentId: DocumentId; data: Uint8Array };

/** WebSocket close codes used by the adapter. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  policyViolation: 1008,
  tooBig: 1009,
  internalError: 1011,
} as const;

const PROTOCOL_V1 = "1";
const MAX_PEER_ID_LENGTH = 256;
const MAX_PENDING_FRAMES = 16;
/** Screened-out messages kept per socket, for documents that may turn up while it is connected. */
const MAX_HELD_BACK = 64;
const CLOSE_GRACE_MS = 1000;
// Storage ids become storage keys (file names) for sync state on the relay: keep them boring.
const STORAGE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** True when `grant` lets its peer sync `documentId`. */
export function grantAllows(grant: PeerGrant, documentId: string): boolean {
  const allowed = grant.documentIds;
  if (allowed === undefined) return true;
  return allowed.has(documentId) || allowed.has(`automerge:${documentId}`);
}

type Conn = {
  readonly socket: WebSocket;
  readonly grant: PeerGrant;
  readonly remoteAddress: string | undefined;
  peerId: PeerId | undefined;
  peerMetadata: PeerMetadata;
  connectedAt: number;
  alive: boolean;
  closed: boolean;
  joinTimer: ReturnType<typeof setTimeout> | undefined;
  /** Frames that arrived before the Repo called `connect()`. */
  pending: RawData[];
  /** Ephemeral sessions of this socket: the last count let in; least recently heard first. */
  sessions: Map<string, { count: number; own: boolean }>;
  /** How many of `sessions` the peer started itself. */
  ownSessions: number;
  /** Messages `screenDocument` turned away. */
  screenedOut: number;
  /** The last message screened out per document, oldest first (at most MAX_HELD_BACK). */
  heldBack: Map<DocumentId, Message>;
};

type Refusal = { code: number; reason: string };

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

function refuse(reason: string, code: number = CloseCode.policyViolation): never {
  throw new Refused({ code, reason });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (value instanceof Uint8Array || value instanceof Map || value instanceof Date) return false;
  return true;
}

function isPeerIdLike(value: unknown): value is PeerId {
  return (
    typeof value === "string" &&
    value.length > 0 &&
    value.length <= MAX_PEER_ID_LENGTH &&
    !CONTROL_CHARS.test(value)
  );
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

export class HardenedServerAdapter extends NetworkAdapter {
  readonly #keepAliveIntervalMs: number;
  readonly #joinTimeoutMs: number;
  readonly #maxBufferedBytes: number;
  readonly #maxOwnEphemeralSessions: number;
  readonly #maxEphemeralSessions: number;
  readonly #screenDocument: HardenedServerAdapterOptions["screenDocument"];
  readonly #maxScreenedOut: number;
  readonly #log: (line: string) => void;

  readonly #conns = new Set<Conn>();
  readonly #byPeer = new Map<PeerId, Conn>();
  readonly #listeners = new Set<(change: PeerChange) => void>();
  #state: "idle" | "connected" | "disconnected" = "idle";
  #keepAlive: ReturnType<typeof setInterval> | undefined;

  constructor(options: HardenedServerAdapterOptions = {}) {
    super();
    this.#keepAliveIntervalMs = options.keepAliveIntervalMs ?? 5000;
    this.#joinTimeoutMs = options.joinTimeoutMs ?? 10_000;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 64 * 1024 * 1024;
    this.#maxOwnEphemeralSessions = options.maxOwnEphemeralSessions ?? 8;
    this.#maxEphemeralSessions = options.maxEphemeralSessions ?? 256;
    this.#screenDocument = options.screenDocument;
    this.#maxScreenedOut = options.maxScreenedOut ?? 1000;
    this.#log = options.log ?? (() => {});
  }

  // ---- NetworkAdapter ----------------------------------------------------------------

  /**
   * Always ready: a listening endpoint has nobody to wait for. (The stock server adapter
   * only becomes ready on its first connection, which stalls `repo.find` until then.)
   */
  isReady(): boolean {
    return true;
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId;
    this.peerMetadata = peerMetadata;
    this.#state = "connected";
    if (this.#keepAlive === undefined) {
      this.#keepAlive = setInterval(() => this.#keepAliveTick(), this.#keepAliveIntervalMs);
      this.#keepAlive.unref();
    }
    for (const conn of [...this.#conns]) {
      const frames = conn.pending;
      conn.pending = [];
      for (const frame of frames) this.#onFrame(conn, frame, true);
    }
  }

  disconnect(): void {
    this.#state = "disconnected";
    if (this.#keepAlive !== undefined) clearInterval(this.#keepAlive);
    this.#keepAlive = undefined;
    for (const conn of [...this.#conns]) this.#close(conn, CloseCode.goingAway, "server shutting down");
  }

  send(message: Message): void {
    try {
      this.#send(message);
    } catch (error) {
      // The Repo calls send() from deep inside its synchronizers; never throw back into it.
      this.#log(`send failed: ${String(error)}`);
    }
  }

  // ---- API for listeners and the sync node --------------------------------------------

  /** Take over an upgraded socket whose owner was authorised with `grant`. */
  acceptSocket(socket: WebSocket, grant: PeerGrant, req?: IncomingMessage): void {
    const conn: Conn = {
      socket,
      grant,
      remoteAddress: req?.socket.remoteAddress,
      peerId: undefined,
      peerMetadata: {},
      connectedAt: 0,
      alive: true,
      closed: false,
      joinTimer: undefined,
      pending: [],
      sessions: new Map(),
      ownSessions: 0,
      screenedOut: 0,
      heldBack: new Map(),
    };
    this.#conns.add(conn);
    socket.on("message", (data, isBinary) => this.#onFrame(conn, data, isBinary));
    socket.on("pong", () => {
      conn.alive = true;
    });
    // ws reports oversized frames (and closes with 1009) and socket errors here; without a
    // listener they would be uncaught exceptions.
    socket.on("error", (error) => this.#log(`socket error (${conn.peerId ?? "unjoined"}): ${error.message}`));
    socket.on("close", () => this.#onClosed(conn));

    if (this.#state === "disconnected") {
      this.#close(conn, CloseCode.goingAway, "server shutting down");
      return;
    }
    conn.joinTimer = setTimeout(() => {
      if (conn.peerId === undefined) this.#close(conn, CloseCode.policyViolation, "join timeout");
    }, this.#joinTimeoutMs);
    conn.joinTimer.unref();
  }

  /** The grant of a peer connected through this adapter, or undefined if it is not one of ours. */
  grantOf(peerId: PeerId | string): PeerGrant | undefined {
    return this.#byPeer.get(peerId as PeerId)?.grant;
  }

  /** Peers that have completed the join handshake. */
  connectedPeers(): ConnectedPeer[] {
    return [...this.#byPeer.values()].map((conn) => this.#describe(conn));
  }

  /** Subscribe to peers joining and leaving. Returns an unsubscribe function. */
  onPeerChange(listener: (change: PeerChange) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * A document screened out before now exists: hand the Repo what connected peers asked
   * about it then, so it shares the document with them as it would have had it recorded
   * their request (automerge-repo never asks again for a document it was told is
   * unavailable). Returns how many messages were handed on.
   */
  releaseHeldBack(documentId: string): number {
    let count = 0;
    for (const conn of this.#conns) {
      const message = conn.heldBack.get(documentId as DocumentId);
      if (message === undefined || conn.closed) continue;
      conn.heldBack.delete(documentId as DocumentId);
      this.emit("message", message);
      count++;
    }
    return count;
  }

  /** Close the socket of one peer. Returns whether the peer was connected. */
  disconnectPeer(peerId: PeerId | string, reason: string): boolean {
    const conn = this.#byPeer.get(peerId as PeerId);
    if (conn === undefined) return false;
    this.#close(conn, CloseCode.normal, reason);
    return true;
  }

  /**
   * Close every socket whose grant (and peer id, undefined while it has not joined yet)
   * matches. Sockets still in the handshake are included, so ending a meeting cannot be
   * raced by a guest that joins a moment later. Returns how many sockets were closed.
   */
  disconnectWhere(predicate: (grant: PeerGrant, peerId: PeerId | undefined) => boolean, reason: string): number {
    let count = 0;
    for (const conn of [...this.#conns]) {
      if (conn.closed) continue;
      let matches = false;
      try {
        matches = predicate(conn.grant, conn.peerId);
      } catch (error) {
        this.#log(`disconnectWhere predicate threw: ${String(error)}`);
      }
      if (matches) {
        this.#close(conn, CloseCode.normal, reason);
        count++;
      }
    }
    return count;
  }

  // ---- inbound --------------------------------------------------------------------------

  #onFrame(conn: Conn, data: RawData, isBinary: boolean): void {
    if (conn.closed) return;
    try {
      if (!isBinary) refuse("text frames are not accepted");
      if (this.#state !== "connected" || this.peerId === undefined) {
        if (conn.pending.length >= MAX_PENDING_FRAMES) refuse("too many frames before the server was ready");
        conn.pending.push(data);
        return;
      }
      const bytes = toBytes(data);
      if (bytes.byteLength === 0) refuse("empty frame");
      let decoded: unknown;
      try {
        decoded = cbor.decode(bytes);
      } catch {
        refuse("frame is not valid CBOR");
      }
      this.#onMessage(conn, decoded, this.peerId);
    } catch (error) {
      if (error instanceof Refused) {
        this.#log(`refused ${conn.peerId ?? "unjoined socket"} (${conn.grant.kind} "${conn.grant.label}"): ${error.refusal.reason}`);
        this.#close(conn, error.refusal.code, error.refusal.reason);
      } else {
        // A bug here or in a Repo listener: this socket goes, the process stays.
        this.#log(`error handling frame from ${conn.peerId ?? "unjoined socket"}: ${String(error)}`);
        this.#close(conn, CloseCode.internalError, "internal error");
      }
    }
  }

  #onMessage(conn: Conn, raw: unknown, myPeerId: PeerId): void {
    if (!isRecord(raw)) refuse("message is not a map");
    const type = raw["type"];
    if (typeof type !== "string" || type.length === 0 || type.length > 64) refuse("message has no valid type");
    if (!isPeerIdLike(raw["senderId"])) refuse("message has no valid senderId");
    const senderId = raw["senderId"];

    if (type === "join") {
      this.#onJoin(conn, raw, senderId, myPeerId);
      return;
    }
    if (conn.peerId === undefined) refuse("message before join");
    // automerge-repo forwards an ephemeral message (presence, live edits) with its originator's
    // senderId; it is taken as coming from this connection's peer, who sent it here, so the
    // access check and the relay see the real neighbour (and no peer can pose as another).
    const from = type === "ephemeral" ? conn.peerId : senderId;
    if (from !== conn.peerId) refuse("senderId does not match the joined peer");
    if (raw["targetId"] !== myPeerId) refuse("targetId is not this server");

    const message = parseRepoMessage(type, raw, from, myPeerId);
    if (message?.type === "ephemeral") {
      // Who first sent it (relays keep the origin fields): a copy coming round a ring is
      // dropped, and the session automerge-repo sees is one per process (ephemeral-seen.ts).
      const original = originalOf(raw);
      if (original === null) refuse("invalid ephemeral origin");
      // A copy (an echo from a window, the other way round a ring) costs nothing more.
      if (!firstSight(myPeerId, original)) return;
      if (!this.#newInSession(conn, original)) return;
      relabel(message, original);
    }
    if (message === undefined) {
      // Unknown but well-addressed: a newer client may speak message types we do not know.
      // Drop it (the stock Repo would ignore it too) rather than cut the peer off.
      this.#log(`dropped unknown message type "${type}" from ${senderId}`);
      return;
    }
    if (message.documentId !== undefined && !grantAllows(conn.grant, message.documentId)) {
      if (message.type === "request" || message.type === "sync") this.#answerUnavailable(conn, message.documentId, myPeerId);
      return;
    }
    if ((message.type === "request" || message.type === "sync") && this.#screenDocument !== undefined && message.documentId !== undefined && message.data !== undefined) {
      const screened: ScreenedMessage = { type: message.type, documentId: message.documentId, data: message.data };
      if (!this.#screenDocument({ peerId: from, grant: conn.grant }, screened)) {
        conn.screenedOut++;
        if (conn.screenedOut > this.#maxScreenedOut) refuse(`asked for more than ${this.#maxScreenedOut} documents that are not here`);
        this.#answerUnavailable(conn, message.documentId, myPeerId);
        conn.heldBack.delete(message.documentId);
        conn.heldBack.set(message.documentId, message);
        if (conn.heldBack.size > MAX_HELD_BACK) conn.heldBack.delete(conn.heldBack.keys().next().value!);
        return;
      }
    }
    this.emit("message", message);
  }

  /**
   * False for a count this socket already sent in that session (automerge-repo drops those
   * too, but it can no longer tell once sessions are relabelled). Closes a socket that starts
   * more sessions of its own than allowed: a flood of fresh session ids.
   */
  #newInSession(conn: Conn, original: EphemeralOriginal): boolean {
    const key = `${original.originId}\u0000${original.originSessionId}`;
    const session = conn.sessions.get(key);
    if (session !== undefined) {
      if (original.originCount <= session.count) return false;
      session.count = original.originCount;
      conn.sessions.delete(key);
      conn.sessions.set(key, session);
      return true;
    }
    const own = original.originId === conn.peerId;
    if (own && conn.ownSessions >= this.#maxOwnEphemeralSessions) {
      refuse(`too many ephemeral sessions of its own (more than ${this.#maxOwnEphemeralSessions})`);
    }
    conn.sessions.set(key, { count: original.originCount, own });
    if (own) conn.ownSessions++;
    if (conn.sessions.size > this.#maxEphemeralSessions) {
      const [oldest, forgotten] = conn.sessions.entries().next().value!;
      conn.sessions.delete(oldest);
      if (forgotten.own) conn.ownSessions--;
    }
    return true;
  }

  /** Written directly: the outbound grant filter in #send would (rightly) drop it. */
  #answerUnavailable(conn: Conn, documentId: DocumentId, myPeerId: PeerId): void {
    if (conn.peerId === undefined) return;
    this.#write(conn, { type: "doc-unavailable", senderId: myPeerId, targetId: conn.peerId, documentId });
  }

  #onJoin(conn: Conn, raw: Record<string, unknown>, senderId: PeerId, myPeerId: PeerId): void {
    // Validate every join, a repeated one too: a malformed frame is refused wherever it comes.
    const versions = raw["supportedProtocolVersions"];
    if (versions !== undefined && (!Array.isArray(versions) || !versions.every((v) => typeof v === "string"))) {
      refuse("invalid supportedProtocolVersions");
    }
    const peerMetadata = parsePeerMetadata(raw["peerMetadata"]);
    if (conn.peerId !== undefined) {
      if (conn.peerId !== senderId) refuse("second join with a different senderId");
      // A repeated join on the same socket: answer again, nothing else changes.
      this.#sendPeerReply(conn, myPeerId);
      return;
    }
    if (senderId === myPeerId) refuse("senderId is the server's own peer id");

    if (versions !== undefined && !versions.includes(PROTOCOL_V1)) {
      this.#write(conn, {
        type: "error",
        senderId: myPeerId,
        message: "unsupported protocol version",
        targetId: senderId,
      });
      refuse("unsupported protocol version", CloseCode.protocolError);
    }

    const existing = this.#byPeer.get(senderId);
    if (existing !== undefined && existing !== conn) {
      if (existing.grant.kind !== conn.grant.kind || existing.grant.label !== conn.grant.label) {
        this.#write(conn, {
          type: "error",
          senderId: myPeerId,
          message: "peer id already connected",
          targetId: senderId,
        });
        refuse("peer id already connected by another client");
      }
      this.#close(existing, CloseCode.normal, "replaced by a newer connection");
    }

    if (conn.joinTimer !== undefined) clearTimeout(conn.joinTimer);
    conn.joinTimer = undefined;
    conn.peerId = senderId;
    conn.peerMetadata = peerMetadata;
    conn.connectedAt = Date.now();
    this.#byPeer.set(senderId, conn);

    // Reply first so the client knows our peer id before any sync message arrives.
    this.#sendPeerReply(conn, myPeerId);
    this.emit("peer-candidate", { peerId: senderId, peerMetadata });
    this.#notify({ type: "joined", peer: this.#describe(conn) });
  }

  #sendPeerReply(conn: Conn, myPeerId: PeerId): void {
    if (conn.peerId === undefined) return;
    this.#write(conn, {
      type: "peer",
      senderId: myPeerId,
      peerMetadata: this.peerMetadata,
      selectedProtocolVersion: PROTOCOL_V1,
      targetId: conn.peerId,
    });
  }

  // ---- outbound -------------------------------------------------------------------------

  #send(message: Message): void {
    const conn = this.#byPeer.get(message.targetId);
    if (conn === undefined || conn.closed) return;
    const documentId = message.documentId;
    if (documentId !== undefined && !grantAllows(conn.grant, documentId)) {
      if (message.type === "request" && this.peerId !== undefined) {
        // Our Repo asked this peer for a document the peer may not have: answer on its behalf,
        // so the Repo's document state machine does not wait on it forever.
        const myPeerId = this.peerId;
        const peerId = conn.peerId;
        queueMicrotask(() => {
          if (peerId === undefined || this.#byPeer.get(peerId) !== conn) return;
          this.emit("message", { type: "doc-unavailable", senderId: peerId, targetId: myPeerId, documentId });
        });
      }
      return;
    }
    if (message.data !== undefined && message.data.byteLength === 0) return;
    this.#write(conn, message);
  }

  #write(conn: Conn, message: object): void {
    if (conn.closed || conn.socket.readyState !== WebSocket.OPEN) return;
    if (conn.socket.bufferedAmount > this.#maxBufferedBytes) {
      this.#close(conn, CloseCode.policyViolation, "peer is not reading");
      return;
    }
    conn.socket.send(cbor.encode(message), { binary: true });
  }

  // ---- lifecycle ------------------------------------------------------------------------

  #keepAliveTick(): void {
    for (const conn of [...this.#conns]) {
      if (!conn.alive) {
        this.#log(`terminating ${conn.peerId ?? "unjoined socket"}: missed pong`);
        this.#release(conn, "missed keep-alive");
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      try {
        conn.socket.ping();
      } catch {
        // Socket not open (closing): the close event will clean up.
      }
    }
  }

  /** Close a socket with a code and reason; force it shut if the peer does not finish the handshake. */
  #close(conn: Conn, code: number, reason: string): void {
    this.#release(conn, reason);
    const socket = conn.socket;
    if (socket.readyState === WebSocket.CLOSED) return;
    try {
      socket.close(code, reason.slice(0, 120));
    } catch {
      socket.terminate();
      return;
    }
    setTimeout(() => {
      if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
    }, CLOSE_GRACE_MS).unref();
  }

  #onClosed(conn: Conn): void {
    this.#release(conn, "connection closed");
    this.#conns.delete(conn);
  }

  /** Forget a socket's peer (idempotent): nothing more is routed to or from it. */
  #release(conn: Conn, reason: string): void {
    if (conn.closed) return;
    conn.closed = true;
    conn.pending = [];
    conn.sessions.clear();
    conn.ownSessions = 0;
    conn.heldBack.clear();
    if (conn.joinTimer !== undefined) clearTimeout(conn.joinTimer);
    conn.joinTimer = undefined;
    const peerId = conn.peerId;
    if (peerId === undefined || this.#byPeer.get(peerId) !== conn) return;
    this.#byPeer.delete(peerId);
    this.emit("peer-disconnected", { peerId });
    this.#notify({ type: "left", peer: this.#describe(conn), reason });
  }

  #describe(conn: Conn): ConnectedPeer {
    return {
      peerId: conn.peerId as PeerId,
      grant: conn.grant,
      connectedAt: conn.connectedAt,
      peerMetadata: conn.peerMetadata,
      remoteAddress: conn.remoteAddress,
    };
  }

  #notify(change: PeerChange): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.#log(`peer change listener threw: ${String(error)}`);
      }
    }
  }
}

// ---- message validation -------------------------------------------------------------------

function parsePeerMetadata(value: unknown): PeerMetadata {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) refuse("invalid peerMetadata");
  const metadata: PeerMetadata = {};
  const storageId = value["storageId"];
  if (storageId !== undefined) {
    if (typeof storageId !== "string" || !STORAGE_ID_PATTERN.test(storageId)) refuse("invalid peerMetadata.storageId");
    metadata.storageId = storageId as StorageId;
  }
  const isEphemeral = value["isEphemeral"];
  if (isEphemeral !== undefined) {
    if (typeof isEphemeral !== "boolean") refuse("invalid peerMetadata.isEphemeral");
    metadata.isEphemeral = isEphemeral;
  }
  return metadata;
}

function documentIdOf(raw: Record<string, unknown>): DocumentId {
  const value = raw["documentId"];
  if (typeof value !== "string" || value.length > 128 || !isValidDocumentId(value)) refuse("invalid documentId");
  return value;
}

function bytesOf(raw: Record<string, unknown>): Uint8Array {
  const value = raw["data"];
  if (!(value instanceof Uint8Array) || value.byteLength === 0) refuse("invalid data");
  return value;
}

function syncBytesOf(raw: Record<string, unknown>): Uint8Array {
  const data = bytesOf(raw);
  const problem = syncMessageProblem(data);
  if (problem !== null) refuse(problem);
  return data;
}

/** A live edit (shared/live-edits.ts) whose change is damaged is refused like a damaged sync message. */
function checkLiveChange(payload: unknown): void {
  if (!isRecord(payload) || payload["type"] !== "baton/live-change") return;
  const change = payload["change"];
  if (!(change instanceof Uint8Array) || !chunksAreIntact(change)) refuse("a live edit carries a damaged change (its checksum does not match)");
}

function stringArrayOf(raw: Record<string, unknown>, key: string): string[] | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 1024 || !value.every((v) => typeof v === "string" && STORAGE_ID_PATTERN.test(v))) {
    refuse(`invalid ${key}`);
  }
  return value as string[];
}

type RepoMessageOut = Message & Record<string, unknown>;

/**
 * Rebuild a known repo message from its validated fields only (extra keys are dropped).
 * Returns undefined for a message type we do not know. Throws `Refused` on a bad shape.
 */
function parseRepoMessage(
  type: string,
  raw: Record<string, unknown>,
  senderId: PeerId,
  targetId: PeerId,
): RepoMessageOut | undefined {
  switch (type) {
    case "sync":
    case "request":
      return { type, senderId, targetId, documentId: documentIdOf(raw), data: syncBytesOf(raw) };
    case "doc-unavailable":
      return { type, senderId, targetId, documentId: documentIdOf(raw) };
    case "ephemeral": {
      const count = raw["count"];
      const sessionId = raw["sessionId"];
      if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) refuse("invalid ephemeral count");
      if (typeof sessionId !== "string" || sessionId.length === 0 || sessionId.length > 128) {
        refuse("invalid ephemeral sessionId");
      }
      const documentId = documentIdOf(raw);
      const data = bytesOf(raw);
      let payload: unknown;
      try {
        payload = cbor.decode(data);
      } catch {
        refuse("ephemeral data is not CBOR");
      }
      checkLiveChange(payload);
      return { type, senderId, targetId, count, sessionId, documentId, data };
    }
    case "remote-subscription-change": {
      const add = stringArrayOf(raw, "add");
      const remove = stringArrayOf(raw, "remove");
      const message: RepoMessageOut = { type, senderId, targetId };
      if (add !== undefined) message["add"] = add;
      if (remove !== undefined) message["remove"] = remove;
      return message;
    }
    case "remote-heads-changed": {
      const documentId = documentIdOf(raw);
      const newHeads = raw["newHeads"];
      if (!isRecord(newHeads)) refuse("invalid newHeads");
      const clean: Record<string, { heads: string[]; timestamp: number }> = {};
      for (const [storageId, entry] of Object.entries(newHeads)) {
        if (!STORAGE_ID_PATTERN.test(storageId) || !isRecord(entry)) refuse("invalid newHeads");
        const heads = entry["heads"];
        const timestamp = entry["timestamp"];
        if (!Array.isArray(heads) || heads.length > 1024 || !heads.every((h) => typeof h === "string" && h.length <= 128)) {
          refuse("invalid newHeads");
        }
        if (typeof timestamp !== "number" || !Number.isFinite(timestamp)) refuse("invalid newHeads");
        clean[storageId] = { heads: heads as string[], timestamp };
      }
      return { type, senderId, targetId, documentId, newHeads: clean };
    }
    default:
      return undefined;
  }
}

