/**
 * The team sync server's access control, over real sockets with stock automerge-repo
 * clients: per-person tokens, membership (first uploader + the document's own list),
 * revocation without a restart, the `--token` admin shortcut, TLS, and the CLI.
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import * as A from "@automerge/automerge";
import { Repo, generateAutomergeUrl, parseAutomergeUrl, type DocumentId } from "@automerge/automerge-repo";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { eventually, joinedSocket, rawSocket, stockClient } from "../../node/network/test-support";
import { addPerson, hashToken, revokePerson } from "./people";
import { REVOKED_REASON, startRelay, type Relay } from "./relay";

const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length) await Promise.resolve(cleanups.pop()!()).catch(() => undefined);
});

type Acct = { name: string; notes: string[]; teamMembers?: Record<string, boolean> };

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "baton-relay-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function tokensFile(dir: string, people: Record<string, string>): Promise<string> {
  const file = join(dir, "tokens.json");
  const entries = Object.entries(people).map(([id, token]) => ({ id, name: id.toUpperCase(), token: hashToken(token) }));
  await writeFile(file, JSON.stringify({ people: entries }));
  return file;
}

async function relay(opts: { tokensFile?: string; token?: string; tls?: { cert: string; key: string }; log?: string[]; maxOpenAccounts?: number; overBoundSweepMs?: number }): Promise<Relay> {
  const r = await startRelay({
    dataDir: join(await tempDir(), "data"),
    host: "127.0.0.1",
    port: 0,
    tokensPollMs: 50,
    ...opts,
    log: (line) => opts.log?.push(line),
  });
  cleanups.push(() => r.stop());
  return r;
}

const offlineForGood = new WeakSet<Repo>();
function client(r: Relay, token: string, name: string): Repo {
  const repo = stockClient(`${r.url}/?token=${encodeURIComponent(token)}`, name);
  cleanups.push(() => (offlineForGood.has(repo) ? undefined : repo.shutdown()));
  return repo;
}
/** A laptop that goes away for the rest of the test. */
async function offline(repo: Repo): Promise<void> {
  offlineForGood.add(repo);
  await repo.shutdown();
}

function serverHeads(r: Relay, id: string): string {
  const h = r.repo.handles[id as DocumentId];
  return h?.isReady() ? JSON.stringify(h.heads()) : "";
}

