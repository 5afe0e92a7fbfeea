/**
 * The "load every account" baseline, shared by scenarios 3 (cold start) and 5 (memory):
 * run once per bench run, since loading a year of accounts is the slow part of the bench.
 */
import type { Dataset } from "../generate";
import { workingCopy } from "../lib/data";
import { Child, now } from "../lib/ipc";
import type { BenchConfig } from "../lib/result";

/** Longest the baseline may spend loading (the full bench; --quick sets are small). */
const DEADLINE_MS = 120_000;

export interface LoadAllResult {
  /** Accounts loaded before the deadline; less than all means the times are lower bounds. */
  loaded: number;
  total: number;
  /** Set when the baseline could not load every account (e.g. it ran out of memory). */
  error?: string;
  /** From spawning the process until every account is loaded (ms). */
  startToAllLoadedMs: number;
  loadAllMs: number;
  /** `find` of single accounts, cold, one by one (ms). */
  opens: number[];
  /** RSS with every account loaded (bytes). */
  rss: number;
}

/** The accounts scenario 3 opens (and the baseline opens alone first): spread over the list. */
export function openSample(data: Dataset, quick: boolean): Dataset["manifest"]["accounts"] {
  const accounts = data.manifest.accounts;
  const wanted = Math.min(accounts.length, quick ? 2 : 10);
  return Array.from({ length: wanted }, (_, i) => accounts[Math.floor(((i + 0.5) * accounts.length) / wanted)]!);
}

let cached: { key: string; result: Promise<LoadAllResult> } | null = null;

/** Words for a baseline that stopped at its deadline, or "" when it loaded everything. */
export function partialNote(r: LoadAllResult): string {
  if (r.error || r.loaded >= r.total) return "";
  const estimate = (r.loadAllMs * r.total) / Math.max(1, r.loaded);
  return `baseline stopped at its ${String(DEADLINE_MS / 1000)} s deadline with ${String(r.loaded)} of ${String(r.total)} accounts loaded, so its figure is a lower bound (all ${String(r.total)} at that rate: ≈ ${String(Math.round(estimate / 1000))} s)`;
}

/** Every `sample` id is opened alone first; they are the accounts scenario 3 opens. */
export function loadAllBaseline(cfg: BenchConfig, data: Dataset, sample: string[]): Promise<LoadAllResult> {
  if (cached?.key === data.manifest.key) return cached.result;
  const result = (async () => {
    const copy = await workingCopy(data.dataDir);
    try {
      cfg.log(`  baseline: a plain automerge-repo Repo loading all ${String(data.manifest.accounts.length)} accounts…`);
      const t0 = now();
      const child = await Child.spawn("load-all", "baseline repo", { nodeArgs: cfg.nodeArgs });
      try {
        const total = data.manifest.accounts.length;
        const r = await child.call<{ opens: number[]; loaded: number; loadAllMs: number; allLoadedAt: number; memory: NodeJS.MemoryUsage }>("run", {
          dataDir: copy.dir,
          ids: data.manifest.accounts.map((a) => a.documentId),
          sample,
          deadlineMs: DEADLINE_MS,
        });
        if (r.loaded < total) cfg.log(`  baseline stopped at the ${String(DEADLINE_MS / 1000)} s deadline with ${String(r.loaded)} of ${String(total)} accounts loaded`);
        return { loaded: r.loaded, total, startToAllLoadedMs: r.allLoadedAt - t0, loadAllMs: r.loadAllMs, opens: r.opens, rss: r.memory.rss };
      } catch (e) {
        // A baseline that cannot load a year of accounts is a finding, not a bench failure.
        const error = e instanceof Error ? e.message.split("\n")[0]! : String(e);
        cfg.log(`  baseline failed: ${error}`);
        return { error, loaded: 0, total: data.manifest.accounts.length, startToAllLoadedMs: NaN, loadAllMs: NaN, opens: [], rss: NaN };
      } finally {
        await child.stop();
      }
    } finally {
      await copy.dispose();
    }
  })();
  cached = { key: data.manifest.key, result };
  return result;
}
