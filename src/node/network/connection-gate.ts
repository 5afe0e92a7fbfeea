/**
 * Why this exists: every open TCP connection holds a file descriptor, and a process has a
 * fixed number (often 1,024). 1,100 idle connections that never sent a token made the team
 * server's `/healthz` and its members' sync fail: new connections could not be accepted.
 * One person holding 3,000 authenticated sockets did the same from the inside.
 *
 * The gate keeps, for one listener:
 *
 * - *waiting* connections — open, but neither a request in progress nor an authenticated
 *   WebSocket (an idle keep-alive, a half-sent header, a TLS handshake that never ends):
 *   at most `maxWaitingPerAddress` per remote address and `maxWaiting` in all. Past either,
 *   the connection that has waited longest (from the address holding the most, past the
 *   cap in all) is closed — HTTP 429 with a reason when the connection is plain HTTP — so a
 *   newcomer such as a member or a health check gets in.
 *   A connection waiting longer than `waitingTimeoutMs` is closed too (408);
 * - *sockets* — authenticated WebSockets: at most `maxSocketsPerKey` per key (the person on
 *   the team server) and `maxSockets` in all; an upgrade past either is refused (429 / 503).
 *
 * So unauthenticated connections can take at most `maxWaiting` descriptors, and the rest
 * stay for authenticated ones. The defaults come from the process's open-file limit.
 */
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { Socket } from "node:net";

export interface ConnectionLimits {
  /** Waiting connections from one remote address; past it the oldest of them is closed. */
  maxWaitingPerAddress: number;
  /** Waiting connections in all; past it the oldest is closed. */
  maxWaiting: number;
  /** A connection waiting this long without a request is closed. */
  waitingTimeoutMs: number;
  /** Authenticated WebSockets in all; an upgrade past it gets 503. */
  maxSockets: number;
  /** Authenticated WebSockets per key (person, kind of peer); an upgrade past it gets 429. */
  maxSocketsPerKey: number;
}

/** Descriptors kept for everything but connections: storage files, stdio, DNS, the event loop. */
const RESERVED_FILES = 128;
/** Assumed when the limit cannot be read (not Linux). */
const ASSUMED_FILE_LIMIT = 4096;

