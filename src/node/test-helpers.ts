/** Helpers for tests that run real sync nodes in temp folders on loopback. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DocumentId } from "@automerge/automerge-repo";
import WebSocket from "ws";
import type { AccountDoc } from "../../shared/account/schema";
import type { Endpoint } from "../../shared/api";
import { changeMessage } from "../../shared/attribution";
import { addCommitment } from "../../shared/commands/commitments";
import { commitmentsOf } from "../../shared/queries/account-view";
import { SyncNode, type SyncNodeOptions } from "./sync-node";

export async function tempDir(prefix = "baton-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * The UDP port of meeting discovery in this test process: never mDNS's own 5353, and ten
 * per process (TEST_MDNS_PORT … +9, below the OS's ephemeral range) so test files running
 * side by side do not hear each other's meetings.
 */
export const TEST_MDNS_PORT = 20_000 + (process.pid % 1000) * 10;

/** Start a node bound to loopback only, meetings (and their mDNS, on TEST_MDNS_PORT) included. */
export async function startTestNode(dataDir: string, options: Partial<SyncNodeOptions> = {}): Promise<SyncNode> {
  return SyncNode.start({ dataDir, meetingBind: "127.0.0.1", mdnsPort: TEST_MDNS_PORT, warmEngineAfterMs: null, ...options });
}

/** Call the node's JSON API as its renderer would. */
export async function api<T = unknown>(endpoint: Endpoint, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(endpoint.httpUrl + path, {
    method,
    headers: { Authorization: `Bearer ${endpoint.token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The HTTP status a WebSocket upgrade gets: 101 when it opens, 0 when nothing listens. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("error", () => resolve(0)); // nothing listening
  });
}

/** Add a commitment to an account on `n`, as an edit of someone called Tester. */
export async function addCommitmentOn(n: SyncNode, documentId: string, text: string): Promise<void> {
  const handle = await n.repo.find<AccountDoc>(documentId as DocumentId);
  const by = { id: "p-" + text, name: "Tester" };
  handle.change((d) => addCommitment(d, { id: crypto.randomUUID(), text, by, at: new Date().toISOString() }), { message: changeMessage(by, "Added a commitment") });
}

/** The texts of an account's commitments on `n`, sorted. */
export async function texts(n: SyncNode, documentId: string): Promise<string[]> {
  const handle = await n.repo.find<AccountDoc>(documentId as DocumentId);
  return commitmentsOf(handle.doc()).map((c) => c.text).sort();
}
