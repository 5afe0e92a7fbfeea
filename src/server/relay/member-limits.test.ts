/**
 * What one member can make the team server hold. Documents asked for: automerge-repo keeps
 * a record of every document id a peer asks for, for the life of the process, so a member
 * asking for ids the server never heard of could grow it without end; the server answers
 * those itself, before its Repo, and closes a socket that keeps asking, while documents it
 * holds — on disk from before a restart too — are served as before. Sockets: one person
 * held 3,000; now a person has a fixed number. Real relay, real sockets, stock clients,
 * files in a temp folder.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl, type DocumentId } from "@automerge/automerge-repo";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { ConnectionLimits } from "../../node/network/connection-gate";
import { eventually, joinedSocket, stockClient } from "../../node/network/test-support";
import { hashToken } from "./people";
import { startRelay, type Relay } from "./relay";

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length) await Promise.resolve(cleanups.pop()!()).catch(() => undefined);
});

const TOKENS = { ana: "ana-token-0001", dana: "dana-token-003" };

async function setUp(): Promise<{ dir: string; tokensFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), "baton-asked-for-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const tokensFile = join(dir, "tokens.json");
  await writeFile(tokensFile, JSON.stringify({ people: Object.entries(TOKENS).map(([id, token]) => ({ id, name: id, token: hashToken(token) })) }));
  return { dir, tokensFile };
}

async function relayOn(dataDir: string, tokensFile: string, limits: Partial<ConnectionLimits> = {}): Promise<Relay> {
  const r = await startRelay({ dataDir, host: "127.0.0.1", port: 0, tokensFile, tokensPollMs: 50, limits });
  cleanups.push(() => r.stop());
  return r;
}

const unknownId = () => parseAutomergeUrl(generateAutomergeUrl()).documentId;
const request = () => A.generateSyncMessage(A.init(), A.initSyncState())[1]!;

describe("documents a member asks for", () => {
  it("answers ids it never heard of at once, and closes a socket that keeps asking", async () => {
    const { dir, tokensFile } = await setUp();
    const r = await relayOn(join(dir, "data"), tokensFile);
    const peer = await joinedSocket(`${r.url}/?token=${TOKENS.ana}`, "mallory");
    cleanups.push(() => peer.socket.terminate());
    const serverId = peer.received.find((m) => m["type"] === "peer")?.["senderId"];
    const asked: DocumentId[] = [];
    for (let i = 0; i < 1001; i++) {
      const documentId = unknownId();
      asked.push(documentId);
      peer.sendCbor({ type: "request", senderId: "mallory", targetId: serverId, documentId, data: request() });
    }
    const closed = await peer.closed;
    expect(closed).toEqual({ code: 1008, reason: "asked for more than 1000 documents that are not here" });
    const answered = new Set(peer.received.filter((m) => m["type"] === "doc-unavailable").map((m) => m["documentId"]));
    expect(answered.size).toBe(1000);
    // The Repo never saw them: no handle, no membership record, nothing claimed.
    expect(asked.filter((id) => r.repo.handles[id] !== undefined)).toEqual([]);
    expect(asked.filter((id) => r.membership.known(id))).toEqual([]);
  });

  it("gives a member who asked before the owner uploaded the account once it is uploaded", async () => {
    const { dir, tokensFile } = await setUp();
    const r = await relayOn(join(dir, "data"), tokensFile);
    const id = unknownId();
    // Dana opens the share link before Ana's laptop has uploaded the account: unavailable for now.
    const dana = stockClient(`${r.url}/?token=${TOKENS.dana}`, "dana-laptop");
    cleanups.push(async () => dana.shutdown());
    const onDana = await dana.find<{ name: string }>(id, { allowableStates: ["ready", "unavailable"], signal: AbortSignal.timeout(5000) });
    expect(onDana.isReady()).toBe(false);
    expect(r.repo.handles[id]).toBeUndefined();
    // Ana uploads it, listing Dana: the server hands it to Dana without being asked again.
    const ana = stockClient(`${r.url}/?token=${TOKENS.ana}`, "ana-laptop");
    cleanups.push(async () => ana.shutdown());
    ana.import(A.save(A.from({ name: "Acme", teamMembers: { dana: true } })), { docId: id });
    await eventually(() => onDana.isReady() && onDana.doc().name === "Acme", 10_000, "the account at Dana");
  });

  it("still takes an upload of a new document, and still serves what it holds after a restart without members.json", async () => {
    const { dir, tokensFile } = await setUp();
    const dataDir = join(dir, "data");
    let r = await relayOn(dataDir, tokensFile);
    const ana = stockClient(`${r.url}/?token=${TOKENS.ana}`, "ana-laptop");
    cleanups.push(async () => ana.shutdown());
    const acme = ana.create<{ name: string; teamMembers: Record<string, boolean> }>({ name: "Acme", teamMembers: { dana: true } });
    await eventually(() => r.membership.members(acme.documentId).join() === "ana,dana", 8000, "Ana's upload, Dana listed");
    await ana.shutdown();
    await r.stop();

    // members.json lost: the server only knows the document from its chunks on disk.
    await rm(join(dataDir, "members.json"));
    r = await relayOn(dataDir, tokensFile);
    expect(r.membership.known(acme.documentId)).toBe(false);
    const dana = stockClient(`${r.url}/?token=${TOKENS.dana}`, "dana-laptop");
    cleanups.push(() => dana.shutdown());
    // The first ask makes the server read the document's own list; Dana is on it.
    await dana.find(acme.documentId, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
    await eventually(() => r.membership.isMember(acme.documentId, "dana"), 8000, "the list read from the copy on disk");
    const again = stockClient(`${r.url}/?token=${TOKENS.dana}`, "dana-laptop-2");
    cleanups.push(() => again.shutdown());
    const onDana = await again.find<{ name: string }>(acme.documentId, { signal: AbortSignal.timeout(8000) });
    expect(onDana.doc().name).toBe("Acme");
  });

  it("lets one person hold only so many sockets; someone else still gets in", async () => {
    const { dir, tokensFile } = await setUp();
    const r = await relayOn(join(dir, "data"), tokensFile, { maxSocketsPerKey: 3 });
    const attempt = (token: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${r.url}/?token=${token}`);
        ws.on("open", () => {
          cleanups.push(() => ws.terminate());
          resolve(101);
        });
        ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.on("error", () => undefined);
      });
    const ana: number[] = [];
    for (let i = 0; i < 5; i++) ana.push(await attempt(TOKENS.ana));
    expect(ana).toEqual([101, 101, 101, 429, 429]);
    expect(await attempt(TOKENS.dana)).toBe(101);
    const health = (await (await fetch(`${r.url.replace(/^ws/, "http")}/healthz`)).json()) as { connections: { sockets: number } };
    expect(health.connections.sockets).toBe(4);
  });
});
