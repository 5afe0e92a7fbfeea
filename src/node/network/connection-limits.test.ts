/**
 * Connections are file descriptors, and a process has a fixed number: connections that
 * never authenticate must not crowd out those that do, and one token must not hold them
 * all. Real listeners on 127.0.0.1, real TCP connections (from other loopback addresses
 * where the remote address matters), real WebSockets.
 */
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { defaultLimits, type ConnectionLimits } from "./connection-gate.js";
import { HardenedServerAdapter, type PeerGrant } from "./hardened-server-adapter.js";
import { sameToken, startListener, type Listener } from "./listener.js";
import { eventually, stockClient } from "./test-support.js";

const open: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (open.length > 0) await Promise.resolve(open.pop()?.()).catch(() => undefined);
});

const ANA = "ana-token-0001";
const BOB = "bob-token-0002";

async function listen(limits: Partial<ConnectionLimits>): Promise<Listener> {
  const adapter = new HardenedServerAdapter();
  const listener = await startListener({
    host: "127.0.0.1",
    port: 0,
    adapter,
    limits,
    authorize: (token): PeerGrant | undefined => (sameToken(token, ANA) ? { kind: "team-member", label: "ana" } : sameToken(token, BOB) ? { kind: "team-member", label: "bob" } : undefined),
    socketKey: (grant) => grant.label,
    onHttpRequest: (req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" }).end(`ok ${req.url ?? ""}\n`);
    },
  });
  open.push(() => listener.close());
  return listener;
}

/** An idle TCP connection from `from` (a loopback address) that never sends a byte; collects what it is sent. */
type Idle = { socket: net.Socket; received: () => string; closed: Promise<void> };

async function idle(port: number, from: string): Promise<Idle> {
  const socket = net.connect({ host: "127.0.0.1", port, localAddress: from });
  open.push(() => socket.destroy());
  let text = "";
  socket.on("data", (d: Buffer) => (text += d.toString()));
  socket.on("error", () => undefined);
  const closed = new Promise<void>((r) => socket.once("close", () => r()));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  return { socket, received: () => text, closed };
}

/** A plain HTTP request on its own connection; resolves with the status line and body. */
function get(port: number, path: string, from = "127.0.0.1"): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port, localAddress: from }, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let text = "";
    socket.on("data", (d: Buffer) => (text += d.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(text));
  });
}

function upgrade(url: string): Promise<{ ws: WebSocket } | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on("open", () => {
      open.push(() => ws.terminate());
      resolve({ ws });
    });
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on("error", (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}

describe("connections that have not authenticated", () => {
  it("are capped per address: the one that waited longest is closed with 429 and a reason; others still get in", async () => {
    const l = await listen({ maxWaitingPerAddress: 4, maxWaiting: 100 });
    const flood: Idle[] = [];
    for (let i = 0; i < 10; i++) flood.push(await idle(l.port, "127.0.0.2"));
    await eventually(() => flood.filter((c) => c.socket.destroyed || c.received() !== "").length === 6, 5000, "six of ten closed");
    expect(flood.slice(0, 6).every((c) => c.received().startsWith("HTTP/1.1 429 Too Many Requests"))).toBe(true);
    expect(flood[0]!.received()).toContain("Too many connections from your address are waiting");
    expect(flood.slice(6).every((c) => !c.socket.destroyed && c.received() === "")).toBe(true);
    expect(l.stats()).toMatchObject({ waiting: 4, evicted: 6 });
    // Another address, and the same one too (its newest connection is let in), are served.
    expect(await get(l.port, "/healthz")).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*ok \/healthz/);
    expect(await get(l.port, "/healthz", "127.0.0.2")).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it("are capped in all, so idle connections from many addresses cannot starve a member's WebSocket", async () => {
    const l = await listen({ maxWaitingPerAddress: 100, maxWaiting: 6 });
    // The oldest waiting connection of all, but alone at its address: the flood makes room from its own.
    const lone = await idle(l.port, "127.0.0.9");
    const flood: Idle[] = [];
    for (const from of ["127.0.0.2", "127.0.0.3", "127.0.0.4"]) for (let i = 0; i < 4; i++) flood.push(await idle(l.port, from));
    await eventually(() => l.stats().evicted === 7, 5000, "seven of the flood closed");
    expect(l.stats().waiting).toBe(6);
    expect(lone.socket.destroyed || lone.received() !== "").toBe(false);
    // A member connects and syncs: its upgrade is a newcomer, and once authenticated it no longer waits.
    const member = stockClient(`${l.url}/?token=${ANA}`, "ana-laptop");
    open.push(() => member.shutdown());
    await eventually(() => l.stats().sockets === 1, 5000, "the member's socket");
    for (let i = 0; i < 12; i++) flood.push(await idle(l.port, "127.0.0.5"));
    await new Promise((r) => setTimeout(r, 100));
    expect(l.stats()).toMatchObject({ sockets: 1, waiting: 6 });
  });

  it("are closed with 408 when they send nothing in time", async () => {
    const l = await listen({ waitingTimeoutMs: 300 });
    const c = await idle(l.port, "127.0.0.2");
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout[\s\S]*No request within/);
    expect(l.stats().timedOut).toBe(1);
  });
});

describe("authenticated sockets", () => {
  it("are capped per token (the person on the team server), with 429 and a reason; others still get in", async () => {
    const l = await listen({ maxSocketsPerKey: 3 });
    const ana: Array<Awaited<ReturnType<typeof upgrade>>> = [];
    for (let i = 0; i < 3; i++) ana.push(await upgrade(`${l.url}/?token=${ANA}`));
    expect(ana.every((a) => "ws" in a)).toBe(true);
    expect(await upgrade(`${l.url}/?token=${ANA}`)).toEqual({ status: 429, body: "too many open connections with this token (at most 3)\n" });
    expect("ws" in (await upgrade(`${l.url}/?token=${BOB}`))).toBe(true);
    // One of Ana's closes: she may open another.
    const first = ana[0] as { ws: WebSocket };
    first.ws.close();
    await eventually(() => l.stats().sockets === 3, 5000, "Ana's socket closed");
    expect("ws" in (await upgrade(`${l.url}/?token=${ANA}`))).toBe(true);
  });

  it("are capped in all with 503", async () => {
    const l = await listen({ maxSockets: 2 });
    expect("ws" in (await upgrade(`${l.url}/?token=${ANA}`))).toBe(true);
    expect("ws" in (await upgrade(`${l.url}/?token=${BOB}`))).toBe(true);
    expect(await upgrade(`${l.url}/?token=${BOB}`)).toEqual({ status: 503, body: "the server is at its connection limit; try again later\n" });
  });
});

describe("default limits", () => {
  it("leave most descriptors to authenticated sockets, whatever the file limit", () => {
    for (const files of [256, 1024, 4096, 65_536, 1_048_576]) {
      const l = defaultLimits(files);
      expect(l.maxWaiting + l.maxSockets).toBeLessThanOrEqual(Math.max(files - 128, 64));
      expect(l.maxSockets).toBeGreaterThan(l.maxWaiting);
      expect(l.maxWaiting).toBeLessThanOrEqual(1024);
    }
    expect(defaultLimits(1024)).toMatchObject({ maxWaiting: 224, maxSockets: 672 });
  });
});
