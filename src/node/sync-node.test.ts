import { afterEach, describe, expect, it } from "vitest";
import { chmod } from "node:fs/promises";
import * as A from "@automerge/automerge";
import { Repo, type DocumentId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import type { AccountDoc, HostedMeeting, JoinedMeeting, NodeEvent, NodeStatus } from "../../shared";
import { addCommitment, changeMessage, commitmentsOf } from "../../shared";
import { parseMeetingCode } from "../../shared/meeting-code";
import { DataFolderError, SyncNode } from "./sync-node";
import { addCommitmentOn, api, eventually, removeDir, startTestNode, tempDir, texts, upgradeStatus } from "./test-helpers";

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

describe("the renderer endpoint", () => {
  it("refuses the WebSocket and the API without the per-launch token", async () => {
    const n = await node();
    const { wsUrl, httpUrl, token } = n.endpoint();
    const bare = wsUrl.replace(/\?token=.*/, "");
    expect(await upgradeStatus(bare)).toBe(401);
    expect(await upgradeStatus(`${bare}?token=wrong`)).toBe(401);
    expect(await upgradeStatus(bare, { Authorization: "Bearer wrong" })).toBe(401);
    expect(await upgradeStatus(bare, { Authorization: `Bearer ${token}` })).toBe(101);
    expect(await upgradeStatus(wsUrl)).toBe(101);
    expect(await upgradeStatus(wsUrl, { Origin: "https://evil.example" })).toBe(401);
    expect((await fetch(`${httpUrl}/api/status`)).status).toBe(401);
    expect((await fetch(`${httpUrl}/api/status`, { headers: { Authorization: "Bearer nope" } })).status).toBe(401);
  });

  it("creates accounts only with a valid name and lists them from summaries", async () => {
    const n = await node();
    const e = n.endpoint();
    expect((await api(e, "POST", "/api/accounts", { name: "Acme" })).status).toBe(409); // no profile yet
    await withProfile(n, "Ana");
    const empty = await api<{ fields: Record<string, string> }>(e, "POST", "/api/accounts", { name: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.fields.name).toMatch(/cannot be empty/);
    const long = await api<{ fields: Record<string, string> }>(e, "POST", "/api/accounts", { name: "x".repeat(10_000) });
    expect(long.status).toBe(400);
    expect(long.body.fields.name).toMatch(/at most 120.*10000/);
    const made = await api<{ documentId: string }>(e, "POST", "/api/accounts", { name: "  Acme Corp " });
    expect(made.status).toBe(200);
    const list = await api<Array<{ name: string; ownerName: string }>>(e, "GET", "/api/accounts");
    expect(list.body).toEqual([expect.objectContaining({ documentId: made.body.documentId, name: "Acme Corp", ownerName: "Ana", stage: "follow-up" })]);
  });

  it("keeps the account list current as the window edits an account", async () => {
    const n = await node();
    await withProfile(n, "Ana");
    const { body } = await api<{ documentId: string }>(n.endpoint(), "POST", "/api/accounts", { name: "Initech" });
    // The window's repo: storage-less, over the token-protected WebSocket, as the renderer does it.
    const window = new Repo({ network: [new WebSocketClientAdapter(n.endpoint().wsUrl)] });
    cleanups.push(() => window.shutdown());
    const handle = await window.find<AccountDoc>(body.documentId as DocumentId, { signal: AbortSignal.timeout(8000) });
    const by = { id: "p1", name: "Ana" };
    handle.change((d) => addCommitment(d, { id: "c1", text: "Pilot in May", dueDate: "2026-05-04", by, at: new Date().toISOString() }), { message: changeMessage(by, "Added a commitment") });
    const summary = await eventually(() => n.handlers.accounts().find((a) => a.commitments === 1), 10_000, "summary refresh");
    expect(summary.nextDue).toEqual({ what: "Pilot in May", kind: "commitment", when: "2026-05-04" });
  });

  it("sends a window only the accounts it opens, however many the node has loaded", async () => {
    const n = await node();
    await withProfile(n, "Ana");
    // Accounts the node holds in memory (as it does with a team server linked: all of them, to sync them).
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await n.handlers.createAccount({ name: `Account ${i}` })).documentId);
    expect(Object.keys(n.repo.handles)).toHaveLength(20);
    const window = new Repo({ network: [new WebSocketClientAdapter(n.endpoint().wsUrl)], sharePolicy: async () => true });
    cleanups.push(() => window.shutdown());
    await eventually(() => window.peers.length === 1, 8000, "the window linked to its node");
    await new Promise((r) => setTimeout(r, 1000));
    // The window's thread loads and merges nothing it did not ask for.
    expect(Object.keys(window.handles)).toEqual([]);
    // What it opens it gets, and keeps getting: the node's later edits reach it.
    const handle = await window.find<AccountDoc>(ids[7] as DocumentId, { signal: AbortSignal.timeout(8000) });
    expect(handle.doc().name).toBeDefined();
    await addCommitmentOn(n, ids[7]!, "Kick-off on Monday");
    await eventually(() => commitmentsOf(handle.doc()).some((c) => c.text === "Kick-off on Monday"), 8000, "the node's edit in the window");
    expect(Object.keys(window.handles)).toEqual([ids[7]]);
  });

  it("reports a damaged account by name at start and still opens the others", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    const first = await startTestNode(dir);
    await withProfile(first, "Ana");
    const { body: hurt } = await api<{ documentId: string }>(first.endpoint(), "POST", "/api/accounts", { name: "Hurt Ltd" });
    const { body: fine } = await api<{ documentId: string }>(first.endpoint(), "POST", "/api/accounts", { name: "Fine Inc" });
    await addCommitmentOn(first, fine.documentId, "still here");
    await first.stop();
    const { readdir, writeFile } = await import("node:fs/promises");
    const files = (await readdir(`${dir}/accounts/chunks`, { recursive: true })) as string[];
    const encoded = hurt.documentId.replace(/[A-Z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
    const victim = files.find((f) => f.includes(encoded) && f.endsWith(".chunk") && !f.includes("sync-state"));
    expect(victim).toBeDefined();
    await writeFile(`${dir}/accounts/chunks/${victim}`, "garbage, not a chunk");
    const second = await node(dir);
    const damaged = await eventually(() => second.handlers.status().damaged[0], 10_000, "damage reported");
    expect(damaged).toMatchObject({ documentId: hurt.documentId, name: "Hurt Ltd" });
    expect(await texts(second, fine.documentId)).toEqual(["still here"]);
  });

  it("keeps every account and edit across a restart", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    const first = await startTestNode(dir);
    await withProfile(first, "Ana");
    const { body } = await api<{ documentId: string }>(first.endpoint(), "POST", "/api/accounts", { name: "Globex" });
    await addCommitmentOn(first, body.documentId, "Training for 12 people");
    await first.stop();
    const second = await node(dir);
    expect(second.handlers.accounts().map((a) => a.name)).toEqual(["Globex"]);
    expect(await texts(second, body.documentId)).toEqual(["Training for 12 people"]);
    expect(second.handlers.status().profile?.name).toBe("Ana");
  });

  it("reports a data folder it cannot write to by name", async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions; a path under a regular file can never be created
      const dir = await tempDir();
      cleanups.push(() => removeDir(dir));
      await expect(SyncNode.start({ dataDir: `${dir}/.baton-write-check/sub` , meetingBind: "127.0.0.1" }).then(async (n) => { await SyncNode.prototype.stop.call(n); })).resolves.toBeUndefined();
      const file = `${dir}/file`;
      await (await import("node:fs/promises")).writeFile(file, "x");
      await expect(SyncNode.start({ dataDir: `${file}/data`, meetingBind: "127.0.0.1" })).rejects.toThrow(DataFolderError);
      await expect(SyncNode.start({ dataDir: `${file}/data`, meetingBind: "127.0.0.1" })).rejects.toThrow(/cannot write to its data folder .*file\/data/);
      return;
    }
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    await chmod(dir, 0o500);
    await expect(SyncNode.start({ dataDir: `${dir}/data`, meetingBind: "127.0.0.1" })).rejects.toThrow(/cannot write to its data folder/);
  });
});

