/**
 * The fuzz fixture (lib/targets.ts) in a child process of its own (`reliability/fuzz-target.ts`,
 * with `--expose-gc`), so the memory the attacks cost is measured apart from the attacker's.
 * One JSON line answers each command (`probe`, `heads`, `mem`, `stop`, …).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { FuzzTarget } from "./fuzz";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export type Mem = { rss: number; heapUsed: number; external: number; arrayBuffers: number };

export interface TargetProcess {
  child: ChildProcess;
  targets: FuzzTarget[];
  ask<T>(command: string, timeoutMs?: number): Promise<T>;
  /** Memory after a full GC. */
  mem(): Promise<Mem>;
  stop(): Promise<void>;
}

/** @param root the checkout to run the target from (another one measures a baseline). */
export async function startTargetProcess(root = ROOT): Promise<TargetProcess> {
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "reliability/fuzz-target.ts"], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  let ready!: (targets: FuzzTarget[]) => void;
  let failed!: (error: Error) => void;
  const readyP = new Promise<FuzzTarget[]>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  child.once("exit", (code) => failed(new Error(`the target process exited (code ${String(code)})`)));
  lines.on("line", (line) => {
    if (line.startsWith("ready ")) {
      const raw = JSON.parse(line.slice(6)) as Array<FuzzTarget & { documentBytes: string }>;
      ready(raw.map((t) => ({ ...t, documentBytes: new Uint8Array(Buffer.from(t.documentBytes, "base64")) })));
    } else waiting.shift()?.(line);
  });
  const ask = <T>(command: string, timeoutMs = 60_000): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`target did not answer "${command}"`)), timeoutMs);
      waiting.push((line) => {
        clearTimeout(timer);
        const v = JSON.parse(line) as T & { error?: string };
        if (v.error) reject(new Error(v.error));
        else resolve(v);
      });
      child.stdin!.write(`${command}\n`);
    });
  const targets = await readyP;
  return {
    child,
    targets,
    ask,
    mem: () => ask<Mem>("mem"),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      await ask("stop").catch(() => child.kill("SIGKILL"));
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
