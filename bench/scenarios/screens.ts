/**
 * Scenario 13 — the screens drawn from summaries, at the data set's size: Today (the
 * person's own work, the default) and the pipeline board, each timed in the real window
 * (browser mode on a copy of the data set, Debian's Chromium) from the route change until
 * the screen is drawn and a frame has been painted. Both are computed in the window from
 * the node's summaries, which are already there (the window got them at start), so the
 * figure is the screen's own cost: its query and React drawing it.
 *
 * Baseline, in the same window and run: going to the accounts list of the same summaries
 * (the screen every other list is measured against; it draws only the rows on screen).
 */
import type { ChildProcess } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Dataset } from "../generate";
import { ensureRendererBuilt, workingCopy } from "../lib/data";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { distribution, round } from "../lib/stats";
import { CHROMIUM_ARGS, CHROMIUM_PATH, startBrowserMode, stopProcess } from "./cold-start";

/** Each screen's "drawn" test, run in the page (a string: tsx would wrap named functions in helpers the page lacks). */
const DRAWN = {
  // Today's heading is drawn with the rest of it, once its view is computed.
  today: `(() => { const h = document.querySelector("h1"); return !!h && h.textContent === "Today"; })()`,
  pipeline: `(() => { const b = document.querySelector('[aria-label="Pipeline board"]'); return !!b && b.children.length >= 8; })()`,
  accounts: `(() => { const g = document.querySelector('[role="grid"][aria-label="Accounts"]'); return !!g && !!g.querySelector('[role="row"][aria-rowindex="2"]'); })()`,
} as const;
type Screen = keyof typeof DRAWN;
const ROUTE: Record<Screen, string> = { today: "#/", pipeline: "#/pipeline", accounts: "#/accounts" };

/** ms from setting the route until the screen is drawn and the next frame painted. */
async function visit(page: Page, screen: Screen): Promise<number> {
  // Leave for a page that reads no summaries, so each visit draws its screen from nothing.
  await page.evaluate(`window.location.hash = "#/settings"`);
  await page.waitForFunction(`!!document.querySelector("h1") && document.querySelector("h1").textContent === "Settings"`, undefined, { polling: "raf", timeout: 30_000 });
  const script = `new Promise((resolve, reject) => {
    const drawn = () => ${DRAWN[screen]};
    const t0 = performance.now();
    const done = () => requestAnimationFrame(() => resolve(performance.now() - t0));
    const observer = new MutationObserver(() => { if (drawn()) { observer.disconnect(); done(); } });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    setTimeout(() => { observer.disconnect(); reject(new Error("${screen} was not drawn in 60 s")); }, 60000);
    window.location.hash = ${JSON.stringify(ROUTE[screen])};
  })`;
  return page.evaluate<number>(script);
}

const dist = (samples: number[]) => {
  const d = distribution(samples);
  return { n: d.n, min: round(d.min), p50: round(d.p50), p90: round(d.p90), p99: round(d.p99), max: round(d.max) };
};

export async function screens(cfg: BenchConfig, data: () => Promise<Dataset>): Promise<ScenarioResult[]> {
  const ds = await data();
  const n = ds.manifest.accounts.length;
  ensureRendererBuilt(cfg.log);
  const copy = await workingCopy(ds.dataDir);
  let browser: Browser | null = null;
  let web: ChildProcess | null = null;
  const times: Record<Screen, number[]> = { today: [], pipeline: [], accounts: [] };
  try {
    const started = await startBrowserMode(copy.dir, cfg.nodeArgs);
    web = started.proc;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${started.url}#/accounts`);
    await page.waitForFunction(DRAWN.accounts, undefined, { polling: "raf", timeout: 120_000 });
    const rounds = cfg.quick ? 5 : 15;
    for (let r = -1; r < rounds; r++) {
      for (const screen of ["today", "pipeline", "accounts"] as const) {
        const ms = await visit(page, screen);
        if (r >= 0) times[screen].push(ms); // the first round warms the page's code
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    if (web) await stopProcess(web);
    await copy.dispose();
  }
  const base = dist(times.accounts);
  cfg.log(`  Today p50 ${String(dist(times.today).p50)} ms, pipeline p50 ${String(dist(times.pipeline).p50)} ms, accounts list p50 ${String(base.p50)} ms (${String(n)} accounts)`);
  const screenRow = (screen: "today" | "pipeline", name: string, goalMs: number) => {
    const d = dist(times[screen]);
    return row({
      name,
      value: d.p50,
      unit: "ms",
      goal: `≤ ${String(goalMs)} ms`,
      baseline: base.p50,
      pass: d.p90 <= goalMs,
      baselineIs: "going to the accounts list of the same summaries, in the same window",
      distribution: d,
      baselineDistribution: base,
      notes: `median of ${String(d.n)} visits (pass on p90), route change → drawn and painted, ${String(n)} accounts`,
    });
  };
  return [screenRow("today", "13a. Today drawn, per person", 200), screenRow("pipeline", "13b. Pipeline board drawn", 300)];
}
