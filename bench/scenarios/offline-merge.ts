/**
 * Scenario 4 — offline merge. Two laptops share the same 10 accounts (the rep hosts a
 * meeting per account and the delivery lead joins, which is how accounts reach the
 * lead's library), both sync once through the team server, then go offline and each make
 * 2,000 edits spread over the 10 accounts (typing into and re-statusing the same
 * commitments, adding commitments, milestones and notes). Measured: from reconnecting
 * both to the team server until both nodes hold identical heads for all 10 accounts,
 * once the nodes' engine warm-ups are over (a laptop reconnects after a while offline, not
 * in the seconds after it started: the quick run's edits take ~1 s, and the warm-up's
 * thread, which starts 5 s after the node, ran during the merge it measured).
 * Baseline: the same with plain automerge-repo (a stock server repo and two stock client
 * repos, NodeFS storage, stock WebSocket adapters): reconnect = a new client adapter.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Endpoint, HostedMeeting, NodeStatus, Person } from "../../shared";
import { api } from "../../src/node/test-helpers";
import { Child, now, sleep } from "../lib/ipc";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { round } from "../lib/stats";

const ANA: Person & { role: "rep" } = { id: "bench-ana", name: "Ana", role: "rep" };
const DANA: Person = { id: "bench-dana", name: "Dana" };
const TOKEN = "bench-team-token";

interface HeadsEvent {
  documentId: string;
  t: number;
  heads: string[];
}

/** Resolves with the time (shared clock) at which both sides first held the same heads for every document. */
function convergence(a: Child, b: Child, documentIds: string[], timeoutMs: number): { done: Promise<number>; start: () => Promise<void>; firstEqual: Map<string, number> } {
  const heads = [new Map<string, string>(), new Map<string, string>()];
  /** When each document first held the same heads on both sides. */
  const firstEqual = new Map<string, number>();
  let resolveDone!: (t: number) => void;
  let rejectDone!: (e: Error) => void;
  const done = new Promise<number>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  let finished = false;
  const onHeads = (side: 0 | 1) => (e: HeadsEvent) => {
    if (finished) return;
    heads[side]!.set(e.documentId, [...e.heads].sort().join());
    if (heads[0]!.get(e.documentId) === heads[1]!.get(e.documentId) && !firstEqual.has(e.documentId)) firstEqual.set(e.documentId, e.t);
    if (documentIds.every((id) => heads[0]!.get(id) !== undefined && heads[0]!.get(id) === heads[1]!.get(id))) {
      finished = true;
      resolveDone(e.t);
    }
  };
  a.on<HeadsEvent>("heads", onHeads(0));
  b.on<HeadsEvent>("heads", onHeads(1));
  return {
    done,
    firstEqual,
    start: async () => {
      await Promise.all([a.call("pushHeads", { documentIds }), b.call("pushHeads", { documentIds })]);
      setTimeout(() => {
        if (!finished) rejectDone(new Error(`no convergence within ${String(timeoutMs)} ms`));
      }, timeoutMs).unref();
    },
  };
}

async function retry<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts) throw e;
      await sleep(250);
    }
  }
}

async function tempDirs(n: number): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, () => mkdtemp(join(tmpdir(), "baton-bench-"))));
}

interface MergeRun {
  mergeMs: number;
  editMs: number;
  /** When the first account was identical on both sides (ms after reconnect). */
  firstAccountMs: number;
}

function firstAccount(firstEqual: Map<string, number>, t0: number): number {
  return Math.min(...[...firstEqual.values()].map((t) => t - t0));
}

