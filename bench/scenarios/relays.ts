/**
 * Scenario 12 — relays on PostgreSQL (issue: the team server past one machine), measured by
 * reliability/relay-cluster.ts in this run: three relays over one throwaway PostgreSQL
 * against one file-backed relay for the same clients (sync delay, throughput), a relay's
 * memory after many accounts were touched with unloading on against off, and the time for
 * a SIGKILLed relay's shards to be owned again. Informational rows: the machine is shared,
 * so the ratios matter, not the absolute times; the load average goes with the figures.
 */
import { loadavg } from "node:os";
import { measureRelays } from "../../reliability/relay-cluster";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { round } from "../lib/stats";

export async function relays(cfg: BenchConfig): Promise<ScenarioResult[]> {
  const size = cfg.quick
    ? { accounts: 5, seconds: 3, touched: 300, limit: 100, kills: 1 }
    : { accounts: 20, seconds: 10, touched: 10_000, limit: 500, kills: 3 };
  cfg.log(`  ${size.accounts} accounts × 10 edits/s for ${size.seconds} s; ${size.touched} accounts touched, unloading at ${size.limit}; ${size.kills} kill(s)`);
  const f = await measureRelays({ ...size, parts: new Set(["sync", "kill", "memory"]) });
  const load = round(loadavg()[0] ?? 0, 1);
  const notes = `load average ${load} on this machine at the end`;
  const files = f.files!;
  const pg = f.postgres!;
  const reown = [...(f.reownMs ?? [])].sort((a, b) => a - b);
  const on = f.memory!["unloading"];
  const off = f.memory!["no limit"];
  const mib = (b: number) => round(b / 1048576, 0);
  const baselineIs = "one file-backed relay, same clients";
  return [
    row({ name: "Relays: sync delay p50 (3 on PostgreSQL)", value: pg.p50, unit: "ms", goal: "—", baseline: files.p50, baselineIs, pass: null, notes }),
    row({ name: "Relays: sync delay p99 (3 on PostgreSQL)", value: pg.p99, unit: "ms", goal: "—", baseline: files.p99, baselineIs, pass: null, notes }),
    row({ name: "Relays: edits delivered per second", value: round(pg.perSecond, 1), unit: "/s", goal: "—", baseline: round(files.perSecond, 1), baselineIs, pass: null, details: { lostOnPostgres: pg.lost, lostOnFiles: files.lost } }),
    row({
      name: `Relays: memory, ${size.touched} accounts touched, unloading at ${size.limit}`,
      value: mib(on.rss),
      unit: "MiB",
      goal: "—",
      baseline: mib(off.rss),
      baselineIs: "the same relay with no limit",
      pass: null,
      details: { openWithUnloading: on.open, openWithoutLimit: off.open },
    }),
    row({
      name: "Relays: shards owned again after SIGKILL (median)",
      value: round(reown[Math.floor(reown.length / 2)] ?? NaN, 0),
      unit: "ms",
      goal: "within a few seconds",
      baseline: null,
      pass: reown.length > 0 && Math.max(...reown) < 5000,
      details: { maxMs: round(Math.max(...reown), 0), kills: reown.length },
    }),
  ];
}
