/**
 * Connections against the team sync server under a small open-file limit:
 * `npx tsx reliability/connection-attacks.ts [--files 1024] [--idle 1100] [--sockets 3000] [--seconds 20]`.
 *
 * Starts the server through its CLI (`--tokens`, 127.0.0.1, a temp folder) in a shell that
 * sets `ulimit -n --files` (soft and hard: the server cannot raise it), with two members
 * (Ana, Dana) syncing an account through Baton's link adapter. Then, one after the other:
 *
 * 1. *idle*: --idle TCP connections that never send a byte, all from one address
 *    (127.0.0.2), reopened as soon as the server closes one, for --seconds;
 * 2. *idle, many addresses*: the same spread over 11 addresses (127.0.0.2–12);
 * 3. *sockets of one person*: Mallory, a member with a valid token, opens --sockets
 *    WebSockets and joins on each.
 *
 * During each: `/healthz` from 127.0.0.1 every 250 ms (latency, failures), an edit by Ana
 * until it is at Dana (the open link), and a new member connection (a second laptop of
 * Dana's finding the account). Reports how many attacking connections the server closed
 * or refused (and with what), how many the attacker still held, and the server's RSS.
 * `--root DIR` runs the server from another checkout (to measure a baseline). Exits 1 when
 * a health check or a member's sync failed. Targets 127.0.0.1 only; stops by itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Repo, cbor, type DocHandle, type PeerId } from "@automerge/automerge-repo";
import WebSocket from "ws";
import { LinkClientAdapter } from "../src/node/links/link-client-adapter";
import { hashToken } from "../src/server/relay/people";
import { arg } from "./lib/args";

const files = Number(arg("files", "1024"));
const idleCount = Number(arg("idle", "1100"));
const socketCount = Number(arg("sockets", "3000"));
const seconds = Number(arg("seconds", "20"));
const root = resolve(arg("root", fileURLToPath(new URL("..", import.meta.url))));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Account = { name: string; notes: string[]; teamMembers: Record<string, boolean> };

function pct(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssMiB(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
}

async function startServer(dir: string, tokensFile: string): Promise<{ child: ChildProcess; url: string; port: number; log: () => string }> {
  const command = `ulimit -n ${files} && exec "${process.execPath}" --import tsx src/server/sync-server.ts --data "${join(dir, "server")}" --port 0 --tokens "${tokensFile}"`;
  const child = spawn("bash", ["-c", command], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${out}`)), 30_000);
    child.stdout!.on("data", () => {
      const m = /listening on (ws:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.once("exit", (code) => rej(new Error(`server exited (${String(code)}):\n${out}`)));
  });
  return { child, url, port: Number(new URL(url.replace(/^ws/, "http")).port), log: () => out };
}

/** /healthz every 250 ms until stopped: latencies of answers, and failures. */
function healthProbe(port: number): { stop(): Promise<{ ms: number[]; failures: string[]; waitingMax: number; socketsMax: number }> } {
  const ms: number[] = [];
  const failures: string[] = [];
  // What the server itself counts (a server that reports it): connections waiting to authenticate, sockets.
  let waitingMax = -1;
  let socketsMax = -1;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
        const body = await res.text();
        if (res.status === 200) ms.push(performance.now() - t0);
        else failures.push(`HTTP ${res.status}`);
        const connections = res.status === 200 ? (JSON.parse(body) as { connections?: { waiting: number; sockets: number } }).connections : undefined;
        if (connections) {
          waitingMax = Math.max(waitingMax, connections.waiting);
          socketsMax = Math.max(socketsMax, connections.sockets);
        }
      } catch (e) {
        failures.push((e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message);
      }
      await sleep(250);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { ms, failures, waitingMax, socketsMax };
    },
  };
}

function link(url: string, token: string, name: string): Repo {
  return new Repo({ network: [new LinkClientAdapter({ url, token, name, minRetryMs: 200, maxRetryMs: 1000 })], peerId: `${name}-${randomUUID().slice(0, 8)}` as PeerId });
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) return false;
    await sleep(20);
  }
  return true;
}

/** Ana edits until Dana has it: ms, or -1 if not within 10 s. */
async function roundTrip(ana: DocHandle<Account>, dana: DocHandle<Account>): Promise<number> {
  const note = `note ${randomUUID()}`;
  const t0 = performance.now();
  ana.change((d) => void d.notes.push(note));
  return (await until(() => dana.doc().notes.includes(note), 10_000)) ? Math.round(performance.now() - t0) : -1;
}

