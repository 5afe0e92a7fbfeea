/**
 * Scenario 3 — cold start with a year of accounts. Browser mode is started as a fresh
 * process on a copy of the generated data folder (the same entry `npm run web` runs), and
 * Chromium (already running, as a window would be) opens it: time from spawning the
 * process until the accounts list shows every account. Then the time to open accounts,
 * from clicking an account in the list until its commitments are on screen.
 * Baseline: a plain automerge-repo Repo on the same data loading every account with
 * `find` (what listing them would cost without the node's library of summaries), and
 * opening one account with `find` alone.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Dataset } from "../generate";
import { listShown } from "../lib/browser";
import { ensureRendererBuilt, processMemory, WEB_SERVER, workingCopy } from "../lib/data";
import { now, ROOT } from "../lib/ipc";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { distribution, round } from "../lib/stats";
import { loadAllBaseline, openSample, partialNote } from "./load-all-baseline";
import { serverNodeFlags } from "../../scripts/server-flags.mjs";

/** What scenario 5 reads about the browser-mode node after this scenario ran. */
export const observed: { webNodeRss?: number; webNodePeakRss?: number } = {};

/** Debian's Chromium unless CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Spawn browser mode and resolve with its URL once it says it is running. */
export async function startBrowserMode(dataDir: string, nodeArgs: string[]): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [...serverNodeFlags, ...nodeArgs, WEB_SERVER, "--data", dataDir, "--port", "0", "--meeting-host", "127.0.0.1"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const errors: string[] = [];
  createInterface({ input: proc.stderr! }).on("line", (line) => errors.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.on("line", (line) => {
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
    proc.once("exit", (code) => reject(new Error(`browser mode exited (code ${String(code)}): ${errors.slice(-5).join(" | ")}`)));
  });
  return { proc, url };
}

export async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Record, in the page, the moment (shared clock) the accounts list first shows `n` rows. */
function watchListScript(n: number): string {
  return `(() => {
    const n = ${String(n)};
    const check = () => {
      // The grid draws the rows on screen; it holds all n when its row count says so.
      const list = document.querySelector('[role="grid"][aria-label="Accounts"]');
      if (list && list.getAttribute("aria-rowcount") === String(n + 1) && list.querySelector('[role="row"][data-index]') && !window.__batonListAt) window.__batonListAt = performance.timeOrigin + performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  })();`;
}

/**
 * Click an account in the list; ms until its commitments list holds its `n` items with
 * every one the window shows drawn in full (a long list draws rows away from the window
 * as light stand-ins, src/renderer/ui/near-rows.tsx), and until the frame after that,
 * when the page is painted. (In-page code is passed as a string: tsx would wrap named
 * inner functions in a helper the page does not have.)
 */
async function openAccount(page: Page, documentId: string, n: number): Promise<{ all: number; painted: number }> {
  const script = `new Promise((resolve, reject) => {
    const id = ${JSON.stringify(documentId)};
    const n = ${String(n)};
    const link = document.querySelector('a[href="#/accounts/' + encodeURIComponent(id) + '"]');
    if (!link) { reject(new Error("no link to " + id + " in the accounts list (scroll it into view first)")); return; }
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (!(${listShown("Commitments", n)})) return;
      observer.disconnect();
      const all = performance.now() - t0;
      requestAnimationFrame(() => setTimeout(() => resolve({ all, painted: performance.now() - t0 }), 0));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => reject(new Error("account " + id + " did not show " + n + " commitments in 30 s")), 30000);
    link.click();
  })`;
  return page.evaluate<{ all: number; painted: number }>(script);
}

/**
 * Scroll the (virtualised) list until the account's row is drawn; not timed. `row` is the
 * account's place in the list (sorted by name, as the list is): the page jumps there first,
 * as a person dragging the scroll bar would — stepping a screen at a time from the top took
 * minutes per account at 10,000 — then walks towards it by the rows drawn (two sorts of
 * the same names may differ a little) and steps from the top only if it is still not there.
 */
async function scrollToAccount(page: Page, documentId: string, row: number): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const selector = 'a[href="#/accounts/' + encodeURIComponent(${JSON.stringify(documentId)}) + '"]';
    const found = () => {
      const link = document.querySelector(selector);
      if (!link) return false;
      link.scrollIntoView({ block: "center" });
      requestAnimationFrame(() => requestAnimationFrame(resolve));
      return true;
    };
    const step = () => {
      if (found()) return;
      if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight) { reject(new Error("no row for " + selector)); return; }
      window.scrollBy(0, window.innerHeight * 0.8);
      requestAnimationFrame(() => requestAnimationFrame(step));
    };
    const grid = document.querySelector('[role="grid"][aria-label="Accounts"]');
    const drawn = grid && grid.querySelector('[role="row"][data-index]');
    if (!grid || !drawn) { window.scrollTo(0, 0); requestAnimationFrame(step); return; }
    const top = grid.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, Math.max(0, top + (${String(row)} + 1) * drawn.getBoundingClientRect().height - window.innerHeight / 2));
    // Near it: walk towards it by the rows drawn (their aria-rowindex), then from the top.
    let tries = 0;
    const near = () => {
      if (found()) return;
      const drawnRows = [...grid.querySelectorAll('[role="row"][data-index]')].map((r) => Number(r.getAttribute("aria-rowindex")) - 2);
      if (tries++ > 50 || !drawnRows.length) { window.scrollTo(0, 0); requestAnimationFrame(step); return; }
      window.scrollBy(0, (${String(row)} < Math.min(...drawnRows) ? -1 : 1) * window.innerHeight * 0.5);
      requestAnimationFrame(() => requestAnimationFrame(near));
    };
    requestAnimationFrame(() => requestAnimationFrame(near));
  })`);
}

function afterPointer(ms: number[]): Record<string, number> | undefined {
  if (!ms.length) return undefined;
  const d = distribution(ms);
  return { afterPointerRestsN: d.n, afterPointerRestsMinMs: round(d.min), afterPointerRestsP50Ms: round(d.p50), afterPointerRestsMaxMs: round(d.max) };
}

/** The goals for opening an account (click → its commitments drawn). */
const OPEN_GOAL_MS = { p50: 50, p99: 150 } as const;

/** How long the pointer rests on a row before the click in the "after pointer" opens: a person's aim-then-click. */
const POINTER_REST_MS = 250;

async function backToList(page: Page, n: number): Promise<void> {
  await page.evaluate(`window.location.hash = "#/accounts"`);
  await page.waitForFunction(`document.querySelector('[role="grid"][aria-label="Accounts"]')?.getAttribute("aria-rowcount") === ${JSON.stringify(String(n + 1))}`, undefined, { polling: "raf", timeout: 60_000 });
}

export async function coldStart(cfg: BenchConfig, data: () => Promise<Dataset>): Promise<ScenarioResult[]> {
  const ds = await data();
  const accounts = ds.manifest.accounts;
  const n = accounts.length;
  const sample = openSample(ds, cfg.quick);
  // Each account's row in the list, which is sorted by name (then id), as the node sorts it.
  const byName = [...accounts].sort((a, b) => a.name.localeCompare(b.name) || a.documentId.localeCompare(b.documentId));
  const rowOf = new Map(byName.map((a, i) => [a.documentId, i]));
  ensureRendererBuilt(cfg.log);

  const copy = await workingCopy(ds.dataDir);
  let browser: Browser | null = null;
  let web: ChildProcess | null = null;
  let listMs: number;
  let serverReadyMs: number;
  const opens: number[] = [];
  const opensAfterPointer: number[] = [];
  const painted: number[] = [];
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    // bypassCSP lets the bench's own probes run in the page (the app's CSP forbids eval);
    // it changes nothing the app does.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.addInitScript(watchListScript(n));
    await page.goto("about:blank");
    // --profile: the page's own CPU profile (load, list, opens), next to the node's.
    const cdp = cfg.profileDir ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    cfg.log(`  Baton: browser mode on ${String(n)} accounts until the list shows them all…`);
    const t0 = now();
    const started = await startBrowserMode(copy.dir, cfg.nodeArgs);
    web = started.proc;
    serverReadyMs = now() - t0;
    // #/accounts is the accounts list (the home page may be another view).
    await page.goto(`${started.url}#/accounts`, { waitUntil: "commit" });
    await page.waitForFunction(`window.__batonListAt !== undefined`, undefined, { polling: "raf", timeout: 120_000 });
    listMs = (await page.evaluate<number>(`window.__batonListAt`)) - t0;
    const rows = Number(await page.getByRole("grid", { name: "Accounts", exact: true }).getAttribute("aria-rowcount")) - 1;
    if (rows !== n) throw new Error(`the accounts list shows ${String(rows)} rows, expected ${String(n)}`);
    const saveProfile = async (what: string) => {
      if (!cdp || !cfg.profileDir) return;
      const { profile } = await cdp.send("Profiler.stop");
      const file = join(cfg.profileDir, `renderer-${what}-${String(Date.now())}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      cfg.log(`  renderer profile (${what}): ${file}`);
    };
    await saveProfile("list");
    for (const [i, a] of sample.entries()) {
      if (cdp && i === 0) await cdp.send("Profiler.start");
      await scrollToAccount(page, a.documentId, rowOf.get(a.documentId)!);
      const opened = await openAccount(page, a.documentId, a.commitments);
      opens.push(opened.all);
      painted.push(opened.painted);
      if (i === 0) await saveProfile("open");
      const title = await page.getByRole("heading", { level: 1 }).first().textContent();
      if (title?.trim() !== a.name) throw new Error(`opened “${title ?? ""}”, expected “${a.name}”`);
      await backToList(page, n);
    }
    // As a person opens one: the pointer rests on the row a moment before the click (the
    // window warms the account then). Other accounts than above, none opened before.
    const taken = new Set(sample.map((a) => a.documentId));
    const aimed = sample.map((a) => accounts[(accounts.indexOf(a) + 1) % n]!).filter((a) => !taken.has(a.documentId));
    for (const a of aimed) {
      await scrollToAccount(page, a.documentId, rowOf.get(a.documentId)!);
      await page.hover(`a[href="#/accounts/${encodeURIComponent(a.documentId)}"]`);
      await new Promise((r) => setTimeout(r, POINTER_REST_MS));
      opensAfterPointer.push((await openAccount(page, a.documentId, a.commitments)).all);
      await backToList(page, n);
    }
    const mem = await processMemory(web.pid ?? -1);
    if (mem) {
      observed.webNodeRss = mem.rss;
      observed.webNodePeakRss = mem.peak;
    }
  } finally {
    await browser?.close();
    if (web) await stopProcess(web);
    await copy.dispose();
  }

  const baseline = await loadAllBaseline(cfg, ds, sample.map((a) => a.documentId));
  const o = distribution(opens);
  const bo = distribution(baseline.opens);
  const dist = (d: ReturnType<typeof distribution>) => ({ n: d.n, min: round(d.min), p50: round(d.p50), p99: round(d.p99), max: round(d.max) });
  // The goals: 1,000 accounts listed in half a second, 10,000 in one.
  const listGoalMs = n <= 1000 ? 500 : 1000;
  const openCommon = {
    unit: "ms",
    baselineIs: "repo.find of one account from disk in a fresh plain Repo (no network, no UI)",
    distribution: dist(o),
    baselineDistribution: dist(bo),
    notes: `click in the list → the account's commitments list holds every item, those on screen drawn in full (details.paintedP50Ms: the frame after); accounts opened for the first time since start. details.afterPointerRests: other accounts, the pointer resting ${String(POINTER_REST_MS)} ms on the row before the click (the window warms the account meanwhile)`,
    details: { ...afterPointer(opensAfterPointer), paintedP50Ms: round(distribution(painted).p50) },
  };
  return [
    row({
      name: `3. Cold start: list of ${String(n)} accounts`,
      value: round(listMs, 0),
      unit: "ms",
      goal: `≤ ${String(listGoalMs)} ms`,
      baseline: baseline.error ? null : round(baseline.startToAllLoadedMs, 0),
      baselineLowerBound: baseline.loaded < baseline.total,
      baselineIs: "process start → a plain automerge-repo Repo has loaded every account (find on all)",
      ...(baseline.error ? { notes: `baseline failed: ${baseline.error}` } : partialNote(baseline) ? { notes: partialNote(baseline) } : {}),
      pass: listMs <= listGoalMs,
      details: {
        accounts: n,
        browserModeReadyMs: round(serverReadyMs, 0),
        pageToListMs: round(listMs - serverReadyMs, 0),
        baselineLoadAllMs: round(baseline.loadAllMs, 0),
        baselineAccountsLoaded: baseline.loaded,
      },
    }),
    ...(["p50", "p99"] as const).map((q) =>
      row({
        name: `3. Cold start: open one account (${q})`,
        value: round(o[q], 1),
        goal: `≤ ${String(OPEN_GOAL_MS[q])} ms`,
        baseline: baseline.opens.length ? round(bo[q], 1) : null,
        pass: o[q] <= OPEN_GOAL_MS[q],
        ...openCommon,
      }),
    ),
  ];
}
