/**
 * Durability of the sync node: `npx tsx reliability/kill-rounds.ts [--rounds 100] [--seed S] [--accounts 3]`.
 *
 * Part 1, kills: a real SyncNode child (children/node-child.ts) edits accounts in a burst
 * through its renderer WebSocket and acknowledges each edit once it is on disk; the parent
 * SIGKILLs it at a random moment (mostly mid-burst, sometimes while it is still loading),
 * restarts it on the same folder, and checks every time that the store loads, that no
 * account is reported damaged, and that every acknowledged edit is there.
 *
 * Part 2, damage: with a team sync server holding a copy, one account's chunk is
 * truncated and another's is corrupted on disk. Offline, those two accounts must be
 * reported damaged by name and every other account must open with all its edits; with the
 * server reachable, the damaged ones must come back with every acknowledged edit.
 *
 * Seeded: the same --seed gives the same kill schedule. Exits 1 on any failure.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, stat, truncate, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startRelay } from "../src/server/relay/relay";
import { keyFolderPath } from "../src/node/storage/key-path";
import { arg } from "./lib/args";
import { Rng, seedFrom } from "./lib/prng";

const ROUNDS = Number(arg("rounds", "100"));
const ACCOUNTS = Number(arg("accounts", "3"));
const seed = Number(arg("seed", String(seedFrom("BATON_KILL_SEED"))));
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const rng = new Rng(seed);

type Loaded = Record<string, string[] | { error: string }>;
interface Damaged {
  documentId: string;
  name: string | null;
  reason: string;
  restored: boolean;
}
interface Run {
  loaded?: Loaded;
  synced?: Loaded;
  damaged: Damaged[][];
  acks: Array<[string, string]>;
  ready: boolean;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  msToReady?: number;
}

function runChild(dataDir: string, args: string[], kill: { /** after the first ack */ afterReadyMs?: number; afterSpawnMs?: number; term?: "ready" | "synced" }): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", "reliability/children/node-child.ts", dataDir, "--accounts", String(ACCOUNTS), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const run: Run = { damaged: [], acks: [], ready: false, signal: null, code: null, stderr: "" };
    const watchdog = setTimeout(() => child.kill("SIGKILL"), 120_000);
    if (kill.afterSpawnMs !== undefined) setTimeout(() => child.kill("SIGKILL"), kill.afterSpawnMs);
    child.stderr.on("data", (d: Buffer) => (run.stderr += d.toString()));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const space = line.indexOf(" ");
      const word = space < 0 ? line : line.slice(0, space);
      const rest = space < 0 ? "" : line.slice(space + 1);
      if (word === "loaded") run.loaded = JSON.parse(rest) as Loaded;
      else if (word === "synced") {
        run.synced = JSON.parse(rest) as Loaded;
      } else if (word === "damaged") {
        run.damaged.push(JSON.parse(rest) as Damaged[]);
        if (kill.term === "synced" && run.synced) child.kill("SIGTERM");
      } else if (word === "ack") {
        const [doc, id] = rest.split(" ");
        run.acks.push([doc!, id!]);
        // The kill is timed from the first acknowledgement: the burst is then in full swing.
        if (run.acks.length === 1 && kill.afterReadyMs !== undefined) setTimeout(() => child.kill("SIGKILL"), kill.afterReadyMs);
      } else if (word === "ready") {
        run.ready = true;
        run.msToReady = Date.now() - started;
        if (kill.term === "ready") child.kill("SIGTERM");
      }
    });
    child.on("close", (code, signal) => {
      clearTimeout(watchdog);
      resolve({ ...run, code, signal });
    });
  });
}

const failures: string[] = [];
const fail = (what: string) => {
  failures.push(what);
  console.error(`FAIL ${what}`);
};

