/**
 * `npm run bench` — measures Baton on this machine, every figure side by side with a
 * baseline measured in the same run (docs/PERFORMANCE.md explains each one).
 *
 *   npm run bench                 full run (generates 1,000 accounts once, cached in bench/data)
 *   npm run bench -- --quick      reduced run of every scenario (meant for under a minute; docs/PERFORMANCE.md has its time)
 *   npm run bench -- --only 1,4   only some scenarios (by number, or name: --only relays)
 *   npm run bench -- --profile    CPU profiles of every child node into bench/data/profiles
 *   npm run bench -- --diagnose   also run diagnostic variants (see docs/PERFORMANCE.md)
 *   npm run bench -- --accounts 10000   the scenarios that read a data set, on 10,000 accounts
 *   npm run bench -- --growth     those scenarios at 100, 1,000 and 10,000 accounts (with
 *                                 --quick: 10, 25 and 50), one row per size
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "./lib/ipc";
import { type BenchConfig, type ScenarioResult } from "./lib/result";
import { fmt } from "./lib/stats";
import { liveNodeToNode } from "./scenarios/live-node";
import { liveScreenToScreen } from "./scenarios/live-screen";
import { coldStart } from "./scenarios/cold-start";
import { offlineMerge } from "./scenarios/offline-merge";
import { memory } from "./scenarios/memory";
import { storage } from "./scenarios/storage";
import { namedScenarios } from "./scenarios/named";
import { find } from "./scenarios/find";
import { history } from "./scenarios/history";
import { newLaptop } from "./scenarios/new-laptop";
import { relays } from "./scenarios/relays";
import { transfer } from "./scenarios/transfer";
import { screens } from "./scenarios/screens";
import { searchAtSize } from "./scenarios/search-sized";
import { ensureData, FULL, GROWTH, QUICK, type GenParams } from "./generate";

interface Scenario {
  n: number;
  /** A name --only also takes. */
  key?: string;
  title: string;
  /** Reads the generated accounts: run once per size with --growth. */
  sized?: boolean;
  run: (cfg: BenchConfig, data: () => ReturnType<typeof ensureData>) => Promise<ScenarioResult[]>;
}

const SCENARIOS: Scenario[] = [
  { n: 1, title: "Live edit, node to node", run: (cfg) => liveNodeToNode(cfg) },
  { n: 2, title: "Live edit, screen to screen", run: (cfg) => liveScreenToScreen(cfg) },
  { n: 3, title: "Cold start with a year of accounts", sized: true, run: (cfg, data) => coldStart(cfg, data) },
  { n: 4, title: "Offline merge", run: (cfg) => offlineMerge(cfg) },
  { n: 5, title: "Memory", sized: true, run: (cfg, data) => memory(cfg, data) },
  { n: 6, title: "Storage", sized: true, run: (cfg, data) => storage(cfg, data) },
  { n: 7, title: "Scenarios other issues name", run: (cfg, data) => namedScenarios(cfg, data) },
  { n: 8, title: "The account at any moment", run: (cfg) => history(cfg) },
  { n: 9, title: "Import and export", run: (cfg) => transfer(cfg) },
  { n: 10, title: "Finding accounts with 10,000 of them", run: (cfg) => find(cfg) },
  { n: 11, title: "A new laptop from the server", run: (cfg) => newLaptop(cfg) },
  { n: 12, key: "relays", title: "Relays on PostgreSQL", run: (cfg) => relays(cfg) },
  { n: 13, key: "screens", title: "Screens drawn from summaries", sized: true, run: (cfg, data) => screens(cfg, data) },
  { n: 14, key: "search", title: "Search at the data set's size", sized: true, run: (cfg, data) => searchAtSize(cfg, data) },
];

interface Args {
  quick: boolean;
  only: Set<number> | null;
  profile: boolean;
  diagnose: boolean;
  accounts: number | null;
  growth: boolean;
}

/** "1,relays" → the scenarios' numbers. */
function scenarioNumbers(list: string): Set<number> {
  return new Set(list.split(",").map((x) => SCENARIOS.find((s) => s.key === x)?.n ?? Number(x)));
}

function parse(argv: string[]): Args {
  let quick = false;
  let accounts: number | null = null;
  let growth = false;
  let diagnose = false;
  let profile = false;
  let only: Set<number> | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") quick = true;
    else if (a === "--profile") profile = true;
    else if (a === "--diagnose") diagnose = true;
    else if (a === "--only") only = scenarioNumbers(argv[++i] ?? "");
    else if (a.startsWith("--only=")) only = scenarioNumbers(a.slice(7));
    else if (a === "--growth") growth = true;
    else if (a === "--accounts") {
      accounts = Number(argv[++i]);
      if (!Number.isSafeInteger(accounts) || accounts < 1) {
        console.error("bench: --accounts needs a positive whole number");
        process.exit(2);
      }
    } else {
      console.error(`bench: unknown argument ${a}. Use --quick, --only 1,3, --profile, --diagnose, --accounts N or --growth.`);
      process.exit(2);
    }
  }
  return { quick, only, profile, diagnose, accounts, growth };
}

