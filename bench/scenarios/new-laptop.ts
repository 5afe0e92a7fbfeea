/**
 * Scenario 11 — a new laptop gets 1,000 accounts back from the team server.
 *
 * A real relay (`sync-server`, its own process, a tokens file) holds 1,000 accounts whose
 * member is one person. Baton: a fresh sync node in the bench process; from saving the
 * server and token in the node's API (which checks them, lists the person's accounts and
 * fetches every one into the library, on disk) until the job reports done. Baseline, in
 * the same run against the same relay restarted cold: a stock automerge-repo client with
 * no storage that already knows the 1,000 ids and asks for them over the same sync
 * protocol, 16 at a time (the protocol's own cost, with nothing written to disk).
 *
 * The accounts are written straight into the relay's store and membership, so setting up
 * takes seconds: one made with Baton's commands (20 commitments, 10 milestones), each other
 * a copy of it renamed by a change of its own, as bench/generate.ts copies. Syncing,
 * storing and listing a copy cost what they cost for the first; making each with the
 * commands took 48 ms, a minute of the full run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl, Repo, type DocumentId, type PeerId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import type { AccountDoc, JobProgress, NodeStatus, Profile } from "../../shared";
import { changeMessage, prepareChange, renameAccount } from "../../shared";
import { CrashSafeStorage } from "../../src/node/storage/crash-safe-storage";
import { SyncNode } from "../../src/node/sync-node";
import { api } from "../../src/node/test-helpers";
import { hashToken } from "../../src/server/relay/people";
import { ROOT } from "../lib/ipc";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { round } from "../lib/stats";
import { stopProcess } from "./cold-start";

const TOKEN = "bench-person-token-000000000001";
const ANA: Profile = { id: "p-ana", name: "Ana Rep", role: "rep" };
const AT_ONCE = 16;

function account(): A.Doc<AccountDoc> {
  let doc = A.init<AccountDoc>();
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  const run = (name: Parameters<typeof prepareChange>[1], args: unknown) => {
    const change = prepareChange(ANA, name, args as never, doc);
    doc = A.change(doc, { message: change.message }, change.run);
  };
  run("createAccount", { name: "Account 0000", by: ANA, at });
  for (let c = 0; c < 20; c++) run("addCommitment", { id: `c-${c}`, text: `Commitment ${c}: train the admins before go-live`, by: ANA, at });
  for (let m = 0; m < 10; m++) run("addMilestone", { id: `m-${m}`, title: `Milestone ${m}`, by: ANA, at });
  return doc;
}

async function startServer(dataDir: string, tokens: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/server/sync-server.ts", "--data", dataDir, "--port", "0", "--tokens", tokens], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sync-server did not start:\n${out}`)), 30_000);
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (ws:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    proc.once("exit", (code) => reject(new Error(`sync-server exited with ${String(code)}:\n${out}`)));
  });
  return { proc, url };
}

async function baseline(url: string, ids: string[]): Promise<number> {
  const repo = new Repo({ network: [new WebSocketClientAdapter(`${url}/?token=${TOKEN}`)], peerId: "bench-stock-client" as PeerId });
  try {
    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        await repo.find(id as DocumentId, { signal: AbortSignal.timeout(60_000) });
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
    return performance.now() - t0;
  } finally {
    await repo.shutdown().catch(() => undefined);
  }
}

async function baton(url: string, total: number): Promise<{ ms: number; job: JobProgress | undefined }> {
  const dir = join(tmpdir(), `baton-bench-new-laptop-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  const node = await SyncNode.start({ dataDir: dir });
  try {
    await api(node.endpoint(), "PUT", "/api/profile", { name: ANA.name, role: "rep" });
    const t0 = performance.now();
    const saved = await api(node.endpoint(), "PUT", "/api/server", { url, token: TOKEN });
    if (saved.status !== 200) throw new Error(`saving the server failed: ${JSON.stringify(saved.body)}`);
    let job: JobProgress | undefined;
    for (;;) {
      job = node.handlers.status().jobs.find((j) => j.job === "server-accounts");
      if (job && job.state !== "running") break;
      if (performance.now() - t0 > 300_000) throw new Error("no end after 5 minutes");
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = performance.now() - t0;
    const inLibrary = (await api<NodeStatus>(node.endpoint(), "GET", "/api/accounts")).body as unknown as unknown[];
    if (job.state !== "done" || inLibrary.length !== total) throw new Error(`the job ended ${job.state} with ${inLibrary.length} of ${total} accounts: ${job.message ?? ""}`);
    return { ms, job };
  } finally {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function newLaptop(cfg: BenchConfig): Promise<ScenarioResult[]> {
  const n = cfg.quick ? 100 : 1000;
  const root = join(tmpdir(), `baton-bench-relay-${process.pid}`);
  const dataDir = join(root, "data");
  await rm(root, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  try {
    const tokens = join(root, "tokens.json");
    await writeFile(tokens, JSON.stringify({ people: [{ id: "ana", name: "Ana Rep", token: hashToken(TOKEN) }] }));
    const store = new CrashSafeStorage(dataDir);
    const ids: string[] = [];
    const members: Record<string, { members: string[]; listed: string[]; claimedAt: string }> = {};
    let bytes = 0;
    const first = account();
    const renamedAt = Math.floor(Date.UTC(2026, 0, 2) / 1000);
    for (let i = 0; i < n; i++) {
      const name = `Account ${String(i).padStart(4, "0")}`;
      const doc = i === 0 ? first : A.change(A.clone(first), { message: changeMessage(ANA, "Renamed the account"), time: renamedAt }, (d) => renameAccount(d, { name }));
      const id = parseAutomergeUrl(generateAutomergeUrl()).documentId;
      const binary = A.save(doc);
      bytes += binary.length;
      await store.save([id, "snapshot", A.getHeads(doc).join("")], binary);
      if (doc !== first) A.free(doc);
      ids.push(id);
      members[id] = { members: ["ana"], listed: [], claimedAt: new Date().toISOString() };
    }
    await store.close();
    await writeFile(join(dataDir, "members.json"), JSON.stringify({ version: 1, documents: members }));
    cfg.log(`  ${n} accounts on the relay (${round(bytes / n / 1024, 1)} KB each)`);

    let server = await startServer(dataDir, tokens);
    const base = await baseline(server.url, ids);
    await stopProcess(server.proc);
    server = await startServer(dataDir, tokens);
    const measured = await baton(server.url, n);
    await stopProcess(server.proc);
    return [
      row({
        name: `11. A new laptop gets ${n.toLocaleString("en")} accounts from the server`,
        value: round(measured.ms / 1000, 2),
        unit: "s",
        goal: "≤ 60 s",
        baseline: round(base / 1000, 2),
        pass: measured.ms <= 60_000,
        baselineIs: "a stock automerge-repo client with no storage asking the same relay for the same ids, 16 at a time",
        notes: measured.job?.message ?? undefined,
      }),
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