describe("a meeting between two laptops", () => {
  it("shares the meeting's account live, both ways, and nothing else", async () => {
    const rep = await node();
    const lead = await node();
    await withProfile(rep, "Ana", "rep");
    await withProfile(lead, "Dana", "delivery-lead");
    const { body: acme } = await api<{ documentId: string }>(rep.endpoint(), "POST", "/api/accounts", { name: "Acme" });
    const { body: secret } = await api<{ documentId: string }>(rep.endpoint(), "POST", "/api/accounts", { name: "Secret deal" });
    await addCommitmentOn(rep, acme.documentId, "from rep");

    const hosted = await api<HostedMeeting>(rep.endpoint(), "POST", "/api/meeting/host", { documentId: acme.documentId });
    expect(hosted.status).toBe(200);
    expect(parseMeetingCode(hosted.body.code)?.host).toBe("127.0.0.1");
    const joined = await api<JoinedMeeting>(lead.endpoint(), "POST", "/api/meeting/join", { code: hosted.body.code });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ documentId: acme.documentId, accountName: "Acme", host: "Ana" });
    expect(lead.handlers.accounts().map((a) => a.name)).toEqual(["Acme"]);
    expect(await texts(lead, acme.documentId)).toEqual(["from rep"]);

    await addCommitmentOn(lead, acme.documentId, "from lead");
    await addCommitmentOn(rep, acme.documentId, "from rep again");
    const both = ["from lead", "from rep", "from rep again"];
    await eventually(async () => JSON.stringify(await texts(rep, acme.documentId)) === JSON.stringify(both), 10_000, "rep converges");
    await eventually(async () => JSON.stringify(await texts(lead, acme.documentId)) === JSON.stringify(both), 10_000, "lead converges");

    const status = await eventually(async () => {
      const s = (await api<NodeStatus>(lead.endpoint(), "GET", "/api/status")).body;
      return s.links[0]?.synced ? s : undefined;
    }, 10_000, "lead synced");
    expect(status.links[0]).toMatchObject({ kind: "meeting-host", label: "Ana", state: "connected" });
    const hostStatus = (await api<NodeStatus>(rep.endpoint(), "GET", "/api/status")).body;
    expect(hostStatus.hosting?.guests).toEqual(["Dana"]);

    // The lead's node never gets the host's other account, even asking by id.
    await expect(lead.repo.find(secret.documentId as DocumentId, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
    expect(lead.handlers.accounts().map((a) => a.name)).toEqual(["Acme"]);
  });

  it("refuses a stock automerge-repo client with the meeting code any other account", async () => {
    const rep = await node();
    await withProfile(rep, "Ana");
    const { body: acme } = await api<{ documentId: string }>(rep.endpoint(), "POST", "/api/accounts", { name: "Acme" });
    const { body: other } = await api<{ documentId: string }>(rep.endpoint(), "POST", "/api/accounts", { name: "Other" });
    const hosted = (await api<HostedMeeting>(rep.endpoint(), "POST", "/api/meeting/host", { documentId: acme.documentId })).body;
    const code = parseMeetingCode(hosted.code)!;
    const stock = new Repo({ network: [new WebSocketClientAdapter(`ws://${code.host}:${code.port}/?token=${code.secret}`)] });
    cleanups.push(() => stock.shutdown());
    const allowed = await stock.find<AccountDoc>(acme.documentId as DocumentId, { signal: AbortSignal.timeout(8000) });
    expect(allowed.doc().name.toString()).toBe("Acme");
    await expect(stock.find(other.documentId as DocumentId, { signal: AbortSignal.timeout(4000) })).rejects.toThrow(/unavailable|abort/i);
  });

  it("refuses the meeting listener's WebSocket without the meeting's secret", async () => {
    const rep = await node();
    await withProfile(rep, "Ana");
    const { body: acme } = await api<{ documentId: string }>(rep.endpoint(), "POST", "/api/accounts", { name: "Acme" });
    const hosted = (await api<HostedMeeting>(rep.endpoint(), "POST", "/api/meeting/host", { documentId: acme.documentId })).body;
    const c = parseMeetingCode(hosted.code)!;
    const url = `ws://${c.host}:${c.port}/`;
    expect(await upgradeStatus(url)).toBe(401);
    expect(await upgradeStatus(`${url}?token=${rep.token}`)).toBe(401); // the renderer's token is not the meeting's
    expect(await upgradeStatus(url, { Authorization: "Bearer wrong" })).toBe(401);
    expect(await upgradeStatus(`${url}?token=${c.secret}`)).toBe(101);
    await api(rep.endpoint(), "DELETE", "/api/meeting/host");
    expect(await upgradeStatus(`${url}?token=${c.secret}`)).not.toBe(101); // the code dies with the meeting
  });

  it("explains a mistyped, stale or unreachable join code", async () => {
    const rep = await node();
    const lead = await node();
    await withProfile(rep, "Ana");
    await withProfile(lead, "Dana", "delivery-lead");
    const { body: acme } = await api<{ documentId: string }>(rep.endpoint(), "POST", "/api/accounts", { name: "Acme" });
    const bad = await api<{ error: string }>(lead.endpoint(), "POST", "/api/meeting/join", { code: "hello" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/not a join code/);
    const hosted = (await api<HostedMeeting>(rep.endpoint(), "POST", "/api/meeting/host", { documentId: acme.documentId })).body;
    await api(rep.endpoint(), "DELETE", "/api/meeting/host");
    const stale = await api<{ error: string }>(lead.endpoint(), "POST", "/api/meeting/join", { code: hosted.code });
    expect(stale.status).toBe(400);
    expect(stale.body.error).toMatch(/No meeting is running/);
    const again = (await api<HostedMeeting>(rep.endpoint(), "POST", "/api/meeting/host", { documentId: acme.documentId })).body;
    const p = parseMeetingCode(again.code)!;
    const wrongSecret = `${p.host}:${p.port}-${"A".repeat(20)}`;
    const refused = await api<{ error: string }>(lead.endpoint(), "POST", "/api/meeting/join", { code: wrongSecret });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/not valid/);
    expect(lead.handlers.accounts()).toEqual([]);
  });
});