/** Keep `count` idle TCP connections open from `sources` until `stop()`; count how they were closed. */
function idleFlood(port: number, count: number, sources: string[]) {
  let running = true;
  let open = 0;
  let opened = 0;
  const sockets = new Set<net.Socket>();
  const closedWith: Record<string, number> = {};
  const connectFailures: Record<string, number> = {};
  const one = (from: string): Promise<void> =>
    new Promise((done) => {
      const socket = net.connect({ host: "127.0.0.1", port, localAddress: from });
      sockets.add(socket);
      let text = "";
      let connected = false;
      socket.on("data", (d: Buffer) => (text += d.toString()));
      socket.on("connect", () => {
        connected = true;
        open++;
        opened++;
      });
      socket.on("error", (e: NodeJS.ErrnoException) => {
        if (!connected) connectFailures[e.code ?? e.message] = (connectFailures[e.code ?? e.message] ?? 0) + 1;
      });
      socket.on("close", () => {
        sockets.delete(socket);
        if (connected) {
          open--;
          const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
          const key = status ? `HTTP ${status}` : "closed without a word";
          closedWith[key] = (closedWith[key] ?? 0) + 1;
        }
        done();
      });
    });
  const workers = Array.from({ length: count }, async (_, i) => {
    const from = sources[i % sources.length]!;
    while (running) {
      await one(from);
      if (running) await sleep(50);
    }
  });
  return {
    held: () => open,
    async stop() {
      running = false;
      await sleep(100);
      const result = { opened, held: open, closedWith: { ...closedWith }, connectFailures, workers };
      // The attacker goes away: the next attack starts from a server with nothing left over.
      for (const socket of sockets) socket.destroy();
      await Promise.all(workers);
      return result;
    },
  };
}

/** Mallory opens `count` WebSockets with her valid token and joins on each. */
async function socketFlood(url: string, token: string, count: number) {
  const sockets: WebSocket[] = [];
  const outcomes: Record<string, number> = {};
  let joined = 0;
  const attempt = (i: number) =>
    new Promise<void>((resolve) => {
      let settled = false;
      const done = () => {
        settled = true;
        resolve();
      };
      const count = (key: string) => {
        if (settled) return;
        outcomes[key] = (outcomes[key] ?? 0) + 1;
        done();
      };
      const ws = new WebSocket(`${url}/?token=${token}`);
      sockets.push(ws);
      ws.on("open", () => {
        ws.send(cbor.encode({ type: "join", senderId: `mallory-${i}`, peerMetadata: {}, supportedProtocolVersions: ["1"] }));
      });
      ws.on("message", (data: Buffer) => {
        if ((cbor.decode(new Uint8Array(data)) as { type?: string }).type === "peer" && !settled) {
          joined++;
          count("joined");
        }
      });
      ws.on("unexpected-response", (_req, res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => count(`HTTP ${res.statusCode ?? 0} ${body.trim()}`));
      });
      ws.on("error", (e: NodeJS.ErrnoException) => {
        if (!/Unexpected server response/.test(e.message)) count(e.code ?? e.message);
      });
      ws.on("close", (code, reason) => count(`closed ${code} ${reason.toString()}`));
      setTimeout(() => count("no answer in 10 s"), 10_000);
    });
  for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => attempt(i + j)));
  return {
    joined,
    outcomes,
    stop: () => {
      for (const ws of sockets) ws.terminate();
    },
  };
}

