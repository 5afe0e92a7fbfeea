/**
 * Scenario 2 — live edit, screen to screen. Two browser-mode instances (the rep's and the
 * lead's laptop: separate data folders, separate sync nodes, separate browser contexts in
 * Chromium) in a handoff meeting on loopback, both on the same account. A key typed into a
 * commitment on the rep's screen, until the lead's screen shows it: keystroke (a `keydown`
 * listener in the rep's page) → rep's renderer repo → rep's node → lead's node → lead's
 * renderer → React → the lead's text field holds the new text → the next animation frame
 * (what is painted). Goal p50 ≤ 50 ms, p99 ≤ 150 ms.
 *
 * Baseline: the same chain on stock automerge-repo 2.5.6 without browsers — a storage-less
 * client repo types (the same edits) into a stock repo, which syncs with a second stock
 * repo, which syncs to a second client repo; the time until that last client's document
 * holds the edit. Every hop pays DocSynchronizer's 100 ms throttle.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
import { Repo, type DocumentId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import type { AccountDoc } from "../../shared";
import type { Arrival } from "../children/common";
import { Child, now, sleep } from "../lib/ipc";
import { ensureRendererBuilt } from "../lib/data";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { distribution, distributionRow, round } from "../lib/stats";
import { CHROMIUM_ARGS, CHROMIUM_PATH, startBrowserMode, stopProcess } from "./cold-start";
import { arrivalsOf, typeEdits } from "./live-node";

const FIELD = 'textarea[aria-label="Commitment text"]';
/** Typed one key at a time: every character distinct from its neighbours, no word the field would refuse. */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

/** In the typist's page: the shared-clock time of every keydown. */
const KEYDOWN_RECORDER = `(() => {
  window.__keys = [];
  document.addEventListener("keydown", () => window.__keys.push(performance.timeOrigin + performance.now()), true);
})()`;

/**
 * In the watcher's page: every time the commitment field's text is written (the field is
 * uncontrolled: LiveTextField writes \`value\` itself), the moment and the text, and the
 * next animation frame after it (the frame that paints it).
 */
const VALUE_RECORDER = `(() => {
  window.__seen = [];
  const desc = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value");
  Object.defineProperty(HTMLTextAreaElement.prototype, "value", {
    configurable: true,
    get() { return desc.get.call(this); },
    set(v) {
      desc.set.call(this, v);
      if (this.getAttribute("aria-label") !== "Commitment text") return;
      const entry = { t: performance.timeOrigin + performance.now(), text: String(v), painted: 0 };
      window.__seen.push(entry);
      requestAnimationFrame(() => { entry.painted = performance.timeOrigin + performance.now(); });
    },
  });
})()`;

interface ScreenRun {
  latencies: number[];
  domLatencies: number[];
  missing: number;
  clockOffsetMs: number;
}

async function waitVisible(page: Page, selector: string, timeout = 30_000): Promise<void> {
  await page.locator(selector).first().waitFor({ state: "visible", timeout });
}

async function setUpProfile(page: Page, name: string, role: "Rep" | "Delivery lead"): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("radio", { name: role }).check();
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
}

/** Offset of page B's clock from page A's (ms), from interleaved reads around the bench's clock. */
async function clockOffset(a: Page, b: Page): Promise<number> {
  const read = (p: Page) => p.evaluate(() => performance.timeOrigin + performance.now());
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = now();
    const ta = await read(a);
    const t1 = now();
    const tb = await read(b);
    const t2 = now();
    samples.push(tb - (t1 + t2) / 2 - (ta - (t0 + t1) / 2));
  }
  return distribution(samples).p50;
}

