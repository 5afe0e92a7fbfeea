/**
 * Child processes for the bench: every node under test runs in its own process (as in
 * the app: renderer, sync node and the other laptop's node are separate), started from a
 * bundle as the app ships, and driven over Node's IPC channel with small
 * request/response calls. Timestamps cross processes as
 * `performance.timeOrigin + performance.now()`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import { serverNodeFlags } from "../../scripts/server-flags.mjs";

/** Repository root (bench/..). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Milliseconds on a clock shared by every process on this machine. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

type Handler = (args: never) => unknown;

interface Request {
  kind: "call";
  id: number;
  cmd: string;
  args: unknown;
}
interface Reply {
  kind: "reply";
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}
interface Event {
  kind: "event";
  event: string;
  data: unknown;
}
type FromChild = Reply | Event | { kind: "ready" };

/** Child side: answer calls from the parent. Exits when the parent goes away. */
export function serve(handlers: Record<string, Handler>): void {
  if (!process.send) throw new Error("bench child started without an IPC channel");
  const name = process.env.BENCH_CHILD_NAME ?? "bench child";
  // Say which process died and why (the parent then fails the scenario with its name).
  const die = (what: string) => (e: unknown) => {
    console.error(`[${name}, pid ${String(process.pid)}] ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(70);
  };
  process.on("uncaughtException", die("uncaught exception"));
  process.on("unhandledRejection", die("unhandled rejection"));
  process.on("message", (raw: unknown) => {
    const req = raw as Request;
    if (req?.kind !== "call") return;
    const handler = handlers[req.cmd];
    const reply = (r: Omit<Reply, "kind" | "id">) => process.send?.({ kind: "reply", id: req.id, ...r });
    if (!handler) {
      reply({ ok: false, error: `unknown command ${req.cmd}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(req.args as never))
      .then(
        (value) => reply({ ok: true, value }),
        (e: unknown) => reply({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
      );
  });
  process.on("disconnect", () => process.exit(0));
  process.send({ kind: "ready" });
}

/** Child side: push an event to the parent. */
export function emit(event: string, data: unknown): void {
  process.send?.({ kind: "event", event, data } satisfies Event);
}

export interface SpawnOptions {
  /** Extra node flags (e.g. --expose-gc, --cpu-prof). */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * Children run from one bundle each (`out/bench/<script>.mjs`, Automerge external, as
 * `scripts/build-server.mjs` bundles browser mode), not through tsx: tsx's compiler and its
 * loader thread add ~20 MB and 0.3–0.7 s a start to a process no user runs that way.
 * One bundle per child script per bench run.
 */
const bundles = new Map<string, Promise<string>>();

function bundleOf(script: string, file: string): Promise<string> {
  let out = bundles.get(script);
  if (!out) {
    // Two folders below the root, as bench/children is: ROOT above still resolves from it.
    const outfile = resolve(ROOT, "out/bench", `${script}.mjs`);
    out = import("esbuild").then(async ({ build }) => {
      await build({
        entryPoints: [file],
        outfile,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        // esbuild: this very module imports it to build children; a child never does.
        external: ["@automerge/automerge", "@automerge/automerge/*", "esbuild"],
        banner: { js: 'import { createRequire as baton_createRequire } from "node:module"; const require = baton_createRequire(import.meta.url);' },
        sourcemap: "linked",
        logLevel: "warning",
      });
      return outfile;
    });
    bundles.set(script, out);
  }
  return out;
}

/** Parent side: a child process running one of bench/children/*.ts. */
export class Child {
  readonly process: ChildProcess;
  readonly name: string;
  #next = 1;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; cmd: string }>();
  #listeners = new Map<string, Array<(data: unknown) => void>>();
  #exited: Promise<number | null>;

  private constructor(name: string, proc: ChildProcess) {
    this.name = name;
    this.process = proc;
    this.#exited = new Promise((r) => proc.once("exit", (code) => r(code)));
    proc.on("message", (raw: unknown) => {
      const msg = raw as FromChild;
      if (msg.kind === "reply") {
        const p = this.#pending.get(msg.id);
        if (!p) return;
        this.#pending.delete(msg.id);
        if (msg.ok) p.resolve(msg.value);
        else p.reject(new Error(`${this.name}.${p.cmd}: ${msg.error ?? "failed"}`));
      } else if (msg.kind === "event") {
        for (const l of this.#listeners.get(msg.event) ?? []) l(msg.data);
      }
    });
    void this.#exited.then((code) => {
      for (const p of this.#pending.values()) p.reject(new Error(`${this.name} exited (code ${String(code)}) during ${p.cmd}`));
      this.#pending.clear();
    });
  }

  /** Start `bench/children/<script>.ts` and wait until it is listening. */
  static async spawn(script: string, name = script, options: SpawnOptions = {}): Promise<Child> {
    const file = resolve(ROOT, "bench/children", `${script}.ts`);
    const bundle = await bundleOf(script, file);
    // Baton's node runs with the flags browser mode gives it; the stock baselines as Node's defaults.
    const flags = script === "baton-node" ? serverNodeFlags : [];
    const proc = spawn(process.execPath, [...flags, ...(options.nodeArgs ?? []), "--enable-source-maps", bundle], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
      env: { ...process.env, ...options.env, BENCH_CHILD_NAME: name },
    });
    const child = new Child(name, proc);
    await new Promise<void>((resolveReady, reject) => {
      const onMessage = (raw: unknown) => {
        if ((raw as FromChild).kind !== "ready") return;
        proc.off("message", onMessage);
        resolveReady();
      };
      proc.on("message", onMessage);
      proc.once("exit", (code) => reject(new Error(`${name} exited before it was ready (code ${String(code)})`)));
    });
    return child;
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  call<T = unknown>(cmd: string, args: unknown = {}): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolveCall, reject) => {
      this.#pending.set(id, { resolve: resolveCall as (v: unknown) => void, reject, cmd });
      this.process.send({ kind: "call", id, cmd, args } satisfies Request);
    });
  }

  on<T>(event: string, listener: (data: T) => void): void {
    const list = this.#listeners.get(event) ?? [];
    list.push(listener as (data: unknown) => void);
    this.#listeners.set(event, list);
  }

  /** Estimate this child's clock offset (its now() minus ours) from a few round trips. */
  async clockOffset(): Promise<{ offsetMs: number; rttMs: number }> {
    let best = { offsetMs: 0, rttMs: Infinity };
    for (let i = 0; i < 5; i++) {
      const t0 = now();
      const tc = await this.call<number>("now");
      const t1 = now();
      if (t1 - t0 < best.rttMs) best = { offsetMs: tc - (t0 + t1) / 2, rttMs: t1 - t0 };
    }
    return best;
  }

  /** Ask the child to stop cleanly (its `stop` command), then end it by its pid if it lingers. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    await Promise.race([this.call("stop").catch(() => undefined), sleep(timeoutMs)]);
    if (this.process.connected) this.process.disconnect();
    const exited = await Promise.race([this.#exited.then(() => true), sleep(2000).then(() => false)]);
    if (!exited) this.process.kill("SIGKILL");
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
