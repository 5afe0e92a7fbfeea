/**
 * A throwaway PostgreSQL cluster for tests, benchmarks and reliability scripts: `initdb`
 * (with data checksums, as DEPLOY.md asks of a real cluster) into a fresh temp folder,
 * started on 127.0.0.1 with a free port, stopped and removed by `stop()`.
 *
 * `initdb` refuses to run as root, so when this process is root the cluster runs as the
 * unprivileged `nobody` (runuser), which owns the folder. The server binaries come from
 * PG_BIN, else the newest Debian install under /usr/lib/postgresql.
 */
import { execFile } from "node:child_process";
import { chown, mkdtemp, readdir, rm, chmod } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const NOBODY = 65534;

export interface ThrowawayCluster {
  url: string;
  port: number;
  dir: string;
  /** A standby of this cluster (streaming replication, `pg_basebackup -R`) named `name`. */
  startStandby(name: string): Promise<ThrowawayCluster>;
  /** `pg_ctl promote` (on a standby): it becomes a primary. */
  promote(): Promise<void>;
  /** Stop the server but keep its data (a database outage); `resume` starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function postgresBinDir(): Promise<string | undefined> {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = (await readdir(root).catch(() => [] as string[])).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, "bin", "initdb"))) return join(root, v, "bin");
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Start a cluster; throws with what is missing when PostgreSQL is not installed. */
export async function startThrowawayCluster(standbyOf?: { port: number; name: string }): Promise<ThrowawayCluster> {
  const bin = await postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install postgresql, or set PG_BIN to its bin folder)");
  const root = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), "baton-pg-"));
  const data = join(dir, "data");
  if (root) {
    await chown(dir, NOBODY, NOBODY);
    await chmod(dir, 0o700);
  }
  const as = (cmd: string, args: string[]) => (root ? run("runuser", ["-u", "nobody", "--", join(bin, cmd), ...args]) : run(join(bin, cmd), args));
  if (standbyOf) {
    // The primary's data over the replication protocol; -R writes primary_conninfo and standby.signal.
    await as("pg_basebackup", ["-D", data, "-R", "-X", "stream", "-h", "127.0.0.1", "-p", String(standbyOf.port), "-U", "baton", "--no-sync"]);
  } else {
    await as("initdb", ["-D", data, "--data-checksums", "-A", "trust", "-U", "baton", "-E", "UTF8", "--no-sync", "--locale=C"]);
  }
  const port = await freePort();
  // cluster_name is the name a standby reports to its primary (synchronous_standby_names).
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=200${standbyOf ? ` -c cluster_name=${standbyOf.name}` : ""}`;
  const start = () => as("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "30", "start"]);
  await start();
  const url = `postgres://baton@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    dir,
    startStandby: (name) => startThrowawayCluster({ port, name }),
    async promote() {
      await as("pg_ctl", ["-D", data, "-w", "promote"]);
    },
    async pause() {
      await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    },
    async resume() {
      await start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Create a fresh database on a cluster (one per test file keeps tests apart). */
export async function createDatabase(cluster: ThrowawayCluster, name: string): Promise<string> {
  const { Client } = (await import("pg")).default;
  const c = new Client({ connectionString: cluster.url });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await c.end();
  }
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

