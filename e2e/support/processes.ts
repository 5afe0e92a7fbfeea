/**
 * Real Baton processes for the e2e suite: browser-mode instances (the built `out/server/web.mjs`)
 * and the team sync server, each on loopback with its own temp data folder, stopped by
 * the test that started them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serverNodeFlags } from "../../scripts/server-flags.mjs";

const root = resolve(import.meta.dirname, "../..");

/**
 * A port for an instance to listen on, chosen below the range the system hands out for
 * port 0 (32768–60999 on Linux). A port 0 would give is free only until the instance binds
 * it, and meanwhile any socket bound to port 0 (a node's meeting listener, a relay, another
 * suite's process) could be given it too: a window then talked to another test's node.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error("no free port between 20000 and 32000 on 127.0.0.1");
}

function canListen(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = createServer();
    s.once("error", () => res(false));
    s.listen(port, "127.0.0.1", () => s.close(() => res(true)));
  });
}

export async function tempDataDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `baton-e2e-${name}-`));
}

export interface RunningProcess {
  url: string;
  port: number;
  /** Browser mode: the node's token, as the harness signed in (to read its API and events directly). */
  token?: string;
  output(): string;
  /** Graceful stop (SIGTERM): the node flushes and exits. */
  stop(): Promise<void>;
  /** Abrupt stop (SIGKILL), as when a laptop dies. */
  kill(): Promise<void>;
}

/** Start `args[0]`: TypeScript through tsx, a built `.mjs` as it ships (its source map for stack traces). */
async function run(args: string[], ready: RegExp, what: string, env: Record<string, string> = {}): Promise<RunningProcess> {
  // The bundle runs as `npm start` runs it (its flags too); a TypeScript entry through tsx.
  const loader = args[0]!.endsWith(".mjs") ? [...serverNodeFlags, "--enable-source-maps"] : ["--import", "tsx"];
  const child: ChildProcess = spawn(process.execPath, [...loader, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${what} did not start in time:\n${out}`)), 30_000);
    const check = () => {
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`${what} exited with ${code}:\n${out}`));
    });
  });
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return { url, port: Number(new URL(url.replace(/^ws/, "http")).port), output: () => out, stop: () => stopWith("SIGTERM"), kill: () => stopWith("SIGKILL") };
}

/**
 * The mDNS port of this test run's laptops: they find each other's meetings on loopback,
 * never on mDNS's real 5353, and a run started beside this one (another checkout) most
 * likely uses another port.
 */
export const E2E_MDNS_PORT = 20_000 + (process.pid % 1000) * 10 + 9;

/**
 * Browser mode as `npm start` runs it: the server bundle Playwright's global setup built
 * (`out/server/web.mjs`, build-server.ts) and the renderer the e2e script built
 * (`out/renderer`), so the suite checks what ships.
 *
 * Its address works once (src/node/api/page-login.ts), and a test opens several windows:
 * the harness, which started it and read its terminal, signs in with the printed address
 * itself and asks for a one-time address per window. So each read of `url` is a new one.
 */
export async function startWeb(dataDir: string, port: number): Promise<RunningProcess> {
  const proc = await run(
    ["out/server/web.mjs", "--data", dataDir, "--port", String(port), "--meeting-host", "127.0.0.1", "--mdns-port", String(E2E_MDNS_PORT)],
    /running at (http:\/\/127\.0\.0\.1:\d+\/\?login=[\w-]+)/,
    "browser mode",
  );
  const signIn = await fetch(new URL("/api/session", proc.url), { method: "POST", body: JSON.stringify({ ticket: new URL(proc.url).searchParams.get("login") }) });
  if (!signIn.ok) throw new Error(`could not sign in to browser mode: HTTP ${signIn.status} ${await signIn.text()}`);
  const { token } = (await signIn.json()) as { token: string };
  const links: string[] = [];
  let asking = 0;
  const more = async () => {
    asking++;
    try {
      const res = await fetch(new URL("/api/page-link", proc.url), { method: "POST", headers: { Authorization: `Bearer ${token}` } });
      if (res.ok) links.push(((await res.json()) as { url: string }).url);
    } finally {
      asking--;
    }
  };
  // A few in hand (the node keeps at most 16 outstanding).
  const refill = () => Promise.all(Array.from({ length: Math.max(0, 6 - links.length - asking) }, more));
  await refill();
  return {
    ...proc,
    token,
    get url() {
      const link = links.shift();
      if (link === undefined) throw new Error("no sign-in address left for another window of this instance");
      void refill();
      return link;
    },
  };
}

/** `BATON_SERVER_TOKEN=T npm run sync-server -- --data DIR --port N [extra]` (the token kept out of the process list). */
export async function startSyncServer(dataDir: string, port: number, token: string, extraArgs: string[] = []): Promise<RunningProcess> {
  return run(["src/server/sync-server.ts", "--data", dataDir, "--port", String(port), ...extraArgs], /listening on (ws:\/\/127\.0\.0\.1:\d+)/, "sync server", { BATON_SERVER_TOKEN: token });
}

export async function removeDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