const dir = await mkdtemp(join(tmpdir(), "baton-connections-"));
const tokens = { ana: `ana-${randomUUID()}`, dana: `dana-${randomUUID()}`, mallory: `mallory-${randomUUID()}` };
const tokensFile = join(dir, "tokens.json");
await writeFile(tokensFile, JSON.stringify({ people: Object.entries(tokens).map(([id, t]) => ({ id, name: id, token: hashToken(t) })) }));
const failures: string[] = [];
const lines: string[] = [];
const repos: Repo[] = [];
let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  server = await startServer(dir, tokensFile);
  const pid = server.child.pid!;
  lines.push(`server: ${root === resolve(fileURLToPath(new URL("..", import.meta.url))) ? "this checkout" : root}, ulimit -n ${files}, RSS ${rssMiB(pid).toFixed(0)} MiB at start`);
  const limitsLine = /open-file limit[^\n]*/i.exec(server.log())?.[0];
  if (limitsLine) lines.push(`  ${limitsLine}`);
  const ana = link(server.url, tokens.ana, "ana");
  const dana = link(server.url, tokens.dana, "dana");
  repos.push(ana, dana);
  const onAna = ana.create<Account>({ name: "Acme", notes: [], teamMembers: { dana: true } });
  await sleep(1000);
  const onDana = await dana.find<Account>(onAna.url, { signal: AbortSignal.timeout(15_000) });
  lines.push(`members' sync before any attack: ${await roundTrip(onAna, onDana)} ms`);

  const during = async <R>(what: string, attack: { held?: () => number; stop(): Promise<R> }, describe: (result: R) => string[]) => {
    const probe = healthProbe(server!.port);
    await sleep(2000);
    const trips: number[] = [];
    const end = Date.now() + seconds * 1000;
    let newMember = "not tried";
    let held = 0;
    let rssPeak = 0;
    while (Date.now() < end) {
      trips.push(await roundTrip(onAna, onDana));
      if (newMember === "not tried") {
        const second = link(server!.url, tokens.dana, "dana-second-laptop");
        repos.push(second);
        const t0 = performance.now();
        newMember = await second
          .find<Account>(onAna.url, { signal: AbortSignal.timeout(10_000) })
          .then(() => `found the account in ${Math.round(performance.now() - t0)} ms`)
          .catch((e: Error) => `FAILED (${e.message})`);
      }
      held = Math.max(held, attack.held?.() ?? 0);
      rssPeak = Math.max(rssPeak, rssMiB(pid));
      await sleep(500);
    }
    const health = await probe.stop();
    const result = await attack.stop();
    await sleep(1500);
    lines.push(`${what}:`);
    lines.push(...describe(result).map((l) => `  ${l}`));
    if (attack.held) lines.push(`  connections the attacker saw open at most at once (the kernel's backlog included): ${held}`);
    if (health.waitingMax >= 0) lines.push(`  the server's own count, most seen by /healthz: ${health.waitingMax} waiting to authenticate, ${health.socketsMax} authenticated sockets`);
    lines.push(`  /healthz: ${health.ms.length} answered, ${health.failures.length} failed${health.failures.length ? ` (${[...new Set(health.failures)].slice(0, 3).join("; ")})` : ""}; latency p50 ${pct(health.ms, 50).toFixed(1)} ms, p99 ${pct(health.ms, 99).toFixed(1)} ms, max ${Math.max(...health.ms, 0).toFixed(1)} ms`);
    const lost = trips.filter((t) => t < 0).length;
    const ok = trips.filter((t) => t >= 0);
    lines.push(`  members' sync (Ana's edit at Dana): ${ok.length} of ${trips.length} arrived, p50 ${pct(ok, 50)} ms, max ${Math.max(...ok, 0)} ms; a new member connection: ${newMember}`);
    lines.push(`  server RSS peak ${rssPeak.toFixed(0)} MiB`);
    if (health.failures.length) failures.push(`${what}: ${health.failures.length} health checks failed`);
    if (lost) failures.push(`${what}: ${lost} edits did not reach Dana within 10 s`);
    if (newMember.startsWith("FAILED")) failures.push(`${what}: a new member connection failed`);
  };
  const idleReport = (r: Awaited<ReturnType<ReturnType<typeof idleFlood>["stop"]>>) => [
    `connections opened ${r.opened.toLocaleString("en")}; closed by the server: ${JSON.stringify(r.closedWith)}; failed to connect: ${JSON.stringify(r.connectFailures)}`,
  ];

  await during(`${idleCount} idle TCP connections without a token, from one address, for ${seconds} s`, idleFlood(server.port, idleCount, ["127.0.0.2"]), idleReport);
  await sleep(12_000);
  const sources = Array.from({ length: 11 }, (_, i) => `127.0.0.${i + 2}`);
  await during(`${idleCount} idle TCP connections without a token, from 11 addresses, for ${seconds} s`, idleFlood(server.port, idleCount, sources), idleReport);
  await sleep(12_000);
  const t0 = performance.now();
  const sockets = await socketFlood(server.url, tokens.mallory, socketCount);
  const openedIn = Math.round(performance.now() - t0);
  await during(
    `${socketCount.toLocaleString("en")} WebSockets opened by one member (Mallory), held for ${seconds} s`,
    { stop: async () => sockets.stop() },
    () => [`joined ${sockets.joined.toLocaleString("en")} (in ${openedIn} ms); the rest: ${JSON.stringify(Object.fromEntries(Object.entries(sockets.outcomes).filter(([k]) => k !== "joined")))}`],
  );
} catch (e) {
  failures.push(`run failed: ${(e as Error).stack ?? String(e)}`);
} finally {
  for (const r of repos) await r.shutdown().catch(() => undefined);
  if (server && server.child.exitCode === null) {
    const exited = new Promise((r) => server!.child.once("exit", r));
    server.child.kill("SIGTERM");
    const timer = setTimeout(() => server!.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(dir, { recursive: true, force: true });
}
for (const line of lines) console.log(line);
if (failures.length) {
  console.log(`FAILED:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("all checks held");
process.exit(0);