/** One figure of the relay's GET /metrics. */
async function metricOf(r: Relay, name: string): Promise<number> {
  const text = await (await fetch(`${r.url.replace("ws", "http")}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
}

function upgrade(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("error", () => undefined);
  });
}

describe("the team sync server's access control", () => {
  it("shares a document only with the people who belong to that account", async () => {
    const dir = await tempDir();
    const r = await relay({ tokensFile: await tokensFile(dir, { ana: "ana-token-0001", bob: "bob-token-0002", dana: "dana-token-003" }) });
    const ana = client(r, "ana-token-0001", "ana-laptop");
    const bob = client(r, "bob-token-0002", "bob-laptop");
    const dana = client(r, "dana-token-003", "dana-laptop");

    // Ana's upload makes her the first member.
    const acme = ana.create<Acct>({ name: "Acme", notes: ["price 40k"], teamMembers: {} });
    await eventually(() => serverHeads(r, acme.documentId) === JSON.stringify(acme.heads()), 8000, "Ana's upload");
    expect(r.membership.members(acme.documentId)).toEqual(["ana"]);

    // Bob has a valid token but is not a member: doc-unavailable.
    await expect(bob.find(acme.documentId, { signal: AbortSignal.timeout(5000) })).rejects.toThrow(/unavailable/i);

    // Bob holds an old copy (say from a meeting he should not have been in) and edits it:
    // the server refuses his sync messages, so nothing of his reaches the account.
    const bobsCopy = bob.import<Acct>(A.save(A.from<Acct>({ name: "Acme", notes: [] })), { docId: acme.documentId });
    bobsCopy.change((d) => {
      d.notes.push("bob was here");
      d.teamMembers = { bob: true };
    });
    await new Promise((res) => setTimeout(res, 600));
    expect(serverHeads(r, acme.documentId)).toBe(JSON.stringify(acme.heads()));
    expect(r.membership.members(acme.documentId)).toEqual(["ana"]);

    // Ana lists Dana on the account: Dana gets it, Bob still does not.
    acme.change((d) => {
      d.teamMembers = { dana: true };
    });
    await eventually(() => r.membership.members(acme.documentId).includes("dana"), 8000, "Dana listed");
    const onDana = await dana.find<Acct>(acme.documentId, { signal: AbortSignal.timeout(8000) });
    expect(onDana.doc().notes).toEqual(["price 40k"]);
    onDana.change((d) => d.notes.push("kick-off booked"));
    await eventually(() => acme.doc().notes.includes("kick-off booked"), 8000, "Dana's edit to reach Ana");
    expect(acme.doc().notes).not.toContain("bob was here");

    // Asking for an id the server does not have claims nothing (no squatting).
    const later = A.from<Acct>({ name: "Later", notes: [] });
    const laterId = parseAutomergeUrl(generateAutomergeUrl()).documentId;
    await expect(bob.find(laterId, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
    expect(r.membership.known(laterId)).toBe(false);
    const up = ana.import<Acct>(A.save(later), { docId: laterId });
    await eventually(() => serverHeads(r, laterId) === JSON.stringify(up.heads()), 8000, "Ana's second upload");
    expect(r.membership.members(laterId)).toEqual(["ana"]);
  });

  it("sends an account to a laptop that asked before its person joined by invitation, without it asking again", async () => {
    const dir = await tempDir();
    const r = await relay({ tokensFile: await tokensFile(dir, { ana: "ana-token-0001", eve: "eve-token-0005" }) });
    const ana = client(r, "ana-token-0001", "ana-laptop");
    const secret = "s3cret-invitation-0123456789";
    const doc = ana.create<Acct & { teamInvites?: Record<string, { expires: string }> }>({
      name: "Acme",
      notes: ["shared by link"],
      teamInvites: { [createHash("sha256").update(secret).digest("hex")]: { expires: new Date(Date.now() + 3_600_000).toISOString() } },
    });
    await eventually(() => serverHeads(r, doc.documentId) === JSON.stringify(doc.heads()), 8000, "upload");

    // Eve opens the link before joining: not hers yet, and her laptop keeps waiting for it.
    const eve = client(r, "eve-token-0005", "eve-laptop");
    const waiting = await eve.find<Acct>(doc.documentId, { allowableStates: ["ready", "unavailable"], signal: AbortSignal.timeout(5000) });
    expect(waiting.isReady()).toBe(false);

    // She joins by the invitation: a member change with no sync message about the account, so
    // the relay decides afresh who gets it and sends it to her laptop by itself.
    const joined = await fetch(`${r.url.replace("ws", "http")}/join`, {
      method: "POST",
      headers: { Authorization: "Bearer eve-token-0005" },
      body: JSON.stringify({ documentId: doc.documentId, invite: secret }),
    });
    expect(joined.status).toBe(200);
    await eventually(() => waiting.isReady() && waiting.doc()?.notes.join() === "shared by link", 8000, "the account to reach Eve's waiting laptop");
  });

  it("remembers who belongs where across a server restart", async () => {
    const dir = await tempDir();
    const file = await tokensFile(dir, { ana: "ana-token-0001", bob: "bob-token-0002" });
    const dataDir = join(dir, "data");
    const first = await startRelay({ dataDir, host: "127.0.0.1", port: 0, tokensFile: file });
    const ana = stockClient(`${first.url}/?token=ana-token-0001`, "ana-laptop");
    const doc = ana.create<Acct>({ name: "Acme", notes: ["kept"] });
    await eventually(() => serverHeads(first, doc.documentId) === JSON.stringify(doc.heads()), 8000, "upload");
    await ana.shutdown();
    await first.stop();

    const second = await startRelay({ dataDir, host: "127.0.0.1", port: 0, tokensFile: file });
    cleanups.push(() => second.stop());
    expect(second.membership.members(doc.documentId)).toEqual(["ana"]);
    const bob = client(second, "bob-token-0002", "bob-laptop");
    await expect(bob.find(doc.documentId, { signal: AbortSignal.timeout(4000) })).rejects.toThrow(/unavailable/i);
    const anaAgain = client(second, "ana-token-0001", "ana-laptop-2");
    expect((await anaAgain.find<Acct>(doc.documentId, { signal: AbortSignal.timeout(8000) })).doc().notes).toEqual(["kept"]);
  });

  it("lets a person in by a share link's invitation, once a member put its hash in the account", async () => {
    const dir = await tempDir();
    const r = await relay({ tokensFile: await tokensFile(dir, { ana: "ana-token-0001", eve: "eve-token-0005" }) });
    const ana = client(r, "ana-token-0001", "ana-laptop");
    const doc = ana.create<Acct & { teamInvites?: Record<string, { expires: string }> }>({ name: "Acme", notes: ["shared by link"] });
    await eventually(() => serverHeads(r, doc.documentId) === JSON.stringify(doc.heads()), 8000, "upload");
    const join = (token: string, invite: string) =>
      fetch(`${r.url.replace("ws", "http")}/join`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ documentId: doc.documentId, invite }) });

    const secret = "s3cret-invitation-0123456789";
    expect((await join("eve-token-0005", secret)).status).toBe(403); // no invitation yet
    doc.change((d) => {
      d.teamInvites = { [createHash("sha256").update(secret).digest("hex")]: { expires: new Date(Date.now() + 3_600_000).toISOString() } };
    });
    await eventually(() => serverHeads(r, doc.documentId) === JSON.stringify(doc.heads()), 8000, "the invitation to reach the server");
    expect((await join("eve-token-0005", "wrong-secret-0123456789")).status).toBe(403);
    expect((await join("nobody-token", secret)).status).toBe(401);
    expect((await join("eve-token-0005", secret)).status).toBe(200);
    expect(r.membership.members(doc.documentId)).toEqual(["ana", "eve"]);
    const eve = client(r, "eve-token-0005", "eve-laptop");
    expect((await eve.find<Acct>(doc.documentId, { signal: AbortSignal.timeout(8000) })).doc().notes).toEqual(["shared by link"]);
  });

  it("lets the --token administrator sync every document", async () => {
    const dir = await tempDir();
    const r = await relay({ tokensFile: await tokensFile(dir, { ana: "ana-token-0001" }), token: "admin-token-xyz" });
    const ana = client(r, "ana-token-0001", "ana-laptop");
    const doc = ana.create<Acct>({ name: "Acme", notes: ["a"] });
    await eventually(() => serverHeads(r, doc.documentId) === JSON.stringify(doc.heads()), 8000, "upload");
    const admin = client(r, "admin-token-xyz", "backup-job");
    expect((await admin.find<Acct>(doc.documentId, { signal: AbortSignal.timeout(8000) })).doc().notes).toEqual(["a"]);
    const who = await fetch(`${r.url.replace("ws", "http")}/whoami`, { headers: { Authorization: "Bearer ana-token-0001" } });
    expect(await who.json()).toMatchObject({ id: "ana", name: "ANA", admin: false });
  });

  it("revokes a token without a restart: open sockets close with a reason, new ones get 401", async () => {
    const dir = await tempDir();
    const log: string[] = [];
    const file = await tokensFile(dir, { ana: "ana-token-0001", bob: "bob-token-0002" });
    const r = await relay({ tokensFile: file, log });
    const bobSocket = await joinedSocket(`${r.url}/?token=bob-token-0002`, "bob-raw");
    cleanups.push(() => bobSocket.socket.terminate());
    const anaSocket = await joinedSocket(`${r.url}/?token=ana-token-0001`, "ana-raw");
    cleanups.push(() => anaSocket.socket.terminate());

    expect(await revokePerson(file, "bob")).toBe(true);
    expect(await bobSocket.closed).toEqual({ code: 1000, reason: REVOKED_REASON });
    expect(await upgrade(`${r.url}/?token=bob-token-0002`)).toBe(401);
    expect((await fetch(`${r.url.replace("ws", "http")}/whoami?token=bob-token-0002`)).status).toBe(401);
    expect(anaSocket.socket.readyState).toBe(WebSocket.OPEN);

    // A new token for Ana (rotation) ends the sessions opened with the old one.
    const fresh = await addPerson(file, "ana", "Ana");
    expect(await anaSocket.closed).toEqual({ code: 1000, reason: REVOKED_REASON });
    expect(await upgrade(`${r.url}/?token=ana-token-0001`)).toBe(401);
    expect(await upgrade(`${r.url}/?token=${fresh}`)).toBe(101);

    // A broken file keeps the last good list in force (no lock-out, no open door).
    await writeFile(file, "{ not json");
    await eventually(() => log.some((l) => /invalid, keeping the previous list/.test(l)), 5000, "the warning");
    expect(await upgrade(`${r.url}/?token=${fresh}`)).toBe(101);
    expect(await upgrade(`${r.url}/?token=bob-token-0002`)).toBe(401);
    // Stored hashes only: the file never holds a token a reader could use.
    await addPerson(file, "carl", "Carl").catch(() => undefined); // refuses to edit a broken file
    expect(await readFile(file, "utf8")).toBe("{ not json");
  });

  it("serves wss:// with a certificate; a stock client connects with the token", async () => {
    let cert: string;
    let key: string;
    const dir = await tempDir();
    try {
      execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
      cert = await readFile(join(dir, "cert.pem"), "utf8");
      key = await readFile(join(dir, "key.pem"), "utf8");
    } catch {
      console.warn("openssl not available: TLS test skipped");
      return;
    }
    const r = await relay({ tokensFile: await tokensFile(dir, { ana: "ana-token-0001" }), tls: { cert, key } });
    expect(r.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);

    // Without trusting the certificate a client cannot connect at all.
    const untrusted = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${r.url}/?token=ana-token-0001`);
      ws.on("error", (e) => resolve(e.message));
      ws.on("open", () => resolve("open"));
    });
    expect(untrusted).toMatch(/self.signed|certificate/i);
    // Trusting it, a wrong token is still refused, the right one joins.
    const wrong = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${r.url}/?token=nope`, { ca: cert });
      ws.on("unexpected-response", (_q, res) => resolve(res.statusCode ?? 0));
      ws.on("error", () => undefined);
    });
    expect(wrong).toBe(401);
    const raw = await rawSocket(`${r.url}/?token=ana-token-0001`, { ca: cert });
    cleanups.push(() => raw.socket.terminate());
    raw.sendCbor({ type: "join", senderId: "tls-raw", peerMetadata: {}, supportedProtocolVersions: ["1"] });
    expect(await raw.waitFor((m) => m["type"] === "peer")).toMatchObject({ type: "peer", selectedProtocolVersion: "1" });

    // The stock automerge-repo client over wss:// (in a child that trusts the certificate).
    const child = spawn(process.execPath, ["--import", "tsx", "-e", STOCK_WSS_CLIENT, `${r.url}/?token=ana-token-0001`], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, "cert.pem") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    cleanups.push(() => child.kill("SIGKILL"));
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
    const documentId = line.replace(/^created /, "");
    await eventually(() => r.repo.handles[documentId as DocumentId]?.isReady() === true, 10_000, `the wss upload (${stderr})`);
    expect(r.membership.members(documentId)).toEqual(["ana"]);
  });

  it("has a CLI that adds and revokes people and serves with --tokens", async () => {
    const dir = await tempDir();
    const file = join(dir, "tokens.json");
    const cli = (args: string[]) => execFileSync(process.execPath, ["--import", "tsx", "src/server/sync-server.ts", ...args], { cwd: PROJECT_ROOT, encoding: "utf8" });
    const out = cli(["add-person", "--tokens", file, "--id", "ana", "--name", "Ana Rep"]);
    const token = out.trim().split("\n").pop()!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await readFile(file, "utf8")).not.toContain(token);

    const server = spawn(process.execPath, ["--import", "tsx", "src/server/sync-server.ts", "--data", join(dir, "data"), "--port", "0", "--tokens", file], { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    cleanups.push(() => server.kill("SIGKILL"));
    const url = await new Promise<string>((resolve) =>
      createInterface({ input: server.stdout }).on("line", (l) => {
        const m = /listening on (wss?:\/\/\S+)/.exec(l);
        if (m?.[1]) resolve(m[1]);
      }),
    );
    expect(await upgrade(`${url}/?token=${token}`)).toBe(101);
    cli(["revoke-person", "--tokens", file, "--id", "ana"]);
    const deadline = Date.now() + 5000;
    let status = 101;
    while (Date.now() < deadline && status !== 401) {
      status = await upgrade(`${url}/?token=${token}`);
      if (status !== 401) await new Promise((res) => setTimeout(res, 100));
    }
    expect(status).toBe(401);
    const exited = new Promise((res) => server.once("exit", res));
    server.kill("SIGTERM");
    await exited;
  });
});

/** Runs in a child with NODE_EXTRA_CA_CERTS: a stock client creates a document over wss://. */
const STOCK_WSS_CLIENT = `
import { Repo } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
const repo = new Repo({ network: [new WebSocketClientAdapter(process.argv[1], 200)], peerId: "wss-client" });
const h = repo.create({ name: "Over TLS", notes: [] });
console.log("created " + h.documentId);
setTimeout(() => process.exit(0), 15000);
`;

describe("a relay's save metrics", () => {
  it("count an upload saved once it is stored: the oldest unsaved change goes back to 0", async () => {
    const dir = await tempDir();
    const r = await relay({ tokensFile: await tokensFile(dir, { ana: "ana-token-0001" }) });
    const ana = client(r, "ana-token-0001", "ana-laptop");
    const nothingUnsaved = async (what: string) => {
      const deadline = Date.now() + 5000;
      while ((await metricOf(r, "baton_relay_oldest_unsaved_seconds")) !== 0) {
        if (Date.now() > deadline) throw new Error(`${what}: the relay still reports a change unsaved after it was stored`);
        await new Promise((res) => setTimeout(res, 50));
      }
    };
    // A new account: the relay's first save of it is a whole snapshot, not an increment.
    const doc = ana.create<Acct>({ name: "Uploaded", notes: [] });
    await eventually(() => serverHeads(r, doc.documentId) === JSON.stringify(doc.heads()), 8000, "the upload to reach the relay");
    await r.repo.flush();
    await nothingUnsaved("the upload");
    expect(await metricOf(r, "baton_relay_save_lag_seconds_count")).toBeGreaterThanOrEqual(1);
    // An edit after it is an increment: counted too, and nothing left unsaved.
    doc.change((d) => d.notes.push("after the upload"));
    await eventually(() => serverHeads(r, doc.documentId) === JSON.stringify(doc.heads()), 8000, "the edit to reach the relay");
    await r.repo.flush();
    await nothingUnsaved("the edit");
    expect(await metricOf(r, "baton_relay_save_lag_seconds_count")).toBeGreaterThanOrEqual(2);
  });
});

describe("a relay's memory, on files", () => {
  it("goes back within its bound a moment after a burst of uploads, not at its next regular sweep", async () => {
    const dir = await tempDir();
    const r = await relay({ tokensFile: await tokensFile(dir, { ana: "ana-token-0001" }), maxOpenAccounts: 1 });
    const ana = client(r, "ana-token-0001", "ana-laptop");
    const docs = [0, 1, 2, 3].map((i) => ana.create<Acct>({ name: `Account ${String(i)}`, notes: [] }));
    const unloaded = () => metricOf(r, "baton_relay_unloaded_accounts_total");
    // The regular sweep runs every 10 s here (10-minute idle limit): this is the bound's own sweep.
    const deadline = Date.now() + 5000;
    while (!(Object.keys(r.repo.handles).length <= 1 && (await unloaded()) >= 3)) {
      if (Date.now() > deadline) throw new Error(`the relay is not back within its bound: ${Object.keys(r.repo.handles).length} open`);
      await new Promise((res) => setTimeout(res, 50));
    }
    // Nothing was lost by unloading during the uploads: a second laptop gets every account.
    const other = client(r, "ana-token-0001", "ana-second-laptop");
    for (const [i, d] of docs.entries()) expect((await other.find<Acct>(d.documentId, { signal: AbortSignal.timeout(8000) })).doc().name).toBe(`Account ${String(i)}`);
  });

  it("keeps on disk every account it unloads: a new laptop gets each whole with no other laptop online", async () => {
    const dir = await tempDir();
    // Unloaded by the sweep below only: an upload unloaded before the check saw it would leave nothing to see.
    const r = await relay({ tokensFile: await tokensFile(dir, { ana: "ana-token-0001" }), maxOpenAccounts: 1, overBoundSweepMs: 60_000 });
    const ana = client(r, "ana-token-0001", "ana-laptop");
    const docs = [0, 1, 2].map((i) => ana.create<Acct>({ name: `Account ${String(i)}`, notes: [] }));
    for (const d of docs) {
      for (let k = 0; k < 12; k++) d.change((x) => x.notes.push(`note ${String(k)} ${"x".repeat(60)}`));
      await eventually(() => serverHeads(r, d.documentId) === JSON.stringify(d.heads()), 8000, "upload");
    }
    await r.sweepIdle();
    expect(Object.keys(r.repo.handles)).toHaveLength(1);
    // A save the relay's Repo still had queued runs within its 100 ms throttle.
    await new Promise((res) => setTimeout(res, 300));
    await offline(ana);
    const fresh = client(r, "ana-token-0001", "ana-new-laptop");
    for (const [i, d] of docs.entries()) {
      const got = await fresh.find<Acct>(d.documentId, { signal: AbortSignal.timeout(8000) });
      expect(got.doc().name).toBe(`Account ${String(i)}`);
      expect(got.doc().notes).toHaveLength(12);
    }
  });
});