/** A data set of another size: past the full set's distinct accounts the rest are copies (bench/generate.ts). */
function sized(base: GenParams, accounts: number): GenParams {
  return { ...base, accounts, distinct: FULL.distinct };
}

/** The data sets to run on: one, or one per size of the growth table. */
function dataSets(args: Args): GenParams[] {
  if (args.growth) return args.quick ? [10, 25, 50].map((n) => ({ ...QUICK, accounts: n, distinct: n > 10 ? 10 : undefined })) : GROWTH;
  const base = args.quick ? QUICK : FULL;
  return [args.accounts ? sized(base, args.accounts) : base];
}

function table(rows: ScenarioResult[]): string {
  const head = ["Scenario", "Baton", "Goal", "Baseline", "Ratio", "Pass"];
  const cells = rows.map((r) => [
    r.name,
    r.value === null ? (r.notes?.startsWith("not measured yet") ? "not measured yet" : "failed") : fmt(r.value, r.unit),
    r.goal,
    `${r.baselineLowerBound ? "≥ " : ""}${fmt(r.baseline, r.unit)}`,
    r.ratio === null ? "—" : `${r.baselineLowerBound ? "≤ " : ""}${r.ratio < 0.1 ? r.ratio.toFixed(3) : r.ratio.toFixed(2)}×`,
    r.pass === null ? "—" : r.pass ? "pass" : "FAIL",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  // A library throwing from a timer or socket callback (e.g. a stock adapter sending on a
  // closing socket) must not end the run: count it, say so, and carry on.
  process.on("unhandledRejection", (e) => console.error(`bench: unhandled rejection: ${e instanceof Error ? e.message : String(e)}`));
  process.on("uncaughtException", (e) => console.error(`bench: uncaught exception: ${e.message}`));
  const profileDir = join(ROOT, "bench/data/profiles");
  if (args.profile) await mkdir(profileDir, { recursive: true });
  const cfg: BenchConfig = {
    quick: args.quick,
    nodeArgs: args.profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
    diagnose: args.diagnose,
    profileDir: args.profile ? profileDir : null,
    log: (line) => console.error(line),
  };
  const sets = dataSets(args);
  const several = sets.length > 1;

  const started = Date.now();
  const loadAtStart = Number(loadavg()[0]?.toFixed(2));
  const results: ScenarioResult[] = [];
  for (const [i, params] of sets.entries()) {
    let dataset: ReturnType<typeof ensureData> | null = null;
    const data = () => (dataset ??= ensureData(params, cfg.log));
    // Rows of the growth table name their size; scenarios that read no data set run once.
    const label = several ? `[${params.accounts.toLocaleString("en")} accounts] ` : "";
    for (const s of SCENARIOS) {
      if (args.only ? !args.only.has(s.n) : several && !s.sized) continue;
      if (i > 0 && !s.sized) continue;
      cfg.log(`${label}${String(s.n)}. ${s.title}`);
      const t0 = Date.now();
      try {
        results.push(...(await s.run(cfg, data)).map((r) => ({ ...r, name: s.sized ? `${label}${r.name}` : r.name })));
      } catch (e) {
        cfg.log(`  failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        results.push({ name: `${label}${String(s.n)}. ${s.title}`, value: null, unit: "", goal: "—", baseline: null, ratio: null, pass: false, notes: `failed: ${String(e)}` });
      }
      cfg.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  const machine = {
    loadAverage1mAtStart: loadAtStart,
    loadAverage1mAtEnd: Number(loadavg()[0]?.toFixed(2)),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  const out = { mode: `${args.quick ? "quick" : "full"}${several ? " growth" : ""}`, at: new Date().toISOString(), durationS: Math.round((Date.now() - started) / 1000), machine, scenarios: results };
  await writeFile(join(ROOT, "bench/results.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    `\nBaton bench (${out.mode}, ${String(out.durationS)} s) — ${String(machine.cpus)} × ${machine.cpuModel}, ${String(machine.memoryGiB)} GiB, Node ${machine.node}, load average ${String(loadAtStart)} → ${String(machine.loadAverage1mAtEnd)}\n`,
  );
  console.log(table(results));
  console.log(`\nRatio = Baton / baseline (below 1: Baton is faster or smaller). Details: bench/results.json`);
  // A missed goal is a finding, not an error; a scenario that could not run is an error.
  if (results.some((r) => r.value === null && r.pass === false)) process.exitCode = 1;
}

await main();
// Stray sockets or timers of a library must not keep a finished run alive.
process.exit();
