/**
 * Browser mode's page learns its node's token by trading a one-time ticket; nothing hands
 * the token to a local process that holds neither. A real node in browser mode (serving a
 * page from a temp folder) on 127.0.0.1, called over HTTP as a page or another process would.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Endpoint } from "../../../shared/api";
import type { SyncNode } from "../sync-node";
import { removeDir, startTestNode, tempDir } from "../test-helpers";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function browserModeNode(): Promise<SyncNode> {
  const dir = await tempDir();
  cleanups.push(() => removeDir(dir));
  const app = join(dir, "app");
  await mkdir(app);
  await writeFile(join(app, "index.html"), "<!doctype html><title>Baton</title>");
  const node = await startTestNode(join(dir, "node"), { staticDir: app });
  cleanups.push(() => node.stop());
  return node;
}

const ticketOf = (link: string) => new URL(link).searchParams.get("login") ?? "";

async function signIn(node: SyncNode, ticket: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Partial<Endpoint> & { error?: string } }> {
  const res = await fetch(`http://127.0.0.1:${node.port}/api/session`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify({ ticket }) });
  return { status: res.status, body: (await res.json()) as Partial<Endpoint> & { error?: string } };
}

describe("browser mode's sign-in", () => {
  it("trades the printed address's ticket once for the endpoint; the terminal then gets a new address", async () => {
    const node = await browserModeNode();
    const printed: string[] = [];
    node.pageLogin!.onTerminalLinkUsed = (next) => printed.push(next);
    const link = node.pageLogin!.terminalLink();
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${node.port}/\\?login=[\\w-]{32}$`));

    const first = await signIn(node, ticketOf(link));
    expect(first).toEqual({ status: 200, body: node.endpoint() });
    const again = await signIn(node, ticketOf(link));
    expect(again.status).toBe(401);
    expect(again.body.error).toMatch(/used already/);
    expect(again.body.token).toBeUndefined();

    expect(printed).toHaveLength(1);
    expect((await signIn(node, ticketOf(printed[0]!))).status).toBe(200);
    expect((await signIn(node, "made-up-ticket")).status).toBe(401);
  });

  it("hands the token to no one without a ticket: not at /endpoint.json, not to another site's page", async () => {
    const node = await browserModeNode();
    const old = await fetch(`http://127.0.0.1:${node.port}/endpoint.json`);
    expect(await old.text()).not.toContain(node.token);

    const ticket = ticketOf(node.pageLogin!.terminalLink());
    const foreign = await signIn(node, ticket, { Origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    expect(JSON.stringify(foreign.body)).not.toContain(node.token);
    // Refused before the ticket was spent: Baton's own page can still use it.
    expect((await signIn(node, ticket, { Origin: `http://127.0.0.1:${node.port}` })).status).toBe(200);
  });

  it("gives a signed-in window more one-time addresses, and only a signed-in one", async () => {
    const node = await browserModeNode();
    const url = `http://127.0.0.1:${node.port}/api/page-link`;
    expect((await fetch(url, { method: "POST" })).status).toBe(401);
    const res = await fetch(url, { method: "POST", headers: { Authorization: `Bearer ${node.token}` } });
    const { url: link } = (await res.json()) as { url: string };
    expect((await signIn(node, ticketOf(link))).status).toBe(200);
    expect((await signIn(node, ticketOf(link))).status).toBe(401);
  });

  it("is not a way in to the desktop app's node (no page, no tickets)", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    const node = await startTestNode(dir);
    cleanups.push(() => node.stop());
    expect(node.pageLogin).toBeNull();
    const res = await fetch(`http://127.0.0.1:${node.port}/api/session`, { method: "POST", body: JSON.stringify({ ticket: "x" }) });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain(node.token);
  });
});
