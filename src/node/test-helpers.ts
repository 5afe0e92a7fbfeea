/** Helpers for tests that run real sync nodes in temp folders on loopback. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Endpoint } from "../../shared/api";
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
  return SyncNode.start({ dataDir, meetingBind: "127.0.0.1", mdnsPort: TEST_MDNS_PORT, ...options });
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
