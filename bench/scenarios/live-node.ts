/**
 * Scenario 1 — live edit, node to node. Two sync nodes in separate processes joined as
 * in a handoff meeting on loopback; a renderer-like client (storage-less Repo on the
 * host node's WebSocket, editing through the domain commands plus the live fast path,
 * as the renderer does) types a commitment at a fast typist's pace. Each edit's latency
 * is the time from the keystroke until the OTHER node's document holds it.
 * Baseline: the same edits, client and topology on plain automerge-repo (NodeFS storage,
 * stock WebSocket adapters), where every hop waits for the 100 ms sync throttle.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Repo, type DocumentId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import type { AccountDoc, Endpoint, HostedMeeting, NodeStatus, Person } from "../../shared";
import { changeAndSend } from "../../src/renderer/sync/live-edits";
import { api } from "../../src/node/test-helpers";
import type { Arrival } from "../children/common";
import { liveEditPlan, messageFor } from "../lib/edits";
import { Child, now, sleep } from "../lib/ipc";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { distribution, distributionRow, round } from "../lib/stats";

const ANA: Person = { id: "bench-ana", name: "Ana" };

interface Sent {
  t: number;
  heads: string[];
}

export interface LiveRun {
  /** Keystroke → other node, per measured edit (ms). */
  latencies: number[];
  /** Keystroke → the client's own node (first hop), per measured edit (ms). */
  firstHop: number[];
  /** Measured edits that never reached the other node. */
  missing: number;
  clockOffsetMs: number;
  /** The guest's meeting link states seen while typing (Baton only), e.g. ["connected"]. */
  guestLinkStates?: string[];
  /** The node closed the typing client's socket ("code reason"), if it did. */
  socketClosed: string[];
  /** Edits planned but never made because the client broke (see typingError). */
  notTyped: number;
  typingError: string | null;
}

interface Typed {
  sent: Sent[];
  /** Why typing stopped early (an edit threw), if it did. */
  error: string | null;
  /** Every time the node closed the client's socket while typing: "code reason". */
  socketClosed: string[];
}

/** Type `plan` into the document through a storage-less client repo, `spacingMs` apart. */
export async function typeEdits(wsUrl: string, documentId: string, edits: number, spacingMs: number, fastPath: boolean): Promise<Typed> {
  const adapter = new WebSocketClientAdapter(wsUrl, 1000);
  const repo = new Repo({ network: [adapter], sharePolicy: async () => true });
  const socketClosed: string[] = [];
  let typing = true;
  let watched: unknown = null;
  const watchSocket = () => {
    const socket = adapter.socket;
    if (!socket || socket === watched) return;
    watched = socket;
    socket.addEventListener("close", (e: { code: number; reason: string }) => {
      if (!typing) return; // our own shutdown
      socketClosed.push(`${String(e.code)} ${e.reason}`.trim());
      if (process.env.BENCH_VERBOSE) console.error(`  client socket closed at ${now().toFixed(0)}: ${String(e.code)} ${e.reason}`);
    });
  };
  adapter.on("peer-candidate", watchSocket);
  try {
    const handle = await repo.find<AccountDoc>(documentId as DocumentId, { signal: AbortSignal.timeout(20_000) });
    watchSocket();
    await sleep(300); // let the first sync round settle
    const plan = liveEditPlan(edits, ANA);
    const sent: Sent[] = [];
    let error: string | null = null;
    const start = now() + 20;
    for (let i = 0; i < plan.length; i++) {
      const wait = start + i * spacingMs - now();
      if (wait > 0) await sleep(wait);
      const edit = plan[i]!;
      const t = now();
      try {
        // Baton's path is the window's own (changeAndSend); the stock client changes only.
        if (fastPath) changeAndSend(handle, messageFor(ANA, edit.what), (d) => edit.apply(d));
        else handle.change((d) => edit.apply(d), { message: messageFor(ANA, edit.what) });
      } catch (e) {
        // The renderer would be stuck the same way: report it, do not hide it.
        error = `edit ${String(i + 1)} of ${String(plan.length)} threw: ${e instanceof Error ? e.message : String(e)}`;
        break;
      }
      sent.push({ t, heads: handle.heads() });
    }
    await sleep(600); // stragglers; the stock path needs two 100 ms throttles
    return { sent, socketClosed, error };
  } finally {
    typing = false;
    repo.shutdown();
  }
}