describe("an account a peer damaged", () => {
  it("keeps the node running, leaves the damaged items out of the summary, and starts clean again", async () => {
    const d = await tempDir();
    cleanups.push(() => removeDir(d));
    const lines: string[] = [];
    let host = await startTestNode(d, { log: (l) => lines.push(l) });
    await withProfile(host, "Ana");
    const { body } = await api<{ documentId: string }>(host.endpoint(), "POST", "/api/accounts", { name: "Acme" });
    await addCommitmentOn(host, body.documentId, "Train two admins");
    const meeting = (await api<HostedMeeting>(host.endpoint(), "POST", "/api/meeting/host", { documentId: body.documentId })).body;
    const code = parseMeetingCode(meeting.code)!;

    // A stock automerge-repo client with the meeting code writes what makes no sense.
    const guest = new Repo({ network: [new WebSocketClientAdapter(`ws://${code.host}:${code.port}/?token=${code.secret}&name=Mallory`)] });
    cleanups.push(() => guest.shutdown());
    const theirs = await guest.find<Record<string, Record<string, unknown>>>(body.documentId as DocumentId, { signal: AbortSignal.timeout(10_000) });
    theirs.change((doc) => {
      doc.commitments!.x = null;
      doc.followUps!.f = { id: "f", agreedTime: 12 };
      doc.risks = "none" as never;
    });
    const summary = await eventually(() => host.handlers.accounts().find((a) => a.damaged === 3), 10_000, "the damage in the summary");
    expect(summary).toMatchObject({ name: "Acme", commitments: 1, openCalls: 0, openRisks: 0 });

    await host.stop();
    cleanups.push(() => host.stop());
    host = await startTestNode(d, { log: (l) => lines.push(l) });
    const handle = await host.repo.find<AccountDoc>(body.documentId as DocumentId);
    expect(handle.isReady()).toBe(true);
    expect(host.handlers.accounts()[0]).toMatchObject({ damaged: 3, commitments: 1 });
    expect(lines.filter((l) => /could not/.test(l))).toEqual([]);
  });
});

