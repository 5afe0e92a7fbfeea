/**
 * The outbound side of a peer link (join a meeting, reach the team sync server).
 *
 * Speaks the protocol of automerge-repo's stock WebSocketClientAdapter, but the stock
 * one throws from its socket error handler on anything but ECONNREFUSED — a 401, a
 * reset or a timeout would take the whole sync node down — and it cannot say *why* a
 * link is down. This one never throws on network faults or bad frames, retries with
 * backoff, sends the token in the Authorization header, and reports its state in words
 * a person can act on.
 */
import { EventEmitter } from "node:events";
import WebSocket from "ws";
import { NetworkAdapter, cbor } from "@automerge/automerge-repo/slim";
import type { Message, PeerId, PeerMetadata } from "@automerge/automerge-repo/slim";
import { firstSight, originalOf, relabel } from "../network/ephemeral-seen.js";
import { syncMessageProblem } from "../network/change-integrity.js";

export type LinkState =
  | { state: "connecting" }
  | { state: "connected"; remotePeerId: PeerId }
  | { state: "offline"; problem: string }
  | { state: "refused"; problem: string };

export interface LinkOptions {
  /** ws:// or wss:// URL of the remote listener. */
  url: string;
  token: string;
  /** Shown to the other side (the host's guest list). */
  name?: string;
  /** Words for the person when the link is refused with 401. */
  refusedMessage?: string;
  minRetryMs?: number;
  maxRetryMs?: number;
}

const PROTOCOL_V1 = "1";

export class LinkClientAdapter extends NetworkAdapter {
  readonly status = new EventEmitter<{ change: [LinkState] }>();
  #options: Required<Omit<LinkOptions, "name">> & { name?: string };
  #socket: WebSocket | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #retryMs: number;
  #stopped = false;
  #state: LinkState = { state: "connecting" };
  #remotePeerId: PeerId | null = null;
  #ready = false;
  #readyResolve!: () => void;
  #readyPromise = new Promise<void>((r) => (this.#readyResolve = r));

