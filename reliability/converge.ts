/**
 * Convergence with real processes and real sockets: `npx tsx reliability/converge.ts [--peers 4] [--steps 300] [--seed S]`.
 *
 * N child processes (children/peer-child.ts: Repo + crash-safe storage + Baton's listener
 * and outbound links) each dial the others through a TCP proxy run by this parent. The
 * proxy is the fault injector: it cuts links (partition) and lets them back (heal), and
 * delays each chunk by a random time, so traffic on different links interleaves
 * differently every run. Children are also SIGKILLed and restarted from their own disk.
 * Meanwhile random edits (shared/commands) land on random children; each is acknowledged
 * once flushed. At the end every link is healed and every child running: all must reach
 * identical heads and identical documents, with every acknowledged edit.
 *
 * Seeded (--seed): the same schedule of edits, faults and delays. Timing on a real
 * machine still varies, which is the point of the real-process version. Exits 1 on failure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl } from "@automerge/automerge-repo";
import { createAccount } from "../shared/commands/account";
import { type AccountDoc } from "../shared/account/schema";
import { arg } from "./lib/args";
import { Rng, seedFrom } from "./lib/prng";

const PEERS = Number(arg("peers", "4"));
const STEPS = Number(arg("steps", "300"));
const seed = Number(arg("seed", String(seedFrom("BATON_CONVERGE_SEED"))));
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TOKEN = "converge-token-123";
const rng = new Rng(seed);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP proxy for one link: can be cut and healed, delays every chunk by a random time (order kept). */
class Proxy {
  readonly server: net.Server;
  port = 0;
  target = 0;
  up = true;
  readonly sockets = new Set<net.Socket>();
  constructor(readonly name: string, readonly delay: () => number) {
    this.server = net.createServer((client) => this.#accept(client));
  }
  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.port = (this.server.address() as net.AddressInfo).port;
  }
  cut(): void {
    this.up = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
  heal(): void {
    this.up = true;
  }
  #accept(client: net.Socket): void {
    if (!this.up || this.target === 0) return void client.destroy();
    const upstream = net.connect(this.target, "127.0.0.1");
    this.sockets.add(client).add(upstream);
    const pipe = (from: net.Socket, to: net.Socket) => {
      let chain = Promise.resolve();
      from.on("data", (chunk) => {
        const wait = this.delay();
        chain = chain.then(() => sleep(wait)).then(() => void (to.writable && to.write(chunk)));
      });
    };
    pipe(client, upstream);
    pipe(upstream, client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on("error", end);
      s.on("close", end);
    }
  }
}

interface Peer {
  index: number;
  dir: string;
  child: ChildProcess | null;
  port: number;
  waiting: Array<(v: Record<string, unknown>) => void>;
  starts: number;
}

const failures: string[] = [];
const dir = await mkdtemp(join(tmpdir(), "baton-converge-"));
const started = Date.now();
console.log(`converge: seed ${seed}, ${PEERS} peers, ${STEPS} steps (replay: --seed ${seed} --peers ${PEERS} --steps ${STEPS})`);

// The shared starting point: two accounts.
const baseFile = join(dir, "base.json");
const docs = [0, 1].map((i) => ({
  id: parseAutomergeUrl(generateAutomergeUrl()).documentId,
  bytes: Buffer.from(A.save(A.change(A.init<AccountDoc>(), (d) => createAccount(d, { name: `Account ${i}`, by: { id: "p0", name: "Person 0", role: "rep" }, at: "2026-01-01T00:00:00Z" })))).toString("base64"),
}));
await writeFile(baseFile, JSON.stringify({ docs }));

// proxies[a][b] (a < b): a dials b through it.
const proxies = new Map<string, Proxy>();
for (let a = 0; a < PEERS; a++)
  for (let b = a + 1; b < PEERS; b++) {
    const p = new Proxy(`${a}-${b}`, () => (rng.chance(0.3) ? rng.int(40) : 0));
    await p.listen();
    proxies.set(`${a}-${b}`, p);
  }
const peers: Peer[] = Array.from({ length: PEERS }, (_, i) => ({ index: i, dir: join(dir, `peer-${i}`), child: null, port: 0, waiting: [], starts: 0 }));

