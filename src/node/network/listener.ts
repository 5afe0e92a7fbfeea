/**
 * Why this exists: every Baton sync endpoint (the renderer endpoint on 127.0.0.1, the
 * "host a meeting" listener, the team sync server) must refuse a WebSocket *before* it
 * is a WebSocket when the token is wrong, and must hand only authorised sockets, each
 * tagged with its `PeerGrant`, to the `HardenedServerAdapter`. One module does that, so
 * the rules cannot drift between endpoints.
 *
 * Tokens: `?token=<token>` in the URL (the only form a browser WebSocket can send) or
 * `Authorization: Bearer <token>`; the header wins when both are present. Note that the
 * query form puts the token in the request line: do not log request URLs.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { ConnectionGate, type ConnectionLimits, type GateStats } from "./connection-gate.js";
import type { HardenedServerAdapter, PeerGrant } from "./hardened-server-adapter.js";

export type ListenerOptions = {
  /** Interface to bind, e.g. "127.0.0.1" (renderer endpoint, tests) or "0.0.0.0" (LAN meeting). */
  host: string;
  /** 0 = an ephemeral port chosen by the OS. */
  port: number;
  /** Decide who a socket is from its token; undefined refuses the upgrade with 401. */
  authorize: (token: string | undefined, req: http.IncomingMessage) => PeerGrant | undefined;
  adapter: HardenedServerAdapter;
  /** Every non-upgrade request (/healthz, /api/*, static files). Default: 404. A rejected promise answers 500. */
  onHttpRequest?: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;
  /** Limits on connections (connection-gate.ts); defaults fit the process's open-file limit. */
  limits?: Partial<ConnectionLimits>;
  /** What `limits.maxSocketsPerKey` counts by, e.g. the person on the team server. Default: the grant's kind. */
  socketKey?: (grant: PeerGrant) => string;
  tls?: { cert: string; key: string };
  /** Largest accepted WebSocket message; bigger ones close the socket with 1009. Default 32 MiB. */
  maxPayloadBytes?: number;
};

export type Listener = {
  /** ws://HOST:PORT (wss:// with TLS); a wildcard host is reported as loopback. */
  url: string;
  port: number;
  httpServer: http.Server;
  /** Connections now, and how many were closed or refused for a limit. */
  stats(): GateStats;
  close(): Promise<void>;
};

export const DEFAULT_MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;

/** A request's body must have arrived within this (Node's default is 5 minutes). */
const REQUEST_TIMEOUT_MS = 30_000;
/** How often Node checks the header and request timeouts (its default is every 30 s). */
const SERVER_TIMEOUTS = { connectionsCheckingInterval: 1000 };

/** The token a request carries: `Authorization: Bearer <token>`, else `?token=<token>`. */
export function tokenFrom(req: http.IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === "string") {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1] !== undefined) return match[1];
  }
  try {
    const token = new URL(req.url ?? "/", "http://localhost").searchParams.get("token");
    return token === null || token === "" ? undefined : token;
  } catch {
    return undefined;
  }
}

/**
 * Constant-time token comparison (both sides are hashed first, so neither the content nor
 * the length of the expected token leaks through timing). Missing or empty never matches.
 */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a.length === 0 || b.length === 0) return false;
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** A request line no handler can read (`GET /%E0%A4%A`): answered 400, never handed on. */
function malformedUrl(req: http.IncomingMessage): boolean {
  try {
    decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    return false;
  } catch {
    return true;
  }
}

/** Answer an upgrade request with a plain HTTP error and drop the connection. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${reason}\n`;
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\n` +
      "Connection: close\r\n" +
      "Content-Type: text/plain; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "\r\n" +
      body,
  );
  // A peer that never reads must not keep the socket alive.
  setTimeout(() => socket.destroy(), 1000).unref();
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

export async function startListener(options: ListenerOptions): Promise<Listener> {
  const { adapter, authorize } = options;
  const onHttpRequest = options.onHttpRequest;
  const socketKey = options.socketKey ?? ((grant: PeerGrant) => grant.kind);
  const gate = new ConnectionGate(options.limits, { tls: options.tls !== undefined });

  const fail = (res: http.ServerResponse): void => {
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("internal error\n");
    else res.destroy();
  };
  const handleRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    gate.busy(req.socket);
    res.once("close", () => gate.idle(req.socket));
    if (malformedUrl(req)) {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).end("The URL is not valid.\n");
      return;
    }
    if (onHttpRequest === undefined) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    try {
      const pending = onHttpRequest(req, res);
      if (pending instanceof Promise) pending.catch(() => fail(res));
    } catch {
      fail(res);
    }
  };

  const server: http.Server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key, handshakeTimeout: gate.limits.waitingTimeoutMs, ...SERVER_TIMEOUTS }, handleRequest)
    : http.createServer(SERVER_TIMEOUTS, handleRequest);
  // A request whose headers are complete is no longer "waiting" for the gate: its body must arrive in time.
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(REQUEST_TIMEOUT_MS, gate.limits.waitingTimeoutMs + 1000);
  gate.attach(server);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
    perMessageDeflate: false,
  });
  wss.on("error", () => {});

  server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    gate.busy(req.socket);
    if (malformedUrl(req)) {
      refuseUpgrade(socket, 400, "the URL is not valid");
      return;
    }
    const token = tokenFrom(req);
    let grant: PeerGrant | undefined;
    let key: string;
    try {
      grant = authorize(token, req);
      key = grant === undefined ? "" : socketKey(grant);
    } catch {
      refuseUpgrade(socket, 500, "authorization failed");
      return;
    }
    if (grant === undefined) {
      refuseUpgrade(socket, 401, token === undefined ? "missing token" : "invalid token");
      return;
    }
    const refusal = gate.refusalFor(key);
    if (refusal !== null) {
      refuseUpgrade(socket, refusal.status, refusal.reason);
      return;
    }
    const granted = grant;
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.once("close", gate.authenticated(req.socket, key));
      adapter.acceptSocket(ws, granted, req);
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once("error", onError);
    server.listen(options.port, options.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  // After startup, a server error (e.g. EMFILE on accept) must not become an uncaught exception.
  server.on("error", () => {});

  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? "wss" : "ws"}://${urlHost(options.host)}:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      gate.stop();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return { url, port, httpServer: server, stats: () => gate.stats(), close };
}
