/**
 * A new laptop gets its person's accounts back from the team server: a real relay with
 * per-person tokens and real sync nodes on 127.0.0.1. The server lists each person's own
 * accounts only, the fresh laptop gets every one of them whole once the server and token
 * are saved, and a cancel leaves only whole accounts, the rest arriving when asked again.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { JobProgress, NodeStatus } from "../../shared";
import type { SyncNode } from "../node/sync-node";
import { addCommitmentOn, api, eventually, removeDir, startTestNode, tempDir, texts } from "../node/test-helpers";
import { hashToken } from "./relay/people";
import { startRelay, type Relay } from "./relay/relay";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

const TOKENS = { ana: "ana-token-0001-long-enough", bob: "bob-token-0002-long-enough" };

async function relay(): Promise<Relay> {
  const dir = await tempDir();
  cleanups.push(() => removeDir(dir));
  const file = join(dir, "tokens.json");
  await writeFile(file, JSON.stringify({ people: Object.entries(TOKENS).map(([id, token]) => ({ id, name: id, token: hashToken(token) })) }));
  const r = await startRelay({ dataDir: join(dir, "data"), host: "127.0.0.1", port: 0, tokensFile: file });
  cleanups.push(() => r.stop());
  return r;
}

async function laptop(name: string): Promise<SyncNode> {
  const dir = await tempDir();
  cleanups.push(() => removeDir(dir));
  const n = await startTestNode(dir);
  cleanups.push(() => n.stop());
  expect((await api(n.endpoint(), "PUT", "/api/profile", { name, role: "rep" })).status).toBe(200);
  return n;
}

const status = async (n: SyncNode) => (await api<NodeStatus>(n.endpoint(), "GET", "/api/status")).body;
const job = async (n: SyncNode): Promise<JobProgress | undefined> => (await status(n)).jobs.find((j) => j.job === "server-accounts");

/** A laptop linked to the server with `names` accounts created and uploaded. */
async function uploaded(server: Relay, who: keyof typeof TOKENS, names: string[]): Promise<{ node: SyncNode; ids: string[] }> {
  const node = await laptop(who);
  expect((await api(node.endpoint(), "PUT", "/api/server", { url: server.url, token: TOKENS[who] })).status).toBe(200);
  const ids: string[] = [];
  for (const name of names) ids.push((await api<{ documentId: string }>(node.endpoint(), "POST", "/api/accounts", { name })).body.documentId);
  await eventually(async () => (await status(node)).links.find((l) => l.kind === "team-server" && l.synced), 20_000, "uploaded to the server");
  await eventually(() => ids.every((id) => server.membership.isMember(id, who)), 10_000, "membership recorded");
  return { node, ids };
}

describe("a new laptop from the team server", () => {
  it("gets the accounts a CSV import wrote straight to disk while the server was linked", async () => {
    const server = await relay();
    const { node } = await uploaded(server, "ana", ["Acme"]);
    const csv = ["Record ID,Company name", ...["Globex", "Initech", "Umbrella"].map((name, i) => `${String(i + 1)},${name}`)].join("\n");
    await node.handlers.importCsv(new TextEncoder().encode(csv));
    node.handlers.startImport();
    const end = await eventually(() => (node.handlers.importProgress().state === "done" ? node.handlers.importProgress() : undefined), 20_000, "the import");
    const ids = (end.accounts ?? []).map((a) => a.documentId);
    expect(ids).toHaveLength(3);
    await eventually(() => ids.every((id) => server.membership.isMember(id, "ana")), 20_000, "the imported accounts on the server");
  });

  it("lists a person's own accounts to their token only", async () => {
    const server = await relay();
    const ana = await uploaded(server, "ana", ["Acme", "Globex"]);
    await uploaded(server, "bob", ["Initech"]);
    const http = server.url.replace("ws", "http");
    const list = async (token: string) => fetch(`${http}/accounts`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await (await list(TOKENS.ana)).json()) as { accounts: string[] }).accounts).toEqual([...ana.ids].sort());
    expect((await list("not-a-token")).status).toBe(401);
    expect((await fetch(`${http}/accounts`)).status).toBe(401);
  });

  it("gets every account of the person back, whole, once the server and token are saved", async () => {
    const server = await relay();
    const old = await uploaded(server, "ana", ["Acme", "Globex", "Umbrella"]);
    await addCommitmentOn(old.node, old.ids[0]!, "Train two admins");
    await eventually(async () => (await status(old.node)).links.find((l) => l.kind === "team-server" && l.synced), 20_000, "commitment uploaded");
    await uploaded(server, "bob", ["Initech"]);

    const fresh = await laptop("ana");
    expect((await api(fresh.endpoint(), "GET", "/api/accounts")).body).toEqual([]);
    expect((await api(fresh.endpoint(), "PUT", "/api/server", { url: server.url, token: TOKENS.ana })).status).toBe(200);
    const done = await eventually(async () => ((await job(fresh))?.state === "done" ? job(fresh) : undefined), 30_000, "accounts back");
    expect(done).toMatchObject({ done: 3, total: 3, message: "3 accounts arrived from the server." });
    const names = (await api<Array<{ name: string }>>(fresh.endpoint(), "GET", "/api/accounts")).body.map((a) => a.name);
    expect(names).toEqual(["Acme", "Globex", "Umbrella"]);
    expect(await texts(fresh, old.ids[0]!)).toEqual(["Train two admins"]);

    // Asking again fetches nothing twice.
    await api(fresh.endpoint(), "POST", "/api/server/accounts");
    const again = await eventually(async () => ((await job(fresh))?.state === "done" ? job(fresh) : undefined), 10_000, "asked again");
    expect(again?.message).toBe("All 3 accounts the server lists for you are on this laptop.");
  });

  it("stops between accounts when cancelled, keeping only whole accounts, and gets the rest when asked again", async () => {
    const server = await relay();
    const names = Array.from({ length: 60 }, (_, i) => `Account ${String(i).padStart(2, "0")}`);
    await uploaded(server, "ana", names);
    const fresh = await laptop("ana");
    expect((await api(fresh.endpoint(), "PUT", "/api/server", { url: server.url, token: TOKENS.ana })).status).toBe(200);
    expect((await api(fresh.endpoint(), "POST", "/api/jobs/cancel", { job: "server-accounts" })).status).toBe(200);
    const cancelled = (await job(fresh))!;
    expect(cancelled.state).toBe("cancelled");
    expect(cancelled.message).toMatch(/^Stopped: (1 account|\d+ accounts) arrived before you cancelled/);
    const got = (await api<Array<{ name: string }>>(fresh.endpoint(), "GET", "/api/accounts")).body;
    expect(got.length).toBeLessThan(60);
    for (const a of got) expect(names).toContain(a.name);

    await api(fresh.endpoint(), "POST", "/api/server/accounts");
    await eventually(async () => ((await job(fresh))?.state === "done" ? true : undefined), 60_000, "the rest");
    expect((await api<Array<{ name: string }>>(fresh.endpoint(), "GET", "/api/accounts")).body.map((a) => a.name)).toEqual(names);
  }, 90_000);
});
