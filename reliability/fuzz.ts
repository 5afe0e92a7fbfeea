/**
 * Bad peers, full size: `npx tsx reliability/fuzz.ts [--frames 10000] [--seed N]`.
 *
 * Starts the three Baton WebSocket endpoints (renderer endpoint of a SyncNode, its meeting
 * listener, the team sync server) in a child process, each with a well-behaved client that
 * keeps editing, then sends each endpoint at least --frames malformed, truncated,
 * oversized, replayed and mutated frames from a peer holding a valid token (lib/fuzz.ts).
 * Checks: every offending socket closed with a reason; well-formed ones left open; the
 * good clients served throughout (a probe edit round-trips every 1,000 frames); no
 * document gained a change from anyone else; the target's memory (RSS after GC) bounded.
 * Exits 1 on any failure; the seed replays the run.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { fuzzEndpoint, type FuzzReport, type FuzzTarget } from "./lib/fuzz";
import { seedFrom } from "./lib/prng";
import { arg } from "./lib/args";

const frames = Number(arg("frames", "10000"));
const seed = Number(arg("seed", String(seedFrom("BATON_FUZZ_SEED"))));
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MiB = 2 ** 20;

const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "reliability/fuzz-target.ts"], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
const lines = createInterface({ input: child.stdout });
const waiting: Array<(line: string) => void> = [];
let ready: (targets: FuzzTarget[]) => void;
const readyP = new Promise<FuzzTarget[]>((r) => (ready = r));
lines.on("line", (line) => {
  if (line.startsWith("ready ")) {
    const raw = JSON.parse(line.slice(6)) as Array<FuzzTarget & { documentBytes: string }>;
    ready(raw.map((t) => ({ ...t, documentBytes: new Uint8Array(Buffer.from(t.documentBytes, "base64")) })));
  } else waiting.shift()?.(line);
});
const ask = <T>(command: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`target did not answer "${command}"`)), 60_000);
    waiting.push((line) => {
      clearTimeout(timer);
      const v = JSON.parse(line) as T & { error?: string };
      if (v.error) reject(new Error(v.error));
      else resolve(v);
    });
    child.stdin.write(`${command}\n`);
  });

type Mem = { rss: number; heapUsed: number };
const failures: string[] = [];
try {
  const targets = await readyP;
  console.log(`fuzz: seed ${seed} (replay: npx tsx reliability/fuzz.ts --seed ${seed} --frames ${frames})`);
  await ask("probe");
  const headsBefore = await ask<Record<string, string>>("heads");
  const actorsBefore = (await ask<{ actors: Record<string, string[]> }>("actors")).actors;
  const changesBefore = await ask<Record<string, Record<string, string>>>("changes");
  const memStart = await ask<Mem>("mem");
  const reports: Array<FuzzReport & { probeMaxMs: number; rssAfterMiB: number }> = [];
  for (const [i, target] of targets.entries()) {
    let probeMaxMs = 0;
    const report = await fuzzEndpoint(target, {
      seed: seed + i,
      frames,
      onProgress: async () => {
        probeMaxMs = Math.max(probeMaxMs, (await ask<{ ms: number }>("probe")).ms);
      },
    });
    probeMaxMs = Math.max(probeMaxMs, (await ask<{ ms: number }>("probe")).ms);
    const mem = await ask<Mem>("mem");
    reports.push({ ...report, probeMaxMs, rssAfterMiB: mem.rss / MiB });
    console.log(
      `${target.name}: ${report.frames} frames on ${report.connections} sockets in ${(report.durationMs / 1000).toFixed(1)} s; ` +
        `closes ${JSON.stringify(report.closeCodes)}; violations ${report.violations.length}; wrongly closed ${report.wronglyClosed.length}; ` +
        `slowest probe ${probeMaxMs} ms; target RSS after GC ${(mem.rss / MiB).toFixed(0)} MiB (heap ${(mem.heapUsed / MiB).toFixed(0)} MiB)`,
    );
    console.log(`  by kind: ${JSON.stringify(report.byKind)}`);
    console.log(`  reasons: ${JSON.stringify(report.reasons)}`);
    for (const v of [...report.violations, ...report.wronglyClosed].slice(0, 20)) failures.push(`${target.name} ${v}`);
  }
  const settled = await ask<{ settled: boolean; goodActors: string[] }>("settled");
  const headsAfter = await ask<Record<string, string>>("heads");
  const actorsAfter = (await ask<{ actors: Record<string, string[]> }>("actors")).actors;
  const memEnd = await ask<Mem>("mem");
  const logs = await ask<{ count: number; samples: string[] }>("logs");
  if (logs.count > 0) console.log(`target logged ${logs.count} line(s) (automerge-repo's console.log), e.g.:\n  ${logs.samples.join("\n  ")}`);
  if (!settled.settled) failures.push("the well-behaved clients and their endpoints did not converge");
  const goodActors = new Set(settled.goodActors);
  for (const [doc, list] of Object.entries(actorsAfter)) {
    const allowed = new Set([...(actorsBefore[doc] ?? []), ...goodActors]);
    const foreign = list.filter((a) => !allowed.has(a));
    if (foreign.length) failures.push(`${doc} has changes from unknown actors ${foreign.join(", ")}`);
  }
  // By hash: a mutated copy of an old change keeps its old actor id.
  for (const [doc, changes] of Object.entries(await ask<Record<string, Record<string, string>>>("changes"))) {
    const injected = Object.entries(changes).filter(([hash, actor]) => changesBefore[doc]?.[hash] === undefined && !goodActors.has(actor));
    if (injected.length) failures.push(`${doc} gained ${injected.length} change(s) from no good client (e.g. ${injected[0]![0].slice(0, 12)}… by ${injected[0]![1].slice(0, 12)}…)`);
  }
  const untouched = Object.keys(headsBefore).filter((k) => headsBefore[k] === headsAfter[k]);
  const growth = (memEnd.rss - memStart.rss) / MiB;
  if (growth > 256) failures.push(`target RSS grew by ${growth.toFixed(0)} MiB`);
  console.log(
    `documents: ${untouched.length}/${Object.keys(headsBefore).length} unchanged (the others only by the good clients: ${failures.some((f) => f.includes("unknown actors") || f.includes("from no good client")) ? "NO" : "yes"}); ` +
      `target RSS after GC ${(memStart.rss / MiB).toFixed(0)} → ${(memEnd.rss / MiB).toFixed(0)} MiB, heap ${(memStart.heapUsed / MiB).toFixed(0)} → ${(memEnd.heapUsed / MiB).toFixed(0)} MiB`,
  );
  console.log(`RESULT ${JSON.stringify({ seed, frames: reports.map((r) => ({ endpoint: r.endpoint, frames: r.frames, sockets: r.connections, violations: r.violations.length, wronglyClosed: r.wronglyClosed.length, probeMaxMs: r.probeMaxMs })), rssStartMiB: Math.round(memStart.rss / MiB), rssEndMiB: Math.round(memEnd.rss / MiB) })}`);
} catch (e) {
  failures.push(`run failed: ${(e as Error).message}`);
} finally {
  await ask("stop").catch(() => child.kill("SIGKILL"));
}
if (failures.length) {
  console.error(`FAILED (${failures.length}):\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("fuzz: all checks held");
process.exit(0);