/** Every acknowledged edit must be in what the child loaded. */
function checkAcked(round: string, loaded: Loaded | undefined, acked: Map<string, Set<string>>, skip: Set<string> = new Set()): void {
  if (!loaded) return fail(`${round}: the node never reported its accounts (store did not load)`);
  for (const [doc, ids] of acked) {
    if (skip.has(doc)) continue;
    const have = loaded[doc];
    if (!Array.isArray(have)) return fail(`${round}: account ${doc} did not open: ${JSON.stringify(have)}`);
    const set = new Set(have);
    const missing = [...ids].filter((id) => !set.has(id));
    if (missing.length) fail(`${round}: account ${doc} lost ${missing.length} acknowledged edit(s), e.g. ${missing.slice(0, 3).join(", ")}`);
  }
}

const dir = await mkdtemp(join(tmpdir(), "baton-kill-"));
const dataDir = join(dir, "node");
console.log(`kill-rounds: seed ${seed}, ${ROUNDS} rounds, ${ACCOUNTS} accounts, data in ${dataDir} (replay: --seed ${seed})`);
const started = Date.now();
try {
  const setup = await runChild(dataDir, [], { term: "ready" });
  if (!setup.loaded) throw new Error(`setup failed: ${setup.stderr}`);
  const accountIds = Object.keys(setup.loaded);
  const acked = new Map<string, Set<string>>(accountIds.map((id) => [id, new Set<string>()]));
  let totalAcks = 0;
  let killsDuringLoad = 0;
  const readyTimes: number[] = [];

  // ---- part 1: SIGKILL during bursts --------------------------------------------------
  for (let round = 1; round <= ROUNDS; round++) {
    const duringLoad = rng.chance(0.1);
    const plan = duringLoad ? { afterSpawnMs: 300 + rng.int(1500) } : { afterReadyMs: rng.int(1500) };
    const r = await runChild(dataDir, ["--burst", "--seed", String(seed + round)], plan);
    if (r.signal !== "SIGKILL") fail(`round ${round}: the node exited by itself (${r.code}): ${r.stderr.slice(-500)}`);
    if (r.loaded) {
      checkAcked(`round ${round}`, r.loaded, acked);
      const damage = r.damaged.flat();
      if (damage.length) fail(`round ${round}: damage reported: ${JSON.stringify(damage)}`);
    } else if (!duringLoad) fail(`round ${round}: the store did not load: ${r.stderr.slice(-500)}`);
    else killsDuringLoad++;
    if (r.msToReady) readyTimes.push(r.msToReady);
    for (const [doc, id] of r.acks) acked.get(doc)?.add(id);
    totalAcks += r.acks.length;
    if (round % 10 === 0) console.log(`round ${round}: ${totalAcks} acknowledged edits so far, ${failures.length} failure(s)`);
  }
  const final = await runChild(dataDir, [], { term: "ready" });
  checkAcked("after the last kill", final.loaded, acked);
  if (final.damaged.flat().length) fail(`after the last kill: damage reported ${JSON.stringify(final.damaged.flat())}`);
  const tempLeft = (await readdir(join(dataDir, "accounts"), { recursive: true })).filter((p) => p.split("/").pop()!.startsWith(".tmp-")).length;
  readyTimes.sort((a, b) => a - b);
  console.log(
    `part 1: ${ROUNDS} SIGKILLs (${ROUNDS - killsDuringLoad} mid-burst, ${killsDuringLoad} before the node had loaded), ${totalAcks} acknowledged edits, ` +
      `all present after every restart: ${failures.length === 0 ? "yes" : "NO"}; temp files left by interrupted writes: ${tempLeft}; ` +
      `start-to-ready p50 ${readyTimes[Math.floor(readyTimes.length / 2)] ?? "-"} ms`,
  );

  // ---- part 2: damaged files, restored from the team server -----------------------------
  const serverOptions = { dataDir: join(dir, "server"), host: "127.0.0.1", token: "kill-rounds-admin-token" };
  let relay = await startRelay({ ...serverOptions, port: 0 });
  const serverPort = relay.port;
  try {
    const up = await runChild(dataDir, ["--server", relay.url, "kill-rounds-admin-token"], { term: "synced" });
    if (!up.synced) throw new Error(`the node did not sync with the server: ${up.stderr.slice(-500)}`);
    checkAcked("synced to the server", up.synced, acked);
    // The node remembers the server (device.json): take the server away for the offline part.
    await relay.stop();

    const chunksRoot = join(dataDir, "accounts", "chunks");
    const contentFiles = async (doc: string): Promise<string[]> => {
      const files: string[] = [];
      for (const kind of ["snapshot", "incremental"]) {
        const folder = keyFolderPath(chunksRoot, [doc, kind]);
        for (const name of await readdir(folder).catch(() => [] as string[])) if (name.endsWith(".chunk")) files.push(join(folder, name));
      }
      return files;
    };
    const [truncatedDoc, corruptedDoc] = accountIds;
    if (!truncatedDoc || !corruptedDoc) throw new Error("need at least two accounts");
    // Truncate every content chunk of one account (a torn disk), flip bytes in one chunk of another.
    const tFiles = await contentFiles(truncatedDoc);
    for (const f of tFiles) await truncate(f, Math.floor((await stat(f)).size / 2));
    const cFiles = await contentFiles(corruptedDoc);
    const victim = cFiles.sort()[0]!;
    const bytes = await readFile(victim);
    for (let i = 0; i < 16; i++) bytes[Math.floor(bytes.length / 2) + i] = bytes[Math.floor(bytes.length / 2) + i]! ^ 0x5a;
    await writeFile(victim, bytes);
    console.log(`part 2: truncated ${tFiles.length} chunk(s) of ${truncatedDoc}, corrupted 1 of ${cFiles.length} chunk(s) of ${corruptedDoc}`);

    const offline = await runChild(dataDir, [], { term: "ready" });
    const names = new Map((offline.damaged.flat() as Damaged[]).map((d) => [d.documentId, d.name]));
    for (const doc of [truncatedDoc, corruptedDoc]) {
      if (!names.has(doc)) fail(`offline: damaged account ${doc} was not reported (it held ${JSON.stringify(offline.loaded?.[doc]).slice(0, 80)})`);
      else if (!names.get(doc)) fail(`offline: damaged account ${doc} was reported without its name`);
    }
    checkAcked("offline with two damaged accounts", offline.loaded, acked, new Set([truncatedDoc, corruptedDoc]));
    console.log(`part 2 offline: damaged reported ${JSON.stringify([...names].map(([id, name]) => `${name} (${id.slice(0, 6)}…)`))}; the other ${accountIds.length - 2} account(s) opened with every edit: ${failures.length === 0 ? "yes" : "see failures"}`);
    console.log(`  what the damaged accounts held offline: ${JSON.stringify(Object.fromEntries([truncatedDoc, corruptedDoc].map((d) => [d.slice(0, 6), Array.isArray(offline.loaded?.[d]) ? `${(offline.loaded?.[d] as string[]).filter((id) => acked.get(d)?.has(id)).length} of ${acked.get(d)?.size} acknowledged edits` : offline.loaded?.[d]])))}`);

    relay = await startRelay({ ...serverOptions, port: serverPort });
    const online = await runChild(dataDir, ["--server", relay.url, "kill-rounds-admin-token"], { term: "synced" });
    checkAcked("restored from the server", online.synced, acked);
    const after = online.damaged.at(-1) ?? [];
    console.log(`part 2 online: the damaged accounts came back from the server with every acknowledged edit: ${failures.length === 0 ? "yes" : "NO"}; status().damaged afterwards: ${JSON.stringify(after.map((d) => ({ name: d.name, restored: d.restored })))}`);
  } finally {
    await relay.stop();
  }
} catch (e) {
  fail(`run failed: ${(e as Error).message}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
console.log(`kill-rounds: ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (failures.length) {
  console.error(`FAILED (${failures.length})`);
  process.exit(1);
}
console.log("kill-rounds: all checks held");
