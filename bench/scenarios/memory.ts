/**
 * Scenario 5 — memory. A sync node (own process) on a copy of the year of accounts,
 * loaded as the app loads them: the node starts, the accounts list is asked for (it
 * comes from the library of summaries; no account is opened). RSS then is the figure.
 * For information: RSS after the node has loaded every account, and the browser-mode
 * node's RSS after scenario 3 (list shown, a few accounts opened) when it ran.
 * Baseline: RSS of a plain automerge-repo Repo with every account loaded.
 * MB here are 10^6 bytes (the stricter reading of the goal).
 */
import type { AccountSummary, Endpoint } from "../../shared";
import { api } from "../../src/node/test-helpers";
import type { Dataset } from "../generate";
import { workingCopy } from "../lib/data";
import { Child, sleep } from "../lib/ipc";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { round } from "../lib/stats";
import { observed } from "./cold-start";
import { loadAllBaseline, openSample, partialNote } from "./load-all-baseline";

const MB = 1e6;

export async function memory(cfg: BenchConfig, data: () => Promise<Dataset>): Promise<ScenarioResult[]> {
  const ds = await data();
  const n = ds.manifest.accounts.length;
  const copy = await workingCopy(ds.dataDir);
  let libraryOnly: NodeJS.MemoryUsage;
  let allLoaded: NodeJS.MemoryUsage | null = null;
  let loadAllMs = NaN;
  let loadedAll = 0;
  let allLoadedError: string | null = null;
  const child = await Child.spawn("baton-node", "Baton node (memory)", { nodeArgs: cfg.nodeArgs });
  try {
    cfg.log(`  Baton: a sync node on ${String(n)} accounts, list asked for…`);
    const endpoint = await child.call<Endpoint>("start", { dataDir: copy.dir });
    const list = await api<AccountSummary[]>(endpoint, "GET", "/api/accounts");
    if (list.body.length !== n) throw new Error(`the node lists ${String(list.body.length)} accounts, expected ${String(n)}`);
    await sleep(1000);
    libraryOnly = await child.call<NodeJS.MemoryUsage>("memory");
    // Informational and slow (every account opened): only in the full run, so --quick stays under a minute.
    if (!cfg.quick) {
      cfg.log(`  for information: the same node after loading every account…`);
      try {
        const r = await child.call<{ ms: number; loaded: number }>("loadAll", { deadlineMs: 120_000 });
        loadAllMs = r.ms;
        loadedAll = r.loaded;
        await sleep(500);
        allLoaded = await child.call<NodeJS.MemoryUsage>("memory");
      } catch (e) {
        allLoadedError = e instanceof Error ? e.message.split("\n")[0]! : String(e);
        cfg.log(`  loading every account failed: ${allLoadedError}`);
      }
    }
  } finally {
    await child.stop();
    await copy.dispose();
  }
  const baseline = await loadAllBaseline(cfg, ds, openSample(ds, cfg.quick).map((a) => a.documentId));
  const details: Record<string, number> = {
    accounts: n,
    heapUsedMB: round(libraryOnly.heapUsed / MB, 1),
    nodeLoadAllMs: round(loadAllMs, 0),
    nodeAccountsLoaded: loadedAll,
  };
  if (allLoaded) {
    details.allLoadedRssMB = round(allLoaded.rss / MB, 1);
    details.allLoadedHeapUsedMB = round(allLoaded.heapUsed / MB, 1);
  }
  if (observed.webNodeRss !== undefined) details.browserModeNodeRssMB = round(observed.webNodeRss / MB, 1);
  if (observed.webNodePeakRss !== undefined) details.browserModeNodePeakRssMB = round(observed.webNodePeakRss / MB, 1);
  return [
    row({
      name: `5. Memory: sync node RSS, ${String(n)} accounts (list only)`,
      value: round(libraryOnly.rss / MB, 1),
      unit: "MB",
      goal: "≤ 200 MB",
      baseline: baseline.error ? null : round(baseline.rss / MB, 1),
      baselineLowerBound: baseline.loaded < baseline.total,
      baselineIs: "RSS of a plain automerge-repo Repo with every account loaded",
      pass: libraryOnly.rss <= 200 * MB,
      ...(baseline.error ? { notes: `baseline failed: ${baseline.error}` } : partialNote(baseline) ? { notes: partialNote(baseline) } : {}),
      details,
    }),
    row({
      name: `5. Memory (info): sync node RSS, every account loaded`,
      value: allLoaded ? round(allLoaded.rss / MB, 1) : null,
      unit: "MB",
      goal: "—",
      ...(cfg.quick
        ? { notes: "not measured yet in --quick (informational; the full run measures it)" }
        : allLoadedError
          ? { notes: `could not load every account: ${allLoadedError}` }
        : loadedAll < n
          ? { notes: `stopped at the 120 s deadline with ${String(loadedAll)} of ${String(n)} accounts loaded (a lower bound)` }
          : {}),
      baseline: baseline.error ? null : round(baseline.rss / MB, 1),
      baselineLowerBound: baseline.loaded < baseline.total,
      baselineIs: "RSS of a plain automerge-repo Repo with every account loaded",
      pass: null,
    }),
  ];
}
