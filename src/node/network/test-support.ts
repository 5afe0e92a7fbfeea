/**
 * Why: the network tests all need the same real pieces — a relay Repo behind a real
 * listener on 127.0.0.1, stock WebSocket clients, and raw `ws` sockets that speak the wire
 * protocol by hand (to send what a stock client never would). Test-only; not imported by
 * production code.
 */
import { Repo, cbor, type PeerId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import { WebSocket, type RawData } from "ws";
import { HardenedServerAdapter, type HardenedServerAdapterOptions, type PeerGrant } from "./hardened-server-adapter.js";
import { sameToken, startListener, type Listener, type ListenerOptions } from "./listener.js";

export type Relay = {
  repo: Repo;
  adapter: HardenedServerAdapter;
  listener: Listener;
  /** ws URL with `?token=` for the given token. */
  urlFor(token: string): string;
  close(): Promise<void>;
};

/** A relay Repo (ephemeral, no storage) behind a token-checking listener on 127.0.0.1. */
export async function startRelay(
  grants: Record<string, PeerGrant>,
  options: { adapter?: HardenedServerAdapterOptions; listener?: Partial<ListenerOptions> } = {},
): Promise<Relay> {
  const adapter = new HardenedServerAdapter(options.adapter);
  const repo = new Repo({ network: [adapter], peerId: "relay" as PeerId });
  const listener = await startListener({
    host: "127.0.0.1",
    port: 0,
    adapter,
    authorize: (token) => {
      for (const [expected, grant] of Object.entries(grants)) if (sameToken(token, expected)) return grant;
      return undefined;
    },
    ...options.listener,
  });
  return {
    repo,
    adapter,
    listener,
    urlFor: (token) => `${listener.url}/?token=${encodeURIComponent(token)}`,
    close: async () => {
      await repo.shutdown();
      await listener.close();
    },
  };
}

/** A Repo that reaches `url` through the stock automerge-repo WebSocket client adapter. */
export function stockClient(url: string, peerId: string): Repo {
  return new Repo({ network: [new WebSocketClientAdapter(url, 200)], peerId: peerId as PeerId });
}

export type RawSocket = {
  socket: WebSocket;
  /** Decoded CBOR messages received so far. */
  received: Array<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
  sendCbor(message: unknown): void;
  sendBytes(bytes: Uint8Array): void;
  /** Resolves with the first received message matching `predicate`. */
  waitFor(predicate: (message: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
};

/** A hand-driven client socket, open when the promise resolves. */
export async function rawSocket(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<RawSocket> {
  const socket = new WebSocket(url, options);
  const received: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  socket.on("message", (data: RawData) => {
    received.push(cbor.decode(data as Buffer));
    for (const wake of [...waiters]) wake();
  });
  socket.on("error", () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return {
    socket,
    received,
    closed,
    sendCbor: (message) => socket.send(cbor.encode(message), { binary: true }),
    sendBytes: (bytes) => socket.send(bytes, { binary: true }),
    waitFor: (predicate, timeoutMs = 3000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = received.find(predicate);
          if (found === undefined) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = (): void => {
          check();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error("timed out waiting for a message"));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      }),
  };
}

/** A raw socket that has completed the join handshake as `peerId`. */
export async function joinedSocket(url: string, peerId: string): Promise<RawSocket> {
  const raw = await rawSocket(url);
  raw.sendCbor({ type: "join", senderId: peerId, peerMetadata: {}, supportedProtocolVersions: ["1"] });
  await raw.waitFor((m) => m["type"] === "peer");
  return raw;
}

/** Poll `check` until it returns true (or throw after `timeoutMs`). */
export async function eventually(check: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