async function runBaton(cfg: BenchConfig, accounts: number, edits: number): Promise<MergeRun> {
  const dirs = await tempDirs(3);
  let a: Endpoint | null = null;
  let b: Endpoint | null = null;
  const ids: string[] = [];
  const [server, rep, lead] = await Promise.all([
    Child.spawn("baton-node", "Baton team server", { nodeArgs: cfg.nodeArgs }),
    Child.spawn("baton-node", "Baton node (rep)", { nodeArgs: cfg.nodeArgs }),
    Child.spawn("baton-node", "Baton node (lead)", { nodeArgs: cfg.nodeArgs }),
  ]);
  try {
    const url = await server.call<string>("startRelay", { dataDir: dirs[0], token: TOKEN });
    a = await rep.call<Endpoint>("start", { dataDir: dirs[1] });
    b = await lead.call<Endpoint>("start", { dataDir: dirs[2] });
    await api(a, "PUT", "/api/profile", { name: ANA.name, role: "rep" });
    await api(b, "PUT", "/api/profile", { name: DANA.name, role: "delivery-lead" });
    for (let i = 0; i < accounts; i++) {
      const { body } = await api<{ documentId: string }>(a, "POST", "/api/accounts", { name: `Merge account ${String(i + 1)}` });
      await rep.call("seed", { documentId: body.documentId, by: ANA, commitments: 5, milestones: 3 });
      const { body: meeting } = await api<HostedMeeting>(a, "POST", "/api/meeting/host", { documentId: body.documentId });
      const joined = await api(b, "POST", "/api/meeting/join", { code: meeting.code });
      if (joined.status !== 200) throw new Error(`join failed: ${JSON.stringify(joined.body)}`);
      ids.push(body.documentId);
    }
    await api(b, "DELETE", "/api/meeting/join");
    await api(a, "DELETE", "/api/meeting/host");
    // Both sync once through the server, so that coming back is a reconnect, not a first upload.
    const first = convergence(rep, lead, ids, 60_000);
    await Promise.all([api(a, "PUT", "/api/server", { url, token: TOKEN }), api(b, "PUT", "/api/server", { url, token: TOKEN })]);
    await first.start();
    await first.done;
    await sleep(500);
    await Promise.all([api(a, "DELETE", "/api/server"), api(b, "DELETE", "/api/server")]);
    cfg.log(`  Baton: ${String(edits)} offline edits on each laptop…`);
    const made = await Promise.all([
      rep.call<{ editMs: number }>("editOffline", { documentIds: ids, count: edits, seed: 11, by: ANA }),
      lead.call<{ editMs: number }>("editOffline", { documentIds: ids, count: edits, seed: 22, by: DANA }),
    ]);
    // A laptop comes back after a while offline, not seconds after it started: its engine
    // warm-up (5 s after the start, a few seconds long) is over.
    const warm = await Promise.all([rep, lead].map((c) => c.call<boolean>("engineWarmedUp", { timeoutMs: 30_000 })));
    if (!warm.every(Boolean)) cfg.log("  (an engine warm-up had not ended after 30 s; merging anyway)");
    const merged = convergence(rep, lead, ids, 120_000);
    await merged.start();
    const t0 = now();
    await Promise.all([api(a, "PUT", "/api/server", { url, token: TOKEN }), api(b, "PUT", "/api/server", { url, token: TOKEN })]);
    const at = await merged.done;
    return { mergeMs: at - t0, editMs: Math.max(...made.map((m) => m.editMs)), firstAccountMs: firstAccount(merged.firstEqual, t0) };
  } catch (e) {
    // Say what the nodes said (refused links, damaged chunks) and saw (links, heads) along with the failure.
    for (const [who, child] of [["server", server], ["rep", rep], ["lead", lead]] as const) {
      const lines = await child.call<string[]>("logs").catch(() => []);
      if (lines.length) cfg.log(`  ${who} log (last lines):\n    ${lines.slice(-8).join("\n    ")}`);
    }
    for (const [who, endpoint] of [["rep", a], ["lead", b]] as const) {
      if (!endpoint) continue;
      const status = await api<NodeStatus>(endpoint, "GET", "/api/status").catch(() => null);
      cfg.log(`  ${who} links: ${JSON.stringify(status?.body.links ?? "unknown")}`);
    }
    const [ha, hb] = await Promise.all([rep.call<Record<string, string[]>>("heads", { documentIds: ids }), lead.call<Record<string, string[]>>("heads", { documentIds: ids })]).catch((): Array<Record<string, string[]>> => [{}, {}]);
    const differ = ids.filter((id) => [...(ha?.[id] ?? [])].sort().join() !== [...(hb?.[id] ?? [])].sort().join());
    cfg.log(`  accounts still different: ${String(differ.length)} of ${String(ids.length)}`);
    throw e;
  } finally {
    await Promise.all([rep.stop(), lead.stop()]);
    await server.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

async function runStock(cfg: BenchConfig, accounts: number, edits: number): Promise<MergeRun> {
  const dirs = await tempDirs(3);
  const [server, rep, lead] = await Promise.all([
    Child.spawn("stock-repo", "stock server repo", { nodeArgs: cfg.nodeArgs }),
    Child.spawn("stock-repo", "stock client repo (rep)", { nodeArgs: cfg.nodeArgs }),
    Child.spawn("stock-repo", "stock client repo (lead)", { nodeArgs: cfg.nodeArgs }),
  ]);
  try {
    const url = await server.call<string>("startServer", { dataDir: dirs[0] });
    await rep.call("startClient", { dataDir: dirs[1], url });
    await lead.call("startClient", { dataDir: dirs[2], url });
    const ids: string[] = [];
    for (let i = 0; i < accounts; i++) {
      const id = await rep.call<string>("createAccount", { name: `Merge account ${String(i + 1)}`, by: ANA });
      await rep.call("seed", { documentId: id, by: ANA, commitments: 5, milestones: 3 });
      ids.push(id);
    }
    const first = convergence(rep, lead, ids, 60_000);
    // The server first gets each account from the rep; then the lead can find it there.
    // (A find that races the rep's first sync message reports "unavailable": ask again.)
    for (const documentId of ids) await retry(() => server.call("find", { documentId }));
    await Promise.all(ids.map((documentId) => retry(() => lead.call("find", { documentId }))));
    await first.start();
    await first.done;
    await sleep(500);
    await Promise.all([rep.call("disconnect"), lead.call("disconnect")]);
    cfg.log(`  baseline: ${String(edits)} offline edits on each client…`);
    const made = await Promise.all([
      rep.call<{ editMs: number }>("editOffline", { documentIds: ids, count: edits, seed: 11, by: ANA }),
      lead.call<{ editMs: number }>("editOffline", { documentIds: ids, count: edits, seed: 22, by: DANA }),
    ]);
    const merged = convergence(rep, lead, ids, 120_000);
    await merged.start();
    const t0 = now();
    await Promise.all([rep.call("connect", { url }), lead.call("connect", { url })]);
    const at = await merged.done;
    return { mergeMs: at - t0, editMs: Math.max(...made.map((m) => m.editMs)), firstAccountMs: firstAccount(merged.firstEqual, t0) };
  } finally {
    await Promise.all([rep.stop(), lead.stop()]);
    await server.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

export async function offlineMerge(cfg: BenchConfig): Promise<ScenarioResult[]> {
  const accounts = cfg.quick ? 2 : 10;
  const edits = cfg.quick ? 200 : 2000;
  cfg.log(`  Baton: ${String(accounts)} accounts shared through meetings, then the team server…`);
  const baton = await runBaton(cfg, accounts, edits);
  cfg.log(`  baseline (stock automerge-repo)…`);
  const stock = await runStock(cfg, accounts, edits);
  return [
    row({
      name: `4. Offline merge: ${String(edits)} edits each on ${String(accounts)} accounts`,
      value: round(baton.mergeMs, 0),
      unit: "ms",
      goal: "≤ 1000 ms and ≤ 0.5× the baseline",
      baseline: round(stock.mergeMs, 0),
      baselineIs: "plain automerge-repo 2.5.6: stock server repo + two stock clients (NodeFS, stock WebSocket adapters)",
      pass: baton.mergeMs <= 1000 && baton.mergeMs <= 0.5 * stock.mergeMs,
      details: {
        accounts,
        editsPerSide: edits,
        firstAccountMs: round(baton.firstAccountMs, 0),
        baselineFirstAccountMs: round(stock.firstAccountMs, 0),
        batonEditMs: round(baton.editMs, 0),
        baselineEditMs: round(stock.editMs, 0),
      },
      notes: "reconnect (both laptops connect to the team server at once) → both have identical heads for every account",
    }),
  ];
}
