/**
 * A team sync server in its own process, for tests and scripts that must kill one with
 * SIGKILL: resolves with its URL once it listens; `kill` ends it. `spawnRelay` starts a
 * relay over PostgreSQL (the URL passed in the environment, as DEPLOY.md advises).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const PROJECT_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));

export interface RelayProcess {
  url: string;
  httpUrl: string;
  child: ChildProcess;
  /** What the relay logged (stderr), for failure messages. */
  log: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnRelay(postgresUrl: string, args: string[] = []): Promise<RelayProcess> {
  return spawnSyncServer(args, { BATON_POSTGRES_URL: postgresUrl });
}

export async function spawnSyncServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RelayProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/sync-server.ts", "--port", "0", ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start: ${stderr}`)), 30_000);
    void exited.then(() => reject(new Error(`relay exited: ${stderr}`)));
    createInterface({ input: child.stdout! }).on("line", (l) => {
      const m = /listening on (wss?:\/\/\S+)/.exec(l);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return {
    url,
    httpUrl: url.replace(/^ws/, "http"),
    child,
    log: () => stderr,
    async kill(signal = "SIGKILL") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