describe("the windows' own channel (server-sent events)", () => {
  /** Read the node's event stream as a window does, into `events`. */
  async function listen(n: SyncNode, events: NodeEvent[]): Promise<() => void> {
    const { httpUrl, token } = n.endpoint();
    const abort = new AbortController();
    const res = await fetch(`${httpUrl}/api/events`, { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            for (const line of block.split("\n")) if (line.startsWith("data: ")) events.push(JSON.parse(line.slice(6)) as NodeEvent);
          }
        }
      } catch {
        // Aborted at the end of the test.
      }
    })();
    return () => abort.abort();
  }

  it("sends the account list once, then only the summaries that changed, and the heads written to disk", async () => {
    const n = await node();
    await withProfile(n, "Ana");
    const a = (await api<{ documentId: string }>(n.endpoint(), "POST", "/api/accounts", { name: "Acme" })).body.documentId;
    const b = (await api<{ documentId: string }>(n.endpoint(), "POST", "/api/accounts", { name: "Globex" })).body.documentId;
    const events: NodeEvent[] = [];
    cleanups.push(async () => (await stop)());
    const stop = listen(n, events);
    await eventually(() => events.some((e) => e.type === "accounts"), 5000, "the whole list first");
    expect(events.find((e) => e.type === "accounts")).toMatchObject({ accounts: [{ name: "Acme" }, { name: "Globex" }] });
    // A window that connects now learns at once what is on disk, for each account written so far.
    await eventually(() => events.some((e) => e.type === "saved" && e.documentId === b), 5000, "the heads on disk at connection");
    const start = events.length;

    await addCommitmentOn(n, a, "Train two admins");
    // The accounts' own creation may still be on its way in a first batch; the edit comes in one of its own.
    const changed = await eventually(
      () => events.slice(start).find((e) => e.type === "accounts-changed" && e.changed.some((x) => x.documentId === a && x.commitments === 1)),
      5000,
      "the changed summary",
    );
    expect(changed).toEqual({ type: "accounts-changed", changed: [expect.objectContaining({ documentId: a, commitments: 1 })] });
    expect(events.filter((e) => e.type === "accounts")).toHaveLength(1);

    const handle = n.repo.handles[a as DocumentId]!;
    const saved = await eventually(() => events.find((e) => e.type === "saved" && e.documentId === a && e.heads.join() === handle.heads().join()), 5000, "the heads on disk");
    expect(saved).toBeTruthy();
    expect(events.slice(start).some((e) => e.type === "saved" && e.documentId === b)).toBe(false);
  });

  it("hands a window an account as one saved document, and what the window edits from it syncs as before", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    const first = await startTestNode(dir);
    await withProfile(first, "Ana");
    const a = (await api<{ documentId: string }>(first.endpoint(), "POST", "/api/accounts", { name: "Acme" })).body.documentId;
    await addCommitmentOn(first, a, "Train two admins");
    await addCommitmentOn(first, a, "Spare parts kit");
    const stored = A.getHeads(first.repo.handles[a as DocumentId]!.doc());
    await first.stop();

    const node = await startTestNode(dir);
    cleanups.push(() => node.stop());
    const saved = (id: string, token = node.endpoint().token) => fetch(`${node.endpoint().httpUrl}/api/saved-document?id=${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await saved(a, "wrong")).status).toBe(401);
    expect((await saved("not-an-id")).status).toBe(400);
    expect((await saved("4NMNnkMhL8jXrdJ9jamS58PAVdXu")).status).toBe(404);

    // Cold: read from storage, without the node loading the account.
    expect(node.repo.handles[a as DocumentId]).toBeUndefined();
    const cold = await saved(a);
    expect(cold.status).toBe(200);
    const bytes = new Uint8Array(await cold.arrayBuffer());
    expect(node.repo.handles[a as DocumentId]).toBeUndefined();
    expect(A.getHeads(A.load(bytes))).toEqual(stored);

    // A window's storage-less repo starts from it, edits, and the node ends with the same heads.
    const window = new Repo({ network: [new WebSocketClientAdapter(node.endpoint().wsUrl)], sharePolicy: async () => true });
    cleanups.push(() => window.shutdown());
    const handle = window.import<AccountDoc>(bytes, { docId: a as DocumentId });
    handle.doneLoading();
    expect(commitmentsOf(handle.doc()).map((c) => c.text).sort()).toEqual(["Spare parts kit", "Train two admins"]);
    handle.change((d) => addCommitment(d, { id: "c-window", text: "Weekly status call", by: { id: "p1", name: "Ana" }, at: "2026-12-06T10:00:00.000Z" }), {
      message: changeMessage({ id: "p1", name: "Ana" }, "Added a commitment"),
    });
    await eventually(() => node.repo.handles[a as DocumentId]?.isReady() && node.repo.handles[a as DocumentId]!.heads().join() === handle.heads().join(), 10_000, "the node has the window's edit");
    expect((await texts(node, a)).sort()).toEqual(["Spare parts kit", "Train two admins", "Weekly status call"]);

    // Warm: the node's own copy, current, as one compact document.
    const warm = new Uint8Array(await (await saved(a)).arrayBuffer());
    expect(A.getHeads(A.load(warm))).toEqual(A.getHeads(handle.doc()));
  });

  it("says which heads are on disk as soon as it loads an account nobody has edited since", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    const first = await startTestNode(dir);
    await withProfile(first, "Ana");
    const a = (await api<{ documentId: string }>(first.endpoint(), "POST", "/api/accounts", { name: "Acme" })).body.documentId;
    await addCommitmentOn(first, a, "Train two admins");
    const heads = first.repo.handles[a as DocumentId]!.heads();
    await first.stop();

    const again = await startTestNode(dir);
    cleanups.push(() => again.stop());
    const events: NodeEvent[] = [];
    const stop = await listen(again, events);
    cleanups.push(async () => stop());
    await eventually(() => events.some((e) => e.type === "accounts"), 5000, "connected");
    expect(events.some((e) => e.type === "saved" && e.documentId === a)).toBe(false);
    // A window opens the account: the node loads it from disk and says it is saved, with no edit.
    await again.repo.find(a as DocumentId);
    const saved = await eventually(() => events.find((e) => e.type === "saved" && e.documentId === a), 5000, "saved on load");
    expect(saved).toEqual({ type: "saved", documentId: a, heads });
  });
});