  constructor(options: LinkOptions) {
    super();
    this.#options = {
      refusedMessage: "The other side refused the token.",
      minRetryMs: 1000,
      maxRetryMs: 15_000,
      ...options,
    };
    this.#retryMs = this.#options.minRetryMs;
  }

  get state(): LinkState {
    return this.#state;
  }

  get remotePeerId(): PeerId | null {
    return this.#remotePeerId;
  }

  isReady(): boolean {
    return this.#ready;
  }

  whenReady(): Promise<void> {
    return this.#readyPromise;
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId;
    this.peerMetadata = peerMetadata ?? {};
    this.#stopped = false;
    this.#open();
    // Never hold the repo back waiting for a remote that may be away.
    setTimeout(() => this.#markReady(), 1000);
  }

  /** Try again now (e.g. after settings changed or the network came back). */
  retryNow(): void {
    if (this.#stopped || this.#state.state === "connected") return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#retryMs = this.#options.minRetryMs;
    this.#open();
  }

  send(message: Message): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return; // the sync protocol catches up on reconnect
    if ("data" in message && message.data?.byteLength === 0) return;
    socket.send(cbor.encode(message));
  }

  disconnect(): void {
    this.#stopped = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.on("error", () => undefined);
      socket.terminate();
    }
    this.#lostRemote();
    this.#setState({ state: "offline", problem: "Disconnected." });
  }

  #open(): void {
    if (this.#stopped) return;
    this.#socket?.removeAllListeners();
    this.#socket?.on("error", () => undefined);
    this.#socket?.terminate();
    this.#setState({ state: "connecting" });
    const url = new URL(this.#options.url);
    if (this.#options.name) url.searchParams.set("name", this.#options.name);
    const socket = new WebSocket(url, {
      headers: { Authorization: `Bearer ${this.#options.token}` },
      handshakeTimeout: 5000,
      maxPayload: 64 * 1024 * 1024,
    });
    this.#socket = socket;
    socket.binaryType = "nodebuffer";
    socket.on("open", () => {
      this.#retryMs = this.#options.minRetryMs;
      const join = {
        type: "join",
        senderId: this.peerId,
        peerMetadata: this.peerMetadata,
        supportedProtocolVersions: [PROTOCOL_V1],
      };
      socket.send(cbor.encode(join));
    });
    socket.on("message", (data: Buffer, isBinary: boolean) => this.#receive(socket, data, isBinary));
    socket.on("unexpected-response", (_req, res) => {
      const code = res.statusCode ?? 0;
      res.resume();
      this.#setState(
        code === 401 || code === 403
          ? { state: "refused", problem: this.#options.refusedMessage }
          : { state: "offline", problem: `The other side answered HTTP ${code} instead of accepting the connection.` },
      );
      socket.terminate();
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (this.#state.state !== "refused") this.#setState({ state: "offline", problem: describeNetworkError(err, url) });
    });
    socket.on("close", () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#lostRemote();
      if (this.#state.state === "connected" || this.#state.state === "connecting") {
        this.#setState({ state: "offline", problem: "The connection was closed." });
      }
      this.#markReady();
      this.#scheduleRetry();
    });
  }

  #receive(socket: WebSocket, data: Buffer, isBinary: boolean): void {
    if (!isBinary) return;
    let message: unknown;
    try {
      message = cbor.decode(new Uint8Array(data));
    } catch {
      socket.close(1008, "undecodable frame");
      return;
    }
    if (typeof message !== "object" || message === null) return;
    const m = message as Record<string, unknown>;
    if (typeof m.type !== "string" || typeof m.senderId !== "string") return;
    if (m.type === "peer") {
      this.#remotePeerId = m.senderId as PeerId;
      this.#setState({ state: "connected", remotePeerId: this.#remotePeerId });
      this.#markReady();
      this.emit("peer-candidate", { peerId: this.#remotePeerId, peerMetadata: (m.peerMetadata ?? {}) as PeerMetadata });
      return;
    }
    if (m.type === "error") {
      this.#setState({ state: "refused", problem: typeof m.message === "string" ? m.message : "The other side reported an error." });
      return;
    }
    if (this.#remotePeerId === null) return;
    // A forwarded ephemeral message (presence, live edits) keeps its originator's senderId:
    // take it as coming from the peer at the other end of this link, who sent it.
    if (m.type === "ephemeral") {
      // Who first sent it (relays keep the origin fields): a copy coming round a ring is
      // dropped, and the session automerge-repo sees is one per process (ephemeral-seen.ts).
      const original = originalOf(m);
      if (original === null || !firstSight(this.peerId ?? "", original)) return;
      relabel(m, original);
      m.senderId = this.#remotePeerId;
    }
    if (m.senderId !== this.#remotePeerId) return;
    if (m.type === "sync" || m.type === "request") {
      // The host or the server is a peer like any other: a damaged sync message never reaches the Repo.
      const problem = m.data instanceof Uint8Array ? syncMessageProblem(m.data) : "sync message without data";
      if (problem !== null) {
        socket.close(1008, problem.slice(0, 120));
        return;
      }
    }
    this.emit("message", message as Message);
  }

  #lostRemote(): void {
    if (this.#remotePeerId) {
      const peerId = this.#remotePeerId;
      this.#remotePeerId = null;
      this.emit("peer-disconnected", { peerId });
    }
  }

  #scheduleRetry(): void {
    if (this.#stopped || this.#retryTimer) return;
    const wait = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, this.#options.maxRetryMs);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#open();
    }, wait);
  }

  #markReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    this.#readyResolve();
  }

  #setState(next: LinkState): void {
    const same = JSON.stringify(next) === JSON.stringify(this.#state);
    this.#state = next;
    if (!same) this.status.emit("change", next);
  }
}

/** Turn a socket error into words for the person. */
export function describeNetworkError(err: NodeJS.ErrnoException, url: URL): string {
  const where = url.host;
  switch (err.code) {
    case "ECONNREFUSED":
      return `Nothing is listening at ${where}.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `The address ${url.hostname} could not be found.`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${where} cannot be reached from this network.`;
    case "ECONNRESET":
      return `The connection to ${where} was cut.`;
    default:
      return err.message.startsWith("Opening handshake has timed out") ? `${where} did not answer in time.` : `Cannot reach ${where}: ${err.message}`;
  }
}
