/**
 * Laptops and the team sync server together: a real relay and real sync nodes on
 * 127.0.0.1. The relay lives here with its entry (src/server/relay/); the laptop's side of
 * the link is src/node/team-server/.
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Repo, type DocumentId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import type { AccountDoc, NodeStatus } from "../../shared";
import { commitmentsOf, createAccount, SCHEMA_VERSION } from "../../shared";
import { formatAccountLink } from "../../shared/account-link";
import type { SyncNode } from "../node/sync-node";
import { addCommitmentOn, api, eventually, removeDir, startTestNode, tempDir, texts, upgradeStatus } from "../node/test-helpers";
import { hashToken } from "./relay/people";
import { startRelay, type Relay } from "./relay/relay";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function node(dir?: string): Promise<SyncNode> {
  const d = dir ?? (await tempDir());
  if (!dir) cleanups.push(() => removeDir(d));
  const n = await startTestNode(d);
  cleanups.push(() => n.stop());
  return n;
}

async function withProfile(n: SyncNode, name: string, role: "rep" | "delivery-lead" = "rep") {
  const r = await api(n.endpoint(), "PUT", "/api/profile", { name, role });
  expect(r.status).toBe(200);
}

describe("the team sync server", () => {
  async function relay(): Promise<Relay> {
    const dir = await tempDir();
    const r = await startRelay({ dataDir: dir, host: "127.0.0.1", port: 0, token: "team-token-123" });
    cleanups.push(() => removeDir(dir));
    cleanups.push(() => r.stop());
    return r;
  }

  it("refuses the server's WebSocket without the team token, and answers /healthz", async () => {
    const server = await relay();
    expect(await upgradeStatus(`${server.url}/`)).toBe(401);
    expect(await upgradeStatus(`${server.url}/?token=wrong`)).toBe(401);
    expect(await upgradeStatus(`${server.url}/`, { Authorization: "Bearer wrong" })).toBe(401);
    expect(await upgradeStatus(`${server.url}/?token=team-token-123`)).toBe(101);
    expect(await upgradeStatus(`${server.url}/`, { Authorization: "Bearer team-token-123" })).toBe(101);
    const health = await fetch(`${server.url.replace("ws", "http")}/healthz`);
    expect(health.status).toBe(200);
  });

  it("remembers a damaged account across restarts and restores it from the server", async () => {
    const dir = await tempDir();
    const serverDir = await tempDir();
    cleanups.push(() => removeDir(dir), () => removeDir(serverDir));
    let server = await startRelay({ dataDir: serverDir, host: "127.0.0.1", port: 0, token: "team-token-123" });
    const first = await startTestNode(dir);
    await withProfile(first, "Ana");
    expect((await api(first.endpoint(), "PUT", "/api/server", { url: server.url, token: "team-token-123" })).status).toBe(200);
    const { body: hurt } = await api<{ documentId: string }>(first.endpoint(), "POST", "/api/accounts", { name: "Hurt Ltd" });
    await addCommitmentOn(first, hurt.documentId, "kept by the server");
    await eventually(async () => (await api<NodeStatus>(first.endpoint(), "GET", "/api/status")).body.links.find((l) => l.kind === "team-server" && l.synced), 10_000, "synced with server");
    await first.stop();
    await server.stop();

    // Every content chunk of the account is lost on this laptop.
    const { readdir, writeFile } = await import("node:fs/promises");
    const files = (await readdir(`${dir}/accounts/chunks`, { recursive: true })) as string[];
    const encoded = hurt.documentId.replace(/[A-Z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
    const victims = files.filter((f) => f.includes(encoded) && f.endsWith(".chunk") && !f.includes("sync-state"));
    expect(victims.length).toBeGreaterThan(0);
    for (const v of victims) await writeFile(`${dir}/accounts/chunks/${v}`, "garbage, not a chunk");

    const second = await startTestNode(dir); // the server is down
    const seen = await eventually(() => second.handlers.status().damaged.find((d) => d.documentId === hurt.documentId), 10_000, "damage reported");
    expect(seen).toMatchObject({ name: "Hurt Ltd", restored: false });
    await second.stop();

    // After a restart the bad chunks are in quarantine, but the damage is still known, by name.
    const third = await node(dir);
    expect(third.handlers.status().damaged).toEqual([expect.objectContaining({ documentId: hurt.documentId, name: "Hurt Ltd", restored: false })]);

    // The server is back (a new address): the account comes back from it and is marked restored.
    server = await startRelay({ dataDir: serverDir, host: "127.0.0.1", port: 0, token: "team-token-123" });
    cleanups.push(() => server.stop());
    expect((await api(third.endpoint(), "PUT", "/api/server", { url: server.url, token: "team-token-123" })).status).toBe(200);
    await eventually(() => third.handlers.status().damaged.find((d) => d.documentId === hurt.documentId && d.restored), 15_000, "restored from the server");
    expect(await texts(third, hurt.documentId)).toEqual(["kept by the server"]);
  });

  it("uploads an account created while the server link is up, without anyone asking for it", async () => {
    const server = await relay();
    const rep = await node();
    await withProfile(rep, "Ana");
    expect((await api(rep.endpoint(), "PUT", "/api/server", { url: server.url, token: "team-token-123" })).status).toBe(200);
    await eventually(() => rep.handlers.status().links.find((l) => l.kind === "team-server" && l.state === "connected"), 10_000, "linked to the server");
    const { body: acme } = await api<{ documentId: string }>(rep.endpoint(), "POST", "/api/accounts", { name: "Acme" });
    await addCommitmentOn(rep, acme.documentId, "kept by the server");
    // Nobody asks the server for it: the laptop must push it (it may go offline next).
    await eventually(() => {
      const theirs = server.repo.handles[acme.documentId as DocumentId];
      const ours = rep.repo.handles[acme.documentId as DocumentId];
      return theirs?.isReady() && ours?.isReady() && theirs.heads().join() === ours.heads().join();
    }, 10_000, "the server holds every edit");
    // The server's acknowledgement reaches the laptop a moment after the server applied the edit.
    await eventually(() => rep.handlers.status().links.find((l) => l.kind === "team-server")?.synced, 5_000, "the link shown as synced");
  });

  it("upgrades an account written by an older Baton once it is opened from a link", async () => {
    const server = await relay();
    // An older Baton's account (schema 1: no handoff agenda yet), on the server.
    const old = new Repo({ network: [new WebSocketClientAdapter(`${server.url}/?token=team-token-123`)] });
    cleanups.push(() => old.shutdown());
    const made = old.create<AccountDoc>();
    made.change((d) => createAccount(d, { name: "Old Acme", by: { id: "p-old", name: "Olga", role: "rep" }, at: "2026-01-05T10:00:00.000Z" }));
    made.change((d) => {
      const raw = d as unknown as Record<string, Record<string, unknown>>;
      (raw as unknown as { schemaVersion: number }).schemaVersion = 1;
      delete raw.handoff!.agenda;
    });
    await eventually(() => server.repo.handles[made.documentId]?.isReady() && server.repo.handles[made.documentId]!.heads().join() === made.heads().join(), 10_000, "on the server");

    const lead = await node();
    await withProfile(lead, "Dana", "delivery-lead");
    expect((await api(lead.endpoint(), "PUT", "/api/server", { url: server.url, token: "team-token-123" })).status).toBe(200);
    expect((await api(lead.endpoint(), "POST", "/api/accounts/open", { link: `baton:account/${made.documentId}` })).status).toBe(200);
    const opened = await eventually(() => {
      const doc = lead.repo.handles[made.documentId]?.doc() as unknown as { schemaVersion: number; handoff: Record<string, unknown> } | undefined;
      return doc?.schemaVersion === SCHEMA_VERSION ? doc : null;
    }, 10_000, "upgraded on the laptop");
    expect(opened!.handoff.agenda).toEqual({});
  });

  it("opens an account by link once its owner lets the person in, after the server refused them", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    const tokens = join(dir, "tokens.json");
    const people = [["ana", "ana-token-0001"], ["bob", "bob-token-0002"]];
    await writeFile(tokens, JSON.stringify({ people: people.map(([id, token]) => ({ id, name: id, token: hashToken(token!) })) }));
    const server = await startRelay({ dataDir: join(dir, "relay"), host: "127.0.0.1", port: 0, tokensFile: tokens });
    cleanups.push(() => server.stop());
    const rep = await node();
    const lead = await node();
    await withProfile(rep, "Ana");
    await withProfile(lead, "Bob", "delivery-lead");
    expect((await api(rep.endpoint(), "PUT", "/api/server", { url: server.url, token: "ana-token-0001" })).status).toBe(200);
    const { body: acme } = await api<{ documentId: string }>(rep.endpoint(), "POST", "/api/accounts", { name: "Acme" });
    await addCommitmentOn(rep, acme.documentId, "kick-off on Monday");
    await eventually(() => server.membership.members(acme.documentId).includes("ana") && server.repo.handles[acme.documentId as DocumentId]?.isReady(), 10_000, "Ana's upload");

    // Bob follows the link before anyone let him in: refused.
    expect((await api(lead.endpoint(), "PUT", "/api/server", { url: server.url, token: "bob-token-0002" })).status).toBe(200);
    const open = () => api<{ error: string }>(lead.endpoint(), "POST", "/api/accounts/open", { link: formatAccountLink(acme.documentId) });
    const refused = await open();
    expect(refused.status).toBe(404);
    expect(refused.body.error).toMatch(/not allowed to see it/);
    // His laptop's link drops and comes back (a train, a lid closed): the server no longer holds his request.
    expect((await api(lead.endpoint(), "PUT", "/api/server", { url: server.url, token: "bob-token-0002" })).status).toBe(200);

    // Ana lets him in with an invitation; he follows the same link again and gets the account.
    const secret = "invitation-for-bob-0123456789";
    rep.repo.handles[acme.documentId as DocumentId]!.change((d) => {
      (d as unknown as { teamInvites: Record<string, boolean> }).teamInvites = { [createHash("sha256").update(secret).digest("hex")]: true };
    });
    const join_ = () =>
      fetch(`${server.url.replace("ws", "http")}/join`, { method: "POST", headers: { Authorization: "Bearer bob-token-0002" }, body: JSON.stringify({ documentId: acme.documentId, invite: secret }) });
    await eventually(async () => (await join_()).status === 200, 10_000, "the invitation to reach the server");
    const opened = await open();
    expect([opened.status, opened.body]).toEqual([200, { documentId: acme.documentId }]);
    expect(await texts(lead, acme.documentId)).toEqual(["kick-off on Monday"]);
  });

  it("syncs two laptops through the server and refuses a wrong token or a dead address", async () => {
    const server = await relay();
    const rep = await node();
    const lead = await node();
    await withProfile(rep, "Ana");
    await withProfile(lead, "Dana", "delivery-lead");

    const wrong = await api<{ fields: Record<string, string> }>(rep.endpoint(), "PUT", "/api/server", { url: server.url, token: "nope-nope" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.token).toMatch(/refused/);
    const dead = await api<{ fields: Record<string, string> }>(rep.endpoint(), "PUT", "/api/server", { url: "ws://127.0.0.1:1", token: "x" });
    expect(dead.status).toBe(400);
    expect(dead.body.fields.url).toMatch(/not reachable/);

    expect((await api(rep.endpoint(), "PUT", "/api/server", { url: server.url, token: "team-token-123" })).status).toBe(200);
    const { body: acme } = await api<{ documentId: string }>(rep.endpoint(), "POST", "/api/accounts", { name: "Acme" });
    await addCommitmentOn(rep, acme.documentId, "via server");
    await eventually(async () => (await api<NodeStatus>(rep.endpoint(), "GET", "/api/status")).body.links.find((l) => l.kind === "team-server" && l.synced), 10_000, "rep synced with server");

    expect((await api(lead.endpoint(), "PUT", "/api/server", { url: server.url, token: "team-token-123" })).status).toBe(200);
    // The stock client path: the server hands the document to anyone with the token who asks by id.
    const stock = new Repo({ network: [new WebSocketClientAdapter(`${server.url}/?token=team-token-123`)] });
    cleanups.push(() => stock.shutdown());
    const viaStock = await stock.find<AccountDoc>(acme.documentId as DocumentId, { signal: AbortSignal.timeout(8000) });
    expect(commitmentsOf(viaStock.doc()).map((c) => c.text)).toEqual(["via server"]);
  });
});