async function start(peer: Peer): Promise<void> {
  const links = [...proxies].filter(([k]) => Number(k.split("-")[0]) === peer.index).map(([, p]) => `ws://127.0.0.1:${p.port}/`);
  const child = spawn(process.execPath, ["--import", "tsx", "reliability/children/peer-child.ts", String(peer.index), peer.dir, baseFile, TOKEN, peer.starts === 0 ? "fresh" : "restart", ...links], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  peer.starts++;
  peer.child = child;
  peer.waiting = [];
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`peer ${peer.index} did not start: ${stderr.slice(-400)}`)), 60_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith("listening ")) {
        clearTimeout(t);
        resolve(Number(line.slice(10)));
      } else peer.waiting.shift()?.(JSON.parse(line) as Record<string, unknown>);
    });
  });
  peer.port = port;
  // Whoever dials this peer now reaches the new port.
  for (const [k, p] of proxies) if (Number(k.split("-")[1]) === peer.index) p.target = port;
  child.on("exit", () => {
    if (peer.child === child) peer.child = null;
    for (const w of peer.waiting.splice(0)) w({ error: "exited" });
  });
}

function ask(peer: Peer, cmd: Record<string, unknown>, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    if (!peer.child) return resolve({ error: "not running" });
    const t = setTimeout(() => resolve({ error: "timeout" }), timeoutMs);
    peer.waiting.push((v) => {
      clearTimeout(t);
      resolve(v);
    });
    peer.child.stdin!.write(`${JSON.stringify(cmd)}\n`);
  });
}

const acked = new Set<string>();
const removed = new Set<string>();
let kills = 0;
let partitions = 0;
let edits = 0;
try {
  for (const p of peers) await start(p);
  for (let step = 0; step < STEPS; step++) {
    const roll = rng.next();
    if (roll < 0.7) {
      const p = rng.pick(peers);
      const r = await ask(p, { op: "edit", doc: rng.int(2), kind: rng.int(7), pick: rng.int(50), text: `s${step}` });
      if (r.ok) {
        edits++;
        const id = r.id as string | null;
        if (id?.startsWith("r:")) removed.add(id.slice(2));
        else if (id) acked.add(id);
      }
    } else if (roll < 0.82) {
      const link = rng.pick([...proxies.values()]);
      if (link.up) {
        link.cut();
        partitions++;
      } else link.heal();
    } else if (roll < 0.86) {
      const p = rng.pick(peers);
      p.child?.kill("SIGKILL");
      await new Promise((r) => setTimeout(r, 50));
      kills++;
      await start(p);
    } else {
      await sleep(rng.int(300));
    }
    if (step % 50 === 49) console.log(`step ${step + 1}: ${edits} edits, ${partitions} partitions, ${kills} kills`);
  }

  // Heal everything and wait for agreement.
  for (const p of proxies.values()) p.heal();
  for (const p of peers) if (!p.child) await start(p);
  const deadline = Date.now() + 120_000;
  let agreed = false;
  let last = "";
  while (Date.now() < deadline && !agreed) {
    const heads = await Promise.all(peers.map((p) => ask(p, { op: "heads" })));
    last = heads.map((h) => JSON.stringify(h.heads)).join("\n");
    agreed = new Set(heads.map((h) => JSON.stringify(h.heads))).size === 1 && !heads.some((h) => h.error);
    if (!agreed) await sleep(500);
  }
  const settleMs = Date.now() - (deadline - 120_000);
  if (!agreed) failures.push(`heads never agreed:\n${last}`);
  const dumps = await Promise.all(peers.map((p) => ask(p, { op: "dump" })));
  for (let k = 0; k < docs.length; k++) {
    const versions = new Set(dumps.map((d) => (d.docs as string[] | undefined)?.[k]));
    if (versions.size !== 1) failures.push(`account ${k}: documents differ between peers`);
  }
  const present = new Set<string>();
  for (const d of dumps) for (const [c, m] of (d.ids as Array<[string[], string[]]>) ?? []) for (const id of [...c.map((x) => `c:${x}`), ...m.map((x) => `m:${x}`)]) present.add(id);
  const lost = [...acked].filter((id) => !present.has(id) && !removed.has(id.slice(2)));
  if (lost.length) failures.push(`${lost.length} acknowledged edit(s) missing, e.g. ${lost.slice(0, 5).join(", ")}`);
  console.log(
    `converge: ${PEERS} processes, ${STEPS} steps: ${edits} acknowledged edits, ${partitions} link cuts, ${kills} SIGKILL restarts; ` +
      `agreement ${agreed ? "reached" : "NOT reached"} ${(settleMs / 1000).toFixed(1)} s after every link was healed; identical documents: ${failures.some((f) => f.includes("differ")) ? "NO" : "yes"}; lost edits: ${lost.length}`,
  );
} catch (e) {
  failures.push(`run failed: ${(e as Error).message}`);
} finally {
  for (const p of peers) p.child?.kill("SIGKILL");
  for (const p of proxies.values()) {
    p.cut();
    p.server.close();
  }
  await sleep(200);
  await rm(dir, { recursive: true, force: true });
}
console.log(`converge: ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (failures.length) {
  console.error(`FAILED:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("converge: all checks held");
process.exit(0);