/** When each sent edit first showed in a replica's document (NaN when it never did). */
export function arrivalsOf(sent: Sent[], events: Arrival[]): number[] {
  const index = new Map<string, number>();
  sent.forEach((s, i) => s.heads.forEach((h) => index.set(h, i)));
  const arrival = new Array<number>(sent.length).fill(NaN);
  let frontier = -1;
  for (const [t, heads] of [...events].sort((a, b) => a[0] - b[0])) {
    let reached = frontier;
    for (const h of heads) reached = Math.max(reached, index.get(h) ?? -1);
    for (let k = frontier + 1; k <= reached; k++) arrival[k] = t;
    frontier = reached;
  }
  return arrival;
}

function summarise(sent: Sent[], near: Arrival[], far: Arrival[], warmup: number, clockOffsetMs: number): Omit<LiveRun, "socketClosed" | "typingError" | "notTyped"> {
  const farAt = arrivalsOf(sent, far);
  const nearAt = arrivalsOf(sent, near);
  const latencies: number[] = [];
  const firstHop: number[] = [];
  let missing = 0;
  for (let i = warmup; i < sent.length; i++) {
    const f = farAt[i]!;
    if (Number.isNaN(f)) missing += 1;
    else latencies.push(f - sent[i]!.t);
    const n = nearAt[i]!;
    if (!Number.isNaN(n)) firstHop.push(n - sent[i]!.t);
  }
  return { latencies, firstHop, missing, clockOffsetMs };
}

async function tempDirs(n: number): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, () => mkdtemp(join(tmpdir(), "baton-bench-"))));
}

export interface BatonVariant {
  /** Diagnosis: attach the node's live-change handler to the document from the bench. */
  attachHandler?: boolean;
  /** Which laptop's person types: the meeting host's (default) or the guest's. */
  typeOn?: "host" | "guest";
}