async function runScreens(cfg: BenchConfig, keys: number, warmup: number, spacingMs: number): Promise<ScreenRun> {
  const dirs = await Promise.all([0, 1].map(() => mkdtemp(join(tmpdir(), "baton-bench-screen-"))));
  const procs: ChildProcess[] = [];
  let browser: Browser | null = null;
  try {
    const [rep, lead] = await Promise.all(dirs.map((d) => startBrowserMode(d, cfg.nodeArgs)));
    procs.push(rep!.proc, lead!.proc);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const repContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const leadContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await repContext.addInitScript(KEYDOWN_RECORDER);
    await leadContext.addInitScript(VALUE_RECORDER);
    const repPage = await repContext.newPage();
    const leadPage = await leadContext.newPage();
    await Promise.all([repPage.goto(rep!.url), leadPage.goto(lead!.url)]);
    await Promise.all([setUpProfile(repPage, "Ana Rep", "Rep"), setUpProfile(leadPage, "Dana Lead", "Delivery lead")]);

    // The rep's account with one commitment; the rep hosts, the lead joins with the code.
    await repPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
    await repPage.getByRole("button", { name: "New account" }).click();
    await repPage.getByLabel("Account name").fill("Screen to screen");
    await repPage.getByRole("button", { name: "Create account" }).click();
    await repPage.getByLabel("New commitment").fill("Typed live");
    await repPage.getByRole("button", { name: "Add commitment" }).click();
    await waitVisible(repPage, FIELD);
    await repPage.getByRole("button", { name: "Host meeting" }).click();
    const codeField = repPage.getByLabel("Join code");
    let code = "";
    for (let i = 0; i < 300 && !code; i++) {
      code = await codeField.inputValue().catch(() => "");
      if (!code) await sleep(100);
    }
    if (!code) throw new Error("the rep's page never showed a join code");
    await leadPage.getByRole("button", { name: "Join meeting" }).click();
    const dialog = leadPage.getByRole("dialog", { name: "Join meeting" });
    await dialog.getByLabel("Join code").fill(code);
    await dialog.getByRole("button", { name: "Join" }).click();
    await waitVisible(leadPage, FIELD);
    await leadPage.waitForFunction((sel) => (document.querySelector(sel) as HTMLTextAreaElement | null)?.value === "Typed live", FIELD);
    // A person in a meeting looks at the shared item; the lead's field is not focused.
    const field = repPage.locator(FIELD).first();
    await field.click();
    await field.press("End");
    await sleep(500);
    const offset = await clockOffset(repPage, leadPage);
    await repPage.evaluate(() => ((window as unknown as { __keys: number[] }).__keys.length = 0));

    const typed = Array.from({ length: warmup + keys }, (_, i) => ALPHABET[i % ALPHABET.length]!);
    const start = now() + 50;
    for (let i = 0; i < typed.length; i++) {
      const wait = start + i * spacingMs - now();
      if (wait > 0) await sleep(wait);
      await repPage.keyboard.press(typed[i]!);
    }
    await sleep(800); // the last keys reach the other screen
    const keyTimes = await repPage.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
    const seen = await leadPage.evaluate(() => (window as unknown as { __seen: Array<{ t: number; text: string; painted: number }> }).__seen);
    if (keyTimes.length !== typed.length) throw new Error(`${String(typed.length)} keys pressed but ${String(keyTimes.length)} keydowns seen in the rep's page`);

    // Key i is on the lead's screen once the field holds the base text plus keys 0..i.
    const base = "Typed live";
    const latencies: number[] = [];
    const domLatencies: number[] = [];
    let missing = 0;
    for (let i = warmup; i < typed.length; i++) {
      const want = base + typed.slice(0, i + 1).join("");
      const hit = seen.find((s) => s.text.startsWith(want));
      if (!hit) {
        missing += 1;
        continue;
      }
      const key = keyTimes[i]! + offset; // on the lead page's clock
      domLatencies.push(hit.t - key);
      latencies.push((hit.painted || hit.t) - key);
    }
    return { latencies, domLatencies, missing, clockOffsetMs: offset };
  } finally {
    await browser?.close();
    await Promise.all(procs.map(stopProcess));
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

/** The stock chain: client → stock repo A ⇄ stock repo B → client, the same edits. */
async function runStockChain(cfg: BenchConfig, edits: number, warmup: number, spacingMs: number): Promise<{ latencies: number[]; missing: number }> {
  const dirs = await Promise.all([0, 1].map(() => mkdtemp(join(tmpdir(), "baton-bench-chain-"))));
  const [a, b] = await Promise.all([
    Child.spawn("stock-repo", "stock repo A", { nodeArgs: cfg.nodeArgs }),
    Child.spawn("stock-repo", "stock repo B", { nodeArgs: cfg.nodeArgs }),
  ]);
  let watcher: Repo | null = null;
  try {
    const urlA = await a.call<string>("startServer", { dataDir: dirs[0] });
    const documentId = await a.call<string>("createAccount", { name: "Screen to screen", by: { id: "bench-ana", name: "Ana", role: "rep" } });
    const urlB = await b.call<string>("startRelay", { dataDir: dirs[1], url: urlA });
    // The lead's "renderer": a storage-less repo on B, watching the document change.
    watcher = new Repo({ network: [new WebSocketClientAdapter(urlB, 1000)], sharePolicy: async () => true });
    const handle = await watcher.find<AccountDoc>(documentId as DocumentId, { signal: AbortSignal.timeout(20_000) });
    const far: Arrival[] = [];
    handle.on("change", () => far.push([now(), handle.heads()]));
    const { sent } = await typeEdits(urlA, documentId, warmup + edits, spacingMs, false);
    const at = arrivalsOf(sent, far);
    const latencies: number[] = [];
    let missing = 0;
    for (let i = warmup; i < sent.length; i++) {
      if (Number.isNaN(at[i]!)) missing += 1;
      else latencies.push(at[i]! - sent[i]!.t);
    }
    return { latencies, missing };
  } finally {
    await watcher?.shutdown();
    await Promise.all([a.stop(), b.stop()]);
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

export async function liveScreenToScreen(cfg: BenchConfig): Promise<ScenarioResult[]> {
  ensureRendererBuilt(cfg.log);
  const keys = cfg.quick ? 30 : 300;
  const warmup = cfg.quick ? 5 : 10;
  const spacingMs = 60;
  cfg.log(`  Baton: two browser-mode instances in a meeting, ${String(keys)} keys (+${String(warmup)} warm-up), ${String(spacingMs)} ms apart…`);
  const screens = await runScreens(cfg, keys, warmup, spacingMs);
  cfg.log("  baseline: stock automerge-repo chain client → repo → repo → client, same pace…");
  const stock = await runStockChain(cfg, keys, warmup, spacingMs);
  const b = distribution(screens.latencies);
  const s = distribution(stock.latencies);
  const complete = screens.missing === 0 && screens.latencies.length > 0;
  const common = {
    unit: "ms",
    baselineIs: "stock automerge-repo 2.5.6 chain without browsers: client repo → repo ⇄ repo → client repo (stock WebSocket adapters, NodeFS), same edits and pace",
    distribution: distributionRow(screens.latencies),
    baselineDistribution: distributionRow(stock.latencies),
    details: {
      keys,
      warmup,
      spacingMs,
      missing: screens.missing,
      missingBaseline: stock.missing,
      untilInFieldP50: round(distribution(screens.domLatencies).p50),
      untilInFieldP99: round(distribution(screens.domLatencies).p99),
      clockOffsetMs: round(screens.clockOffsetMs, 3),
    },
    ...(screens.missing ? { notes: `${String(screens.missing)} keys never showed on the other screen` } : {}),
  };
  return [
    row({ name: "2. Live edit, screen to screen — p50", value: round(b.p50), goal: "≤ 25 ms", baseline: round(s.p50), pass: complete && b.p50 <= 25, ...common }),
    row({ name: "2. Live edit, screen to screen — p99", value: round(b.p99), goal: "≤ 50 ms", baseline: round(s.p99), pass: complete && b.p99 <= 50, ...common }),
  ];
}
