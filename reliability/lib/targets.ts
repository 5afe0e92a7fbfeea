/**
 * The three kinds of Baton WebSocket endpoint, started for real on 127.0.0.1, each with a
 * well-behaved client that keeps editing through it — the fixture the bad-peer fuzz runs
 * against (in a child process for `reliability/fuzz.ts`, in-process for the unit test):
 *
 * - the renderer endpoint of a SyncNode (attacker: holds the per-launch token);
 * - the meeting listener of that node, hosting "Acme" (attacker: holds the meeting code);
 * - the team sync server with per-person tokens (attacker: a member of "Acme").
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import { Repo, type DocHandle, type DocumentId, type PeerId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import { addCommitment } from "../../shared/commands/commitments";
import { changeMessage } from "../../shared/attribution";
import { createAccount } from "../../shared/commands/account";
import { type AccountDoc } from "../../shared/account/schema";
import { parseMeetingCode } from "../../shared/meeting-code";
import { SyncNode } from "../../src/node/sync-node";
import { hashToken } from "../../src/server/relay/people";
import { startRelay, type Relay } from "../../src/server/relay/relay";
import type { FuzzTarget } from "./fuzz";

export interface GoodClient {
  endpoint: string;
  repo: Repo;
  handle: DocHandle<AccountDoc>;
  /** The server-side copy of the same document. */
  serverSide: () => DocHandle<AccountDoc> | undefined;
}