export async function runBaton(cfg: BenchConfig, edits: number, warmup: number, spacingMs: number, variant: BatonVariant = {}): Promise<LiveRun> {
  const dirs = await tempDirs(2);
  const [host, guest] = await Promise.all([
    Child.spawn("baton-node", "Baton node A (host)", { nodeArgs: cfg.nodeArgs }),
    Child.spawn("baton-node", "Baton node B (guest)", { nodeArgs: cfg.nodeArgs }),
  ]);
  try {
    const a = await host.call<Endpoint>("start", { dataDir: dirs[0] });
    const b = await guest.call<Endpoint>("start", { dataDir: dirs[1] });
    await api(a, "PUT", "/api/profile", { name: "Ana", role: "rep" });
    await api(b, "PUT", "/api/profile", { name: "Dana", role: "delivery-lead" });
    const { body: account } = await api<{ documentId: string }>(a, "POST", "/api/accounts", { name: "Live edit bench" });
    const { body: meeting } = await api<HostedMeeting>(a, "POST", "/api/meeting/host", { documentId: account.documentId });
    const joined = await api(b, "POST", "/api/meeting/join", { code: meeting.code });
    if (joined.status !== 200) throw new Error(`join failed: ${JSON.stringify(joined.body)}`);
    if (variant.attachHandler) {
      await host.call("attachLiveHandler", { documentId: account.documentId });
      await guest.call("attachLiveHandler", { documentId: account.documentId });
    }
    await host.call("record", { documentId: account.documentId });
    await guest.call("record", { documentId: account.documentId });
    const [typist, other, typistEndpoint, otherEndpoint] = variant.typeOn === "guest" ? [guest, host, b, a] : [host, guest, a, b];
    const offset = await other.clockOffset();
    // Watch the meeting link while typing: a link cut by a refused message shows here.
    const linkStates: string[] = [];
    let watching = true;
    const watchLink = (async () => {
      while (watching) {
        const s = (await api<NodeStatus>(b, "GET", "/api/status")).body;
        const state = s.links[0]?.state ?? "none";
        if (linkStates[linkStates.length - 1] !== state) linkStates.push(state);
        await sleep(200);
      }
    })();
    const { sent, socketClosed, error } = await typeEdits(typistEndpoint.wsUrl, account.documentId, warmup + edits, spacingMs, true);
    watching = false;
    await watchLink;
    void otherEndpoint;
    const near = await typist.call<Arrival[]>("recorded", { documentId: account.documentId });
    const far = await other.call<Arrival[]>("recorded", { documentId: account.documentId });
    return { ...summarise(sent, near, far, warmup, offset.offsetMs), guestLinkStates: linkStates, socketClosed, typingError: error, notTyped: warmup + edits - sent.length };
  } finally {
    await Promise.all([host.stop(), guest.stop()]);
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

export async function runStock(cfg: BenchConfig, edits: number, warmup: number, spacingMs: number): Promise<LiveRun> {
  const dirs = await tempDirs(2);
  const [server, peer] = await Promise.all([
    Child.spawn("stock-repo", "stock repo A (server)", { nodeArgs: cfg.nodeArgs }),
    Child.spawn("stock-repo", "stock repo B (client)", { nodeArgs: cfg.nodeArgs }),
  ]);
  try {
    const url = await server.call<string>("startServer", { dataDir: dirs[0] });
    const documentId = await server.call<string>("createAccount", { name: "Live edit bench", by: { ...ANA, role: "rep" } });
    await peer.call("startClient", { dataDir: dirs[1], url });
    await peer.call("record", { documentId });
    await server.call("record", { documentId });
    const offset = await peer.clockOffset();
    const { sent, socketClosed, error } = await typeEdits(url, documentId, warmup + edits, spacingMs, false);
    const near = await server.call<Arrival[]>("recorded", { documentId });
    const far = await peer.call<Arrival[]>("recorded", { documentId });
    return { ...summarise(sent, near, far, warmup, offset.offsetMs), socketClosed, typingError: error, notTyped: warmup + edits - sent.length };
  } finally {
    await Promise.all([server.stop(), peer.stop()]);
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

export async function liveNodeToNode(cfg: BenchConfig): Promise<ScenarioResult[]> {
  const edits = cfg.quick ? 50 : 500;
  const warmup = cfg.quick ? 10 : 20;
  const spacingMs = 30;
  cfg.log(`  Baton: ${String(edits)} edits (+${String(warmup)} warm-up), ${String(spacingMs)} ms apart…`);
  const baton = await runBaton(cfg, edits, warmup, spacingMs);
  cfg.log(`  baseline (stock automerge-repo): same edits…`);
  const stock = await runStock(cfg, edits, warmup, spacingMs);
  const diagnosis: Record<string, number | string> = {};
  if (cfg.diagnose) {
    // What the fast path gives once SyncNode's live-change handler is on the document,
    // typed on the host's side and on the guest's side of the meeting.
    const variants: Array<[string, BatonVariant]> = [
      ["wired_host", { attachHandler: true, typeOn: "host" }],
      ["wired_guest", { attachHandler: true, typeOn: "guest" }],
    ];
    for (const [key, variant] of variants) {
      cfg.log(`  diagnosis ${key}: ${JSON.stringify(variant)}…`);
      const run = await runBaton(cfg, edits, warmup, spacingMs, variant);
      const w = distribution(run.latencies);
      Object.assign(diagnosis, {
        [`${key}_p50`]: round(w.p50),
        [`${key}_p99`]: round(w.p99),
        [`${key}_firstHopP50`]: round(distribution(run.firstHop).p50),
        [`${key}_missing`]: run.missing,
        [`${key}_guestLink`]: (run.guestLinkStates ?? []).join(" → "),
        [`${key}_clientSocketClosed`]: run.socketClosed.join("; "),
      });
    }
  }
  const complete = baton.missing === 0 && baton.notTyped === 0;
  const problems = [
    baton.typingError ? `the typing client broke: ${baton.typingError} (${String(baton.notTyped)} edits not made)` : "",
    baton.socketClosed.length ? `the node closed the client's socket ${String(baton.socketClosed.length)}× (${[...new Set(baton.socketClosed)].join("; ")})` : "",
    baton.missing ? `${String(baton.missing)} edits never reached the other node` : "",
    stock.typingError ? `baseline client broke: ${stock.typingError}` : "",
  ].filter(Boolean);
  const b = distribution(baton.latencies);
  const s = distribution(stock.latencies);
  const common = {
    unit: "ms",
    baselineIs: "plain automerge-repo 2.5.6: NodeFS storage, stock WebSocket adapters, same client, edits and topology",
    distribution: distributionRow(baton.latencies),
    baselineDistribution: distributionRow(stock.latencies),
    details: {
      edits,
      warmup,
      spacingMs,
      missingBaton: baton.missing,
      missingBaseline: stock.missing,
      firstHopP50: round(distribution(baton.firstHop).p50),
      firstHopP99: round(distribution(baton.firstHop).p99),
      baselineFirstHopP50: round(distribution(stock.firstHop).p50),
      clockOffsetMs: round(baton.clockOffsetMs, 3),
      guestLink: (baton.guestLinkStates ?? []).join(" → "),
      clientSocketClosed: baton.socketClosed.join("; "),
      notTyped: baton.notTyped,
      ...diagnosis,
    },
    ...(problems.length ? { notes: problems.join(". ") } : {}),
  };
  return [
    row({ name: "1. Live edit, node to node — p50", value: round(b.p50), goal: "≤ 5 ms", baseline: round(s.p50), pass: complete && b.p50 <= 5, ...common }),
    row({ name: "1. Live edit, node to node — p99", value: round(b.p99), goal: "≤ 20 ms", baseline: round(s.p99), pass: complete && b.p99 <= 20, ...common }),
  ];
}
