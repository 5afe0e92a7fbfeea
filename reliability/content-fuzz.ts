/**
 * Wrong content, full size: `npx tsx reliability/content-fuzz.ts [--changes 10000] [--seed S]`.
 *
 * Starts a team sync server and a SyncNode linked to it in a child process
 * (content-fuzz-target.ts), then two stock automerge-repo clients write well-formed
 * changes with wrong content (shared/testing/wrong-content.ts) into full accounts the node
 * holds, at the same time: one joins the node's meeting with the join code, one writes
 * through the team server as a member of the account. Each sends --changes changes
 * (10,000 by default) in rounds of --per-round; every --rotate changes it moves on to a
 * fresh full account, so the history being traced stays the size of a real account's.
 *
 * After every round (lib/content-fuzz.ts): the node's copy is checked — `checkAccount` and
 * every view run, every damaged part is reported (the same on both sides) and counted by
 * the node's summary; two rounds in three, every damage is repaired as the window's
 * buttons do and the repair must reach the attacker's copy with no damage left. Throughout:
 * the child must not exit or log a failure ("could not …", an uncaught error), and no
 * other account may change (one of the node's, one kept on the server by someone else,
 * and every account already fuzzed once the attacker has left it).
 *
 * Targets only 127.0.0.1; stops by itself (after the changes, or --minutes). Exits 1 on
 * any failure; the seed replays the run's writes.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { DocHandle } from "@automerge/automerge-repo";
import type { AccountDoc } from "../shared/account/schema";
import { emptyStats, fuzzRound, type FuzzStats, type NodeInspection, type NodeSide } from "./lib/content-fuzz";
import { attackerConnectionErrors, attackerOn, type AttackPoint } from "./lib/content-fixture";
import { arg } from "./lib/args";
import { seedFrom } from "./lib/prng";

const changes = Number(arg("changes", "10000"));
const perRound = Number(arg("per-round", "25"));
const rotate = Number(arg("rotate", "1000"));
const huge = Number(arg("huge", "0.1"));
const minutes = Number(arg("minutes", "90"));
const seed = Number(arg("seed", String(seedFrom("BATON_CONTENT_FUZZ_SEED"))));
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MiB = 2 ** 20;
const started = Date.now();

console.log(`content-fuzz: seed ${seed} (replay: npx tsx reliability/content-fuzz.ts --seed ${seed} --changes ${changes} --per-round ${perRound} --rotate ${rotate} --huge ${huge})`);

// ---- the target, in its own process ----------------------------------------------------

const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "reliability/content-fuzz-target.ts"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
let stderr = "";
child.stderr.on("data", (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-20_000)));
let exited: string | null = null;
const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
child.once("exit", (code, signal) => {
  exited = `the target process exited (code ${code}, signal ${signal}) — stderr:\n${stderr.slice(-4000)}`;
  for (const w of waiting.values()) w.reject(new Error(exited));
  waiting.clear();
});
let ready: (v: { untouched: string[]; pid: number }) => void;
const readyP = new Promise<{ untouched: string[]; pid: number }>((r) => (ready = r));
createInterface({ input: child.stdout }).on("line", (line) => {
  if (line.startsWith("ready ")) return ready(JSON.parse(line.slice(6)) as { untouched: string[]; pid: number });
  const reply = JSON.parse(line) as { id: number; result?: unknown; error?: string };
  const w = waiting.get(reply.id);
  waiting.delete(reply.id);
  if (reply.error !== undefined) w?.reject(new Error(reply.error));
  else w?.resolve(reply.result);
});
let nextId = 0;
function ask<T>(cmd: string, args: unknown = {}, timeoutMs = 120_000): Promise<T> {
  if (exited) return Promise.reject(new Error(exited));
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error(`the target did not answer ${cmd} within ${timeoutMs} ms`));
    }, timeoutMs);
    waiting.set(id, {
      resolve: (v) => {
        clearTimeout(timer);
        resolve(v as T);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
    child.stdin.write(`${JSON.stringify({ id, cmd, args })}\n`);
  });
}

const node: NodeSide = {
  waitForHeads: (documentId, heads, timeoutMs) => ask("waitForHeads", { documentId, heads, timeoutMs }, timeoutMs + 30_000),
  inspect: (documentId) => ask<NodeInspection>("inspect", { documentId }),
  repair: (documentId) => ask("repair", { documentId }, 600_000),
  editsThatFail: (documentId) => ask("editsThatFail", { documentId }),
  fingerprints: (documentIds) => ask("fingerprints", { documentIds }),
  failures: () => ask("failures"),
};

type Mem = { rss: number; heapUsed: number };
const memory: { at: string; rssMiB: number; heapMiB: number }[] = [];
async function sampleMemory(at: string): Promise<void> {
  const m = await ask<Mem>("mem");
  memory.push({ at, rssMiB: Math.round(m.rss / MiB), heapMiB: Math.round(m.heapUsed / MiB) });
}

// ---- the attackers ----------------------------------------------------------------------

const failures: string[] = [];
const untouched: string[] = [];
let baseline: Record<string, string> = {};

/** Check that no account outside the ones being attacked changed. */
async function checkUntouched(when: string): Promise<void> {
  const now = await node.fingerprints(untouched);
  for (const id of untouched) if (now[id] !== baseline[id]) failures.push(`${when}: account ${id} changed (${baseline[id]} → ${now[id]})`);
}