export interface Fixture {
  targets: FuzzTarget[];
  good: GoodClient[];
  /** Heads of every document on the node and the server (to see that nothing changed). */
  heads(): Record<string, string>;
  /** Actors present in every document, by document. */
  actors(): Record<string, string[]>;
  /** Every change in every document: hash → actor, by document. */
  changes(): Record<string, Record<string, string>>;
  /** One edit by every good client; resolves with the slowest round trip in ms, or throws. */
  probe(timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

const person = (name: string) => ({ id: `p-${name}`, name });

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function sameHeads(a: DocHandle<unknown> | undefined, b: DocHandle<unknown> | undefined): boolean {
  if (!a?.isReady() || !b?.isReady()) return false;
  const x = a.heads();
  const y = b.heads();
  return x.length === y.length && x.every((h) => y.includes(h));
}

export async function startFixture(): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), "baton-fuzz-"));
  const node = await SyncNode.start({ dataDir: join(dir, "node"), meetingBind: "127.0.0.1" });
  await node.handlers.saveProfile({ name: "Ana", role: "rep", phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
  const { documentId: acme } = await node.handlers.createAccount({ name: "Acme" });
  const { documentId: secret } = await node.handlers.createAccount({ name: "Secret deal" });
  const meeting = await node.handlers.hostMeeting({ documentId: acme });
  const code = parseMeetingCode(meeting.code);
  if (!code) throw new Error("no meeting code");

  const tokens = { ana: `ana-${randomUUID()}`, dana: `dana-${randomUUID()}`, bob: `bob-${randomUUID()}` };
  const tokensFile = join(dir, "tokens.json");
  await writeFile(tokensFile, JSON.stringify({ people: Object.entries(tokens).map(([id, t]) => ({ id, name: id, token: hashToken(t) })) }));
  const relay: Relay = await startRelay({ dataDir: join(dir, "server"), host: "127.0.0.1", port: 0, tokensFile });

  const repos: Repo[] = [];
  const client = (url: string, peerId: string) => {
    const repo = new Repo({ network: [new WebSocketClientAdapter(url, 200)], peerId: peerId as PeerId });
    repos.push(repo);
    return repo;
  };
  const nodeWs = `ws://127.0.0.1:${node.port}`;
  const meetingWs = `ws://${code.host}:${code.port}`;

  // The server's accounts: Ana uploads Acme and lists Dana; Bob uploads his own.
  const ana = client(`${relay.url}/?token=${tokens.ana}`, "ana-laptop");
  const serverAcme = ana.create<AccountDoc>();
  serverAcme.change((d) => {
    createAccount(d, { name: "Acme (server)", by: { ...person("ana"), role: "rep" }, at: new Date().toISOString() });
    (d as unknown as { teamMembers: Record<string, boolean> }).teamMembers = { dana: true };
  });
  const bob = client(`${relay.url}/?token=${tokens.bob}`, "bob-laptop");
  const bobsDoc = bob.create<AccountDoc>();
  bobsDoc.change((d) => createAccount(d, { name: "Bob's deal", by: { ...person("bob"), role: "rep" }, at: new Date().toISOString() }));
  await until(() => sameHeads(relay.repo.handles[serverAcme.documentId], serverAcme) && sameHeads(relay.repo.handles[bobsDoc.documentId], bobsDoc), 10_000, "uploads to the server");
  await until(() => relay.membership.isMember(serverAcme.documentId, "dana"), 10_000, "Dana listed");

  const good: GoodClient[] = [];
  const window = client(`${nodeWs}/?token=${node.token}`, "good-window");
  good.push({ endpoint: "renderer", repo: window, handle: await window.find<AccountDoc>(acme as DocumentId), serverSide: () => node.repo.handles[acme as DocumentId] as DocHandle<AccountDoc> | undefined });
  const guest = client(`${meetingWs}/?token=${code.secret}&name=Dana`, "good-guest");
  good.push({ endpoint: "meeting", repo: guest, handle: await guest.find<AccountDoc>(acme as DocumentId), serverSide: () => node.repo.handles[acme as DocumentId] as DocHandle<AccountDoc> | undefined });
  const dana = client(`${relay.url}/?token=${tokens.dana}`, "good-dana");
  good.push({ endpoint: "team-server", repo: dana, handle: await dana.find<AccountDoc>(serverAcme.documentId), serverSide: () => relay.repo.handles[serverAcme.documentId] as DocHandle<AccountDoc> | undefined });

  const bytesOf = (h: DocHandle<AccountDoc>) => A.save(h.doc());
  const targets: FuzzTarget[] = [
    { name: "renderer", url: nodeWs, token: node.token, documentId: acme, documentBytes: bytesOf(good[0]!.handle), otherDocumentIds: [], goodPeerId: "good-window" },
    { name: "meeting", url: meetingWs, token: code.secret, documentId: acme, documentBytes: bytesOf(good[1]!.handle), otherDocumentIds: [secret], goodPeerId: "good-guest" },
    { name: "team-server", url: relay.url, token: tokens.ana, documentId: serverAcme.documentId, documentBytes: bytesOf(serverAcme), otherDocumentIds: [bobsDoc.documentId], goodPeerId: "good-dana" },
  ];

  const serverDocs = (): Array<[string, DocHandle<unknown> | undefined]> => [
    [`node:${acme}`, node.repo.handles[acme as DocumentId]],
    [`node:${secret}`, node.repo.handles[secret as DocumentId]],
    [`server:${serverAcme.documentId}`, relay.repo.handles[serverAcme.documentId]],
    [`server:${bobsDoc.documentId}`, relay.repo.handles[bobsDoc.documentId]],
  ];
  let probes = 0;
  return {
    targets,
    good,
    heads: () => Object.fromEntries(serverDocs().map(([k, h]) => [k, h?.isReady() ? JSON.stringify([...h.heads()].sort()) : "(not loaded)"])),
    actors: () =>
      Object.fromEntries(
        serverDocs().map(([k, h]) => [k, h?.isReady() ? [...new Set(A.getAllChanges(h.doc() as A.Doc<unknown>).map((c) => A.decodeChange(c).actor))].sort() : []]),
      ),
    changes: () =>
      Object.fromEntries(
        serverDocs().map(([k, h]) => [
          k,
          h?.isReady() ? Object.fromEntries(A.getAllChanges(h.doc() as A.Doc<unknown>).map((c) => { const d = A.decodeChange(c); return [d.hash, d.actor]; })) : {},
        ]),
      ),
    async probe(timeoutMs = 10_000) {
      probes += 1;
      const started = Date.now();
      await Promise.all(
        good.map(async (g) => {
          const by = person(g.endpoint);
          g.handle.change((d) => addCommitment(d, { id: randomUUID(), text: `probe ${probes} via ${g.endpoint}`, by, at: new Date().toISOString() }), { message: changeMessage(by, "probe") });
          await until(() => sameHeads(g.serverSide(), g.handle), timeoutMs, `probe ${probes} through ${g.endpoint}`);
        }),
      );
      return Date.now() - started;
    },
    async stop() {
      for (const r of repos) await r.shutdown().catch(() => undefined);
      await relay.stop();
      await node.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