/** The soft limit on open files of this process (Linux, from /proc), or undefined. */
export function openFileLimit(): number | undefined {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    const soft = line?.split(/\s{2,}/)[1];
    if (soft === "unlimited") return Number.MAX_SAFE_INTEGER;
    const n = Number(soft);
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** Limits that fit in `fileLimit` descriptors: a quarter (at most 1,024) for waiting connections, the rest for sockets. */
export function defaultLimits(fileLimit: number = openFileLimit() ?? ASSUMED_FILE_LIMIT): ConnectionLimits {
  const usable = Math.max(64, fileLimit - RESERVED_FILES);
  const maxWaiting = Math.min(1024, Math.max(16, Math.floor(usable / 4)));
  return {
    maxWaitingPerAddress: 32,
    maxWaiting,
    waitingTimeoutMs: 10_000,
    maxSockets: Math.max(16, usable - maxWaiting),
    maxSocketsPerKey: 32,
  };
}

export interface GateStats {
  waiting: number;
  sockets: number;
  /** Waiting connections closed to make room, since start. */
  evicted: number;
  /** Waiting connections closed for taking too long, since start. */
  timedOut: number;
  /** Upgrades refused for a limit on sockets, since start. */
  refused: number;
}

interface Entry {
  socket: Socket;
  address: string;
  since: number;
  state: "waiting" | "busy" | "socket";
}

/** Why an upgrade is refused: an HTTP status and words for the peer. */
export type GateRefusal = { status: 429 | 503; reason: string };

export class ConnectionGate {
  readonly limits: ConnectionLimits;
  readonly #tls: boolean;
  readonly #byConnection = new Map<string, Entry>();
  /** Waiting entries, oldest first (an entry that waits again moves to the end). */
  readonly #waiting = new Set<Entry>();
  readonly #waitingByAddress = new Map<string, Set<Entry>>();
  readonly #socketsByKey = new Map<string, number>();
  #sockets = 0;
  #evicted = 0;
  #timedOut = 0;
  #refused = 0;
  #sweep: ReturnType<typeof setInterval> | undefined;

  constructor(limits: Partial<ConnectionLimits> = {}, options: { tls?: boolean } = {}) {
    this.limits = { ...defaultLimits(), ...limits };
    this.#tls = options.tls === true;
  }

  /** Start counting the connections of `server` ('connection' is the raw TCP socket, TLS or not). */
  attach(server: Server): void {
    server.on("connection", (socket: Socket) => this.#opened(socket));
    // A hard stop below the file limit: past it Node drops new connections at once.
    server.maxConnections = this.limits.maxWaiting + this.limits.maxSockets + 64;
    const tick = Math.max(100, Math.min(1000, Math.floor(this.limits.waitingTimeoutMs / 4)));
    this.#sweep = setInterval(() => this.#closeTimedOut(), tick);
    this.#sweep.unref();
  }

  stop(): void {
    if (this.#sweep !== undefined) clearInterval(this.#sweep);
    this.#sweep = undefined;
  }

  stats(): GateStats {
    return { waiting: this.#waiting.size, sockets: this.#sockets, evicted: this.#evicted, timedOut: this.#timedOut, refused: this.#refused };
  }

  /** A request arrived on this connection (headers complete): it is no longer waiting. */
  busy(socket: Socket): void {
    const entry = this.#entryOf(socket);
    if (entry?.state === "waiting") this.#setState(entry, "busy");
  }

  /** The request on this connection was answered: an idle keep-alive waits again. */
  idle(socket: Socket): void {
    const entry = this.#entryOf(socket);
    if (entry?.state === "busy" && !socket.destroyed) this.#setState(entry, "waiting");
  }

  /** Whether one more authenticated socket for `key` fits; null when it does. */
  refusalFor(key: string): GateRefusal | null {
    if ((this.#socketsByKey.get(key) ?? 0) >= this.limits.maxSocketsPerKey) {
      this.#refused++;
      return { status: 429, reason: `too many open connections with this token (at most ${this.limits.maxSocketsPerKey})` };
    }
    if (this.#sockets >= this.limits.maxSockets) {
      this.#refused++;
      return { status: 503, reason: "the server is at its connection limit; try again later" };
    }
    return null;
  }

  /** The connection became an authenticated WebSocket counted for `key`; call the result when it closes. */
  authenticated(socket: Socket, key: string): () => void {
    const entry = this.#entryOf(socket);
    if (entry !== undefined) this.#setState(entry, "socket");
    this.#sockets++;
    this.#socketsByKey.set(key, (this.#socketsByKey.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#sockets--;
      const left = (this.#socketsByKey.get(key) ?? 1) - 1;
      if (left > 0) this.#socketsByKey.set(key, left);
      else this.#socketsByKey.delete(key);
    };
  }

  // A TLS socket is a separate object over the raw one, with the same remote address and port.
  #keyOf(socket: Socket): string {
    return `${socket.remoteAddress ?? "?"}|${socket.remotePort ?? 0}`;
  }

  #entryOf(socket: Socket): Entry | undefined {
    return this.#byConnection.get(this.#keyOf(socket));
  }

  #opened(socket: Socket): void {
    const connection = this.#keyOf(socket);
    const entry: Entry = { socket, address: socket.remoteAddress ?? "?", since: Date.now(), state: "busy" };
    this.#byConnection.set(connection, entry);
    socket.once("close", () => {
      if (this.#byConnection.get(connection) === entry) this.#byConnection.delete(connection);
      this.#leaveWaiting(entry);
    });
    this.#setState(entry, "waiting");
  }

  #setState(entry: Entry, state: Entry["state"]): void {
    this.#leaveWaiting(entry);
    entry.state = state;
    if (state !== "waiting") return;
    entry.since = Date.now();
    this.#waiting.add(entry);
    let fromAddress = this.#waitingByAddress.get(entry.address);
    if (fromAddress === undefined) {
      fromAddress = new Set();
      this.#waitingByAddress.set(entry.address, fromAddress);
    }
    fromAddress.add(entry);
    // The newcomer stays; whoever has waited longest makes room.
    if (fromAddress.size > this.limits.maxWaitingPerAddress) {
      this.#evict(fromAddress.values().next().value!, "Too many connections from your address are waiting; the oldest was closed.");
    }
    if (this.#waiting.size > this.limits.maxWaiting) {
      this.#evict(this.#oldestOfBusiestAddress(), "Too many connections are waiting; the oldest from the busiest address was closed.");
    }
  }

  /**
   * Past the cap in all, room is made at the address holding the most waiting connections:
   * a flood turns its own connections over, and a lone newcomer (a health check, a member
   * whose request is still on its way) is not the one to go.
   */
  #oldestOfBusiestAddress(): Entry {
    let busiest: Set<Entry> | undefined;
    for (const entries of this.#waitingByAddress.values()) if (busiest === undefined || entries.size > busiest.size) busiest = entries;
    return busiest!.values().next().value!;
  }

  #leaveWaiting(entry: Entry): void {
    if (!this.#waiting.delete(entry)) return;
    const fromAddress = this.#waitingByAddress.get(entry.address);
    fromAddress?.delete(entry);
    if (fromAddress?.size === 0) this.#waitingByAddress.delete(entry.address);
  }

  #evict(entry: Entry, reason: string): void {
    this.#evicted++;
    this.#close(entry, 429, "Too Many Requests", reason);
  }

  #closeTimedOut(): void {
    const deadline = Date.now() - this.limits.waitingTimeoutMs;
    for (const entry of this.#waiting) {
      if (entry.since > deadline) break;
      this.#timedOut++;
      this.#close(entry, 408, "Request Timeout", `No request within ${Math.round(this.limits.waitingTimeoutMs / 1000)} s.`);
    }
  }

  /** Close a waiting connection, saying why when it speaks plain HTTP (a TLS one is just closed). */
  #close(entry: Entry, status: number, statusText: string, reason: string): void {
    this.#leaveWaiting(entry);
    entry.state = "busy";
    const socket = entry.socket;
    if (this.#tls || !socket.writable) {
      socket.destroy();
      return;
    }
    const body = `${reason}\n`;
    // Let go of the descriptor as soon as the answer is handed to the kernel: a flood must not
    // hold descriptors in half-closed connections waiting for the other side.
    socket.once("finish", () => socket.destroy());
    socket.end(`HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    setTimeout(() => socket.destroy(), 1000).unref();
  }
}