async function attack(via: "meeting" | "team-server", stats: FuzzStats): Promise<void> {
  const pathSeed = (seed + (via === "meeting" ? 0 : 0x51ed)) >>> 0;
  let round = 0;
  for (let account = 0; stats.changes < changes && !stats.failures.length && !exited; account++) {
    const name = `${via === "meeting" ? "Acme" : "Globex"} ${account + 1}`;
    const point = await ask<AttackPoint>(via === "meeting" ? "meetingAccount" : "serverAccount", { name });
    const attacker = await attackerOn(point).catch((e: Error) => {
      throw new Error(`${via}: the attacker could not open ${name} (${point.documentId}): ${e.message}`);
    });
    const handle: DocHandle<AccountDoc> = attacker.handle;
    const until = Math.min(changes, stats.changes + rotate);
    while (stats.changes < until && !stats.failures.length && !exited) {
      if (Date.now() - started > minutes * 60_000) {
        stats.failures.push(`${via}: stopped after ${minutes} minutes with ${stats.changes} changes sent`);
        break;
      }
      const last = stats.changes + perRound >= until;
      await fuzzRound({ via, handle }, node, stats, { seed: pathSeed, round, changes: perRound, repair: last || round % 3 !== 2, pauses: round % 5 === 0, huge, timeoutMs: 60_000 });
      round++;
      if (round % 10 === 0) {
        const s = ((Date.now() - started) / 1000).toFixed(0);
        console.log(`  ${via}: ${stats.changes} changes, ${stats.damageSeen} damaged parts seen, ${stats.repairs} repairs, ${s} s`);
      }
    }
    // The account is left repaired: a person can edit it again.
    if (!stats.failures.length && !exited) {
      const broken = await node.editsThatFail(point.documentId);
      for (const b of broken) stats.failures.push(`${via}, ${name}: after every repair, an edit fails: ${b}`);
    }
    await attacker.repo.shutdown().catch(() => undefined);
    // Once the attacker has gone, that account must not change either.
    untouched.push(point.documentId);
    Object.assign(baseline, await node.fingerprints([point.documentId]));
    await sampleMemory(`${via} after ${name}`);
  }
}

const stats = { meeting: emptyStats(), "team-server": emptyStats() };
try {
  const info = await readyP;
  untouched.push(...info.untouched);
  baseline = await node.fingerprints(untouched);
  await sampleMemory("start");
  const checker = setInterval(() => void checkUntouched("during the run").catch((e: Error) => failures.push(e.message)), 30_000);
  await Promise.all([attack("meeting", stats.meeting), attack("team-server", stats["team-server"])]);
  clearInterval(checker);
  await checkUntouched("at the end");
  for (const line of await node.failures()) failures.push(`the target logged: ${line}`);
  await sampleMemory("end");
} catch (e) {
  failures.push(`run failed: ${(e as Error).message}`);
}
if (exited) failures.push(exited);
for (const s of Object.values(stats)) failures.push(...s.failures);

const seconds = (Date.now() - started) / 1000;
for (const [via, s] of Object.entries(stats)) {
  console.log(
    `${via}: ${s.changes} changes (${s.writes} writes, ${s.refused} with nowhere to go or refused by Automerge) in ${s.rounds} rounds; ` +
      `${s.damageSeen} damaged parts seen, ${s.repairs} repairs (${s.unknownOrigins} with no origin found in the window's limits); by what was expected: ${JSON.stringify(s.byExpected)}`,
  );
}
const peak = memory.reduce((m, x) => Math.max(m, x.rssMiB), 0);
console.log(`target memory (RSS / heap after GC, MiB): ${memory.map((m) => `${m.at}: ${m.rssMiB}/${m.heapMiB}`).join("; ")}; peak RSS ${peak} MiB`);
console.log(`accounts checked unchanged: ${untouched.length}; runtime ${seconds.toFixed(0)} s; attacker connections that failed or were refused (retried): ${attackerConnectionErrors.count}`);
console.log(
  `RESULT ${JSON.stringify({
    seed,
    changes: { meeting: stats.meeting.changes, teamServer: stats["team-server"].changes },
    damageSeen: stats.meeting.damageSeen + stats["team-server"].damageSeen,
    repairs: stats.meeting.repairs + stats["team-server"].repairs,
    unknownOrigins: stats.meeting.unknownOrigins + stats["team-server"].unknownOrigins,
    seconds: Math.round(seconds),
    rssStartMiB: memory[0]?.rssMiB,
    rssPeakMiB: peak,
    rssEndMiB: memory[memory.length - 1]?.rssMiB,
    attackerConnectionErrors: attackerConnectionErrors.count,
    failures: failures.length,
  })}`,
);
await ask("stop", {}, 30_000).catch(() => child.kill("SIGKILL"));
if (failures.length) {
  console.error(`FAILED (${failures.length}):\n${failures.slice(0, 20).join("\n")}`);
  process.exit(1);
}
console.log("content-fuzz: all checks held");
process.exit(0);
