import { Repo, cbor, type Message, type PeerId } from "@automerge/automerge-repo";
import * as A from "@automerge/automerge";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HardenedServerAdapter, grantAllows, type PeerChange, type PeerGrant } from "./hardened-server-adapter.js";
import { sameToken, startListener } from "./listener.js";
import { eventually, joinedSocket, rawSocket, startRelay, stockClient, type RawSocket } from "./test-support.js";

type Item = { title: string; done?: boolean };

const TEAM = "team-token";
const GUEST = "guest-token";
const RENDERER_TOKEN = "renderer-token";
const teamGrant: PeerGrant = { kind: "team-member", label: "team" };
const rendererGrant: PeerGrant = { kind: "renderer", label: "this window" };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function track<T extends { close(): Promise<void> } | Repo>(thing: T): T {
  cleanups.push(() => (thing instanceof Repo ? thing.shutdown() : thing.close()));
  return thing;
}

function trackSocket(raw: RawSocket): RawSocket {
  cleanups.push(() => raw.socket.terminate());
  return raw;
}

/** A real sync message for an empty document (what a client sends when requesting a doc). */
function requestBytes(): Uint8Array {
  const [, message] = A.generateSyncMessage(A.init(), A.initSyncState());
  if (message === null) throw new Error("no sync message");
  return message;
}

describe("HardenedServerAdapter with stock WebSocketClientAdapters", () => {
  it("relays a document between two stock clients (create on A, find on B, edit both ways, presence)", async () => {
    const relay = track(await startRelay({ [TEAM]: teamGrant }));
    const alice = track(stockClient(relay.urlFor(TEAM), "alice"));
    const bob = track(stockClient(relay.urlFor(TEAM), "bob"));
    await eventually(() => relay.adapter.connectedPeers().length === 2, 5000, "both clients to join");

    const onAlice = alice.create<{ items: Item[] }>({ items: [{ title: "Kick-off call" }] });
    const onBob = await bob.find<{ items: Item[] }>(onAlice.url);
    expect(onBob.doc().items.map((i) => i.title)).toEqual(["Kick-off call"]);

    onBob.change((d) => {
      d.items.push({ title: "Send contract" });
    });
    await eventually(() => onAlice.doc().items.length === 2, 5000, "Bob's edit to reach Alice");
    onAlice.change((d) => {
      const first = d.items[0];
      if (first) first.done = true;
    });
    await eventually(() => onBob.doc().items[0]?.done === true, 5000, "Alice's edit to reach Bob");
    expect(onBob.doc()).toEqual(onAlice.doc());

    // Ephemeral (presence) messages pass the validator and are relayed too.
    const seen: unknown[] = [];
    onBob.on("ephemeral-message", ({ message }) => seen.push(message));
    await eventually(
      () => {
        onAlice.broadcast({ focus: "item-1" });
        return seen.length > 0;
      },
      5000,
      "presence to reach Bob",
    );
    expect(seen[0]).toEqual({ focus: "item-1" });
  });

  it("tells a status display who is connected, and when they leave", async () => {
    const relay = track(await startRelay({ [TEAM]: teamGrant, [RENDERER_TOKEN]: rendererGrant }));
    const changes: PeerChange[] = [];
    relay.adapter.onPeerChange((change) => changes.push(change));
    const window = stockClient(relay.urlFor(RENDERER_TOKEN), "window-1");
    track(stockClient(relay.urlFor(TEAM), "dana"));
    await eventually(() => relay.adapter.connectedPeers().length === 2, 5000, "both to join");

    const byId = new Map(relay.adapter.connectedPeers().map((p) => [p.peerId, p]));
    expect(byId.get("window-1" as PeerId)?.grant).toBe(rendererGrant);
    expect(byId.get("dana" as PeerId)?.grant).toBe(teamGrant);
    expect(byId.get("dana" as PeerId)?.remoteAddress).toBe("127.0.0.1");
    expect(byId.get("dana" as PeerId)?.connectedAt).toBeGreaterThan(Date.now() - 10_000);
    expect(relay.adapter.grantOf("window-1")).toBe(rendererGrant);
    expect(relay.adapter.grantOf("nobody")).toBeUndefined();

    await window.shutdown();
    await eventually(() => changes.some((c) => c.type === "left"), 5000, "the window to leave");
    expect(changes.filter((c) => c.type === "joined").map((c) => c.peer.peerId).sort()).toEqual(["dana", "window-1"]);
    expect(changes.find((c) => c.type === "left")?.peer.peerId).toBe("window-1");
    expect(relay.adapter.grantOf("window-1")).toBeUndefined();
    expect(relay.adapter.connectedPeers().map((p) => p.peerId)).toEqual(["dana"]);
  });
});

describe("HardenedServerAdapter against malformed input", () => {
  const uncaught = vi.fn();
  beforeEach(() => {
    uncaught.mockReset();
    process.on("uncaughtException", uncaught);
    process.on("unhandledRejection", uncaught);
  });
  afterEach(() => {
    process.off("uncaughtException", uncaught);
    process.off("unhandledRejection", uncaught);
  });

  it("closes only the offending socket, never throws, and keeps well-behaved peers syncing", async () => {
    const log: string[] = [];
    const relay = track(
      await startRelay({ [TEAM]: teamGrant }, { adapter: { log: (l) => log.push(l) }, listener: { maxPayloadBytes: 64 * 1024 } }),
    );
    const toRepo: Message[] = [];
    relay.adapter.on("message", (m) => toRepo.push(m));

    const alice = track(stockClient(relay.urlFor(TEAM), "alice"));
    const bob = track(stockClient(relay.urlFor(TEAM), "bob"));
    await eventually(() => relay.adapter.connectedPeers().length === 2, 5000, "both clients to join");
    const onAlice = alice.create<{ items: Item[] }>({ items: [] });
    const onBob = await bob.find<{ items: Item[] }>(onAlice.url);
    const documentId = onAlice.documentId;

    const url = relay.urlFor(TEAM);
    const join = (senderId: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      type: "join",
      senderId,
      peerMetadata: {},
      supportedProtocolVersions: ["1"],
      ...extra,
    });
    const sync = (senderId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      type: "sync",
      senderId,
      targetId: "relay",
      documentId,
      data: requestBytes(),
      ...extra,
    });
    const garbage = new Uint8Array([0x1c, 0xff, 0x00, 0x13]);
    expect(() => cbor.decode(garbage)).toThrow();
    const fullJoin = cbor.encode(join("mallory-truncated"));

    type Case = { name: string; joinAs?: string; send: (raw: RawSocket) => void; code: number; reason: string | RegExp };
    const cases: Case[] = [
      { name: "garbage bytes", send: (r) => r.sendBytes(garbage), code: 1008, reason: "frame is not valid CBOR" },
      {
        name: "truncated CBOR",
        send: (r) => r.sendBytes(fullJoin.subarray(0, fullJoin.length - 6)),
        code: 1008,
        reason: "frame is not valid CBOR",
      },
      { name: "empty frame", send: (r) => r.sendBytes(new Uint8Array()), code: 1008, reason: "empty frame" },
      { name: "CBOR number", send: (r) => r.sendCbor(42), code: 1008, reason: "message is not a map" },
      { name: "CBOR array", send: (r) => r.sendCbor(["join", "x"]), code: 1008, reason: "message is not a map" },
      { name: "no type", send: (r) => r.sendCbor({ senderId: "x" }), code: 1008, reason: "message has no valid type" },
      {
        name: "join without senderId",
        send: (r) => r.sendCbor({ type: "join", peerMetadata: {}, supportedProtocolVersions: ["1"] }),
        code: 1008,
        reason: "message has no valid senderId",
      },
      { name: "numeric senderId", send: (r) => r.sendCbor(join(12345)), code: 1008, reason: "message has no valid senderId" },
      { name: "empty senderId", send: (r) => r.sendCbor(join("")), code: 1008, reason: "message has no valid senderId" },
      {
        name: "huge senderId",
        send: (r) => r.sendCbor(join("x".repeat(5000))),
        code: 1008,
        reason: "message has no valid senderId",
      },
      {
        name: "control characters in senderId",
        send: (r) => r.sendCbor(join("evil\nLOG INJECTION")),
        code: 1008,
        reason: "message has no valid senderId",
      },
      {
        name: "join as the relay itself",
        send: (r) => r.sendCbor(join("relay")),
        code: 1008,
        reason: "senderId is the server's own peer id",
      },
      {
        name: "peerMetadata not a map",
        send: (r) => r.sendCbor(join("mallory-meta", { peerMetadata: "root" })),
        code: 1008,
        reason: "invalid peerMetadata",
      },
      {
        name: "path-like storageId",
        send: (r) => r.sendCbor(join("mallory-storage", { peerMetadata: { storageId: "../../etc/passwd" } })),
        code: 1008,
        reason: "invalid peerMetadata.storageId",
      },
      {
        name: "supportedProtocolVersions not an array",
        send: (r) => r.sendCbor(join("mallory-versions", { supportedProtocolVersions: "1" })),
        code: 1008,
        reason: "invalid supportedProtocolVersions",
      },
      {
        name: "unsupported protocol version",
        send: (r) => r.sendCbor(join("mallory-v2", { supportedProtocolVersions: ["2"] })),
        code: 1002,
        reason: "unsupported protocol version",
      },
      { name: "message before join", send: (r) => r.sendCbor(sync("mallory-early")), code: 1008, reason: "message before join" },
      {
        name: "text frame",
        send: (r) => r.socket.send(JSON.stringify(join("mallory-text"))),
        code: 1008,
        reason: "text frames are not accepted",
      },
      { name: "oversized frame", send: (r) => r.sendBytes(new Uint8Array(80 * 1024)), code: 1009, reason: "" },
      {
        name: "senderId spoofing another peer",
        joinAs: "mallory-spoof",
        send: (r) => r.sendCbor(sync("alice")),
        code: 1008,
        reason: "senderId does not match the joined peer",
      },
      {
        name: "second join as someone else",
        joinAs: "mallory-rejoin",
        send: (r) => r.sendCbor(join("alice")),
        code: 1008,
        reason: "second join with a different senderId",
      },
      {
        name: "targetId not the relay",
        joinAs: "mallory-target",
        send: (r) => r.sendCbor(sync("mallory-target", { targetId: "bob" })),
        code: 1008,
        reason: "targetId is not this server",
      },
      {
        name: "invalid documentId",
        joinAs: "mallory-docid",
        send: (r) => r.sendCbor(sync("mallory-docid", { documentId: "not-a-document" })),
        code: 1008,
        reason: "invalid documentId",
      },
      {
        name: "documentId a number",
        joinAs: "mallory-docnum",
        send: (r) => r.sendCbor(sync("mallory-docnum", { documentId: 7 })),
        code: 1008,
        reason: "invalid documentId",
      },
      {
        name: "data a string",
        joinAs: "mallory-datastr",
        send: (r) => r.sendCbor(sync("mallory-datastr", { data: "AAAA" })),
        code: 1008,
        reason: "invalid data",
      },
      {
        name: "data not a sync message",
        joinAs: "mallory-datajunk",
        send: (r) => r.sendCbor(sync("mallory-datajunk", { data: new Uint8Array([1, 2, 3, 4]) })),
        code: 1008,
        reason: "data is not an automerge sync message",
      },
      {
        name: "ephemeral without count",
        joinAs: "mallory-eph",
        send: (r) =>
          r.sendCbor({
            type: "ephemeral",
            senderId: "mallory-eph",
            targetId: "relay",
            documentId,
            sessionId: "s",
            data: cbor.encode({ x: 1 }),
          }),
        code: 1008,
        reason: "invalid ephemeral count",
      },
      {
        name: "ephemeral data not CBOR",
        joinAs: "mallory-ephdata",
        send: (r) =>
          r.sendCbor({
            type: "ephemeral",
            senderId: "mallory-ephdata",
            targetId: "relay",
            documentId,
            count: 1,
            sessionId: "s",
            data: garbage,
          }),
        code: 1008,
        reason: "ephemeral data is not CBOR",
      },
      {
        name: "remote-heads-changed with bad heads",
        joinAs: "mallory-heads",
        send: (r) =>
          r.sendCbor({
            type: "remote-heads-changed",
            senderId: "mallory-heads",
            targetId: "relay",
            documentId,
            newHeads: { abc: { heads: [1, 2], timestamp: 1 } },
          }),
        code: 1008,
        reason: "invalid newHeads",
      },
    ];

    for (const c of cases) {
      const raw = trackSocket(c.joinAs === undefined ? await rawSocket(url) : await joinedSocket(url, c.joinAs));
      c.send(raw);
      const closed = await raw.closed;
      expect({ case: c.name, code: closed.code }).toEqual({ case: c.name, code: c.code });
      if (typeof c.reason === "string") expect(closed.reason, c.name).toBe(c.reason);
      else expect(closed.reason, c.name).toMatch(c.reason);
    }

    // The unsupported-version client was told why, in the stock protocol's terms.
    const v2 = trackSocket(await rawSocket(url));
    v2.sendCbor(join("mallory-v2b", { supportedProtocolVersions: ["2"] }));
    expect(await v2.waitFor((m) => m["type"] === "error")).toMatchObject({ message: "unsupported protocol version" });

    // An unknown message type from a joined peer is dropped, not fatal (forward compatibility).
    const future = trackSocket(await joinedSocket(url, "newer-client"));
    future.sendCbor({ type: "some-future-message", senderId: "newer-client", targetId: "relay" });
    future.received.length = 0;
    future.sendCbor(join("newer-client")); // a repeated join is answered again
    await future.waitFor((m) => m["type"] === "peer");

    // Nothing from the bad sockets reached the Repo; every refusal was logged.
    expect(toRepo.filter((m) => String(m.senderId).startsWith("mallory"))).toEqual([]);
    expect(toRepo.every((m) => ["alice", "bob"].includes(m.senderId))).toBe(true);
    expect(log.filter((l) => l.startsWith("refused")).length).toBeGreaterThanOrEqual(cases.length - 1);

    // The well-behaved peers are still connected and still sync, both ways.
    expect(
      relay.adapter
        .connectedPeers()
        .map((p) => p.peerId)
        .sort(),
    ).toEqual(["alice", "bob", "newer-client"]);
    onAlice.change((d) => {
      d.items.push({ title: "after the storm" });
    });
    await eventually(() => onBob.doc().items.length === 1, 5000, "Alice's edit to reach Bob");
    onBob.change((d) => {
      d.items.push({ title: "and back" });
    });
    await eventually(() => onAlice.doc().items.length === 2, 5000, "Bob's edit to reach Alice");

    expect(uncaught).not.toHaveBeenCalled();
  });

  it("keeps the renderer's peer id from being hijacked by a socket with a different grant", async () => {
    const relay = track(
      await startRelay({
        [RENDERER_TOKEN]: rendererGrant,
        [GUEST]: { kind: "meeting-guest", label: "Dana" },
      }),
    );
    const first = trackSocket(await joinedSocket(relay.urlFor(RENDERER_TOKEN), "window-1"));

    // A guest claiming the renderer's peer id is refused; the renderer keeps its socket.
    const hijacker = trackSocket(await rawSocket(relay.urlFor(GUEST)));
    hijacker.sendCbor({ type: "join", senderId: "window-1", peerMetadata: {}, supportedProtocolVersions: ["1"] });
    expect(await hijacker.waitFor((m) => m["type"] === "error")).toMatchObject({ message: "peer id already connected" });
    expect(await hijacker.closed).toEqual({ code: 1008, reason: "peer id already connected by another client" });
    expect(relay.adapter.grantOf("window-1")).toBe(rendererGrant);

    // The same client reconnecting (same grant) replaces its old socket.
    const second = trackSocket(await joinedSocket(relay.urlFor(RENDERER_TOKEN), "window-1"));
    expect(await first.closed).toEqual({ code: 1000, reason: "replaced by a newer connection" });
    expect(relay.adapter.connectedPeers().map((p) => p.peerId)).toEqual(["window-1"]);
    second.received.length = 0;
    second.sendCbor({ type: "join", senderId: "window-1", peerMetadata: {}, supportedProtocolVersions: ["1"] });
    await second.waitFor((m) => m["type"] === "peer");
    expect(uncaught).not.toHaveBeenCalled();
  });
});

describe("HardenedServerAdapter grants", () => {
  it("lets a peer with documentIds sync only those documents", async () => {
    const meetingDocs = new Set<string>();
    const guestGrant: PeerGrant = { kind: "meeting-guest", label: "Dana", documentIds: meetingDocs };
    const relay = track(await startRelay({ [TEAM]: teamGrant, [GUEST]: guestGrant }));
    const allowed = relay.repo.create<{ name: string }>({ name: "Acme (in the meeting)" });
    const secret = relay.repo.create<{ name: string }>({ name: "Globex (not in the meeting)" });
    meetingDocs.add(allowed.url); // URL form; bare DocumentIds work too
    expect(grantAllows(guestGrant, allowed.documentId)).toBe(true);
    expect(grantAllows(guestGrant, secret.documentId)).toBe(false);

    const guest = track(stockClient(relay.urlFor(GUEST), "dana"));
    const got = await guest.find<{ name: string }>(allowed.url);
    expect(got.doc().name).toBe("Acme (in the meeting)");
    await expect(guest.find(secret.url)).rejects.toThrow(/unavailable/);
    expect(relay.adapter.grantOf("dana")).toBe(guestGrant);

    // Even though the relay has the secret document loaded and its default share policy
    // announces everything, nothing about it went out to the guest.
    const raw = trackSocket(await joinedSocket(relay.urlFor(GUEST), "dana-raw"));
    raw.sendCbor({ type: "request", senderId: "dana-raw", targetId: "relay", documentId: secret.documentId, data: requestBytes() });
    expect(await raw.waitFor((m) => m["type"] === "doc-unavailable")).toMatchObject({
      documentId: secret.documentId,
      targetId: "dana-raw",
      senderId: "relay",
    });
    raw.sendCbor({ type: "request", senderId: "dana-raw", targetId: "relay", documentId: allowed.documentId, data: requestBytes() });
    await raw.waitFor((m) => m["type"] === "sync" && m["documentId"] === allowed.documentId);
    await new Promise((resolve) => setTimeout(resolve, 150)); // past the repo's 100 ms sync debounce
    expect(raw.received.filter((m) => m["documentId"] === secret.documentId && m["type"] !== "doc-unavailable")).toEqual([]);

    // A team member without documentIds gets both.
    const team = track(stockClient(relay.urlFor(TEAM), "erin"));
    expect((await team.find<{ name: string }>(secret.url)).doc().name).toBe("Globex (not in the meeting)");
  });

  it("answers the Repo's own request to a restricted peer with doc-unavailable, so finds do not hang", async () => {
    const guestGrant: PeerGrant = { kind: "meeting-guest", label: "Dana", documentIds: new Set() };
    const relay = track(await startRelay({ [GUEST]: guestGrant }));
    const guest = track(stockClient(relay.urlFor(GUEST), "dana"));
    const theirs = guest.create({ name: "a guest's private doc" });
    await eventually(() => relay.adapter.connectedPeers().length === 1, 5000, "guest to join");
    // The relay asks its only peer (the guest) for a document outside the guest's grant: the
    // adapter neither sends the request nor leaves the relay waiting.
    const started = Date.now();
    await expect(relay.repo.find(theirs.url)).rejects.toThrow(/unavailable/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("HardenedServerAdapter lifecycle", () => {
  it("ends a meeting: disconnectWhere closes every guest socket, joined or not, and leaves the renderer", async () => {
    const relay = track(
      await startRelay({
        [RENDERER_TOKEN]: rendererGrant,
        [GUEST]: { kind: "meeting-guest", label: "guests" },
      }),
    );
    track(stockClient(relay.urlFor(RENDERER_TOKEN), "window-1"));
    const g1 = trackSocket(await joinedSocket(relay.urlFor(GUEST), "guest-1"));
    const g2 = trackSocket(await joinedSocket(relay.urlFor(GUEST), "guest-2"));
    const g3 = trackSocket(await rawSocket(relay.urlFor(GUEST))); // still in the handshake
    await eventually(() => relay.adapter.connectedPeers().length === 3, 5000, "peers to join");

    expect(relay.adapter.disconnectWhere((grant) => grant.kind === "meeting-guest", "meeting ended")).toBe(3);
    for (const g of [g1, g2, g3]) expect(await g.closed).toEqual({ code: 1000, reason: "meeting ended" });
    expect(relay.adapter.connectedPeers().map((p) => p.peerId)).toEqual(["window-1"]);

    expect(relay.adapter.disconnectPeer("nobody", "bye")).toBe(false);
    expect(relay.adapter.disconnectPeer("window-1", "bye")).toBe(true);
    expect(relay.adapter.connectedPeers()).toEqual([]);
  });

  it("terminates sockets that miss a pong, and closes sockets that never join", async () => {
    const relay = track(await startRelay({ [TEAM]: teamGrant }, { adapter: { keepAliveIntervalMs: 250, joinTimeoutMs: 150 } }));
    const left: Array<[string, string]> = [];
    relay.adapter.onPeerChange((c) => {
      if (c.type === "left") left.push([c.peer.peerId, c.reason]);
    });
    const silent = trackSocket(await rawSocket(relay.urlFor(TEAM), { autoPong: false }));
    silent.sendCbor({ type: "join", senderId: "silent", peerMetadata: {}, supportedProtocolVersions: ["1"] });
    await silent.waitFor((m) => m["type"] === "peer");
    const healthy = trackSocket(await joinedSocket(relay.urlFor(TEAM), "healthy"));
    const shy = trackSocket(await rawSocket(relay.urlFor(TEAM)));

    expect((await silent.closed).code).toBe(1006);
    expect(await shy.closed).toEqual({ code: 1008, reason: "join timeout" });
    expect(left).toEqual([["silent", "missed keep-alive"]]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(healthy.socket.readyState).toBe(healthy.socket.OPEN);
    expect(relay.adapter.connectedPeers().map((p) => p.peerId)).toEqual(["healthy"]);
  });

  it("holds frames that arrive before the Repo connects, and closes everything on repo.shutdown()", async () => {
    const adapter = new HardenedServerAdapter();
    const listener = track(
      await startListener({
        host: "127.0.0.1",
        port: 0,
        adapter,
        authorize: (token) => (sameToken(token, TEAM) ? teamGrant : undefined),
      }),
    );
    const early = trackSocket(await rawSocket(`${listener.url}/?token=${TEAM}`));
    early.sendCbor({ type: "join", senderId: "early", peerMetadata: {}, supportedProtocolVersions: ["1"] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(early.received).toEqual([]);

    const repo = new Repo({ network: [adapter], peerId: "late-relay" as PeerId });
    expect(await early.waitFor((m) => m["type"] === "peer")).toMatchObject({
      senderId: "late-relay",
      targetId: "early",
      selectedProtocolVersion: "1",
    });

    await repo.shutdown();
    expect(await early.closed).toEqual({ code: 1001, reason: "server shutting down" });
    const after = trackSocket(await rawSocket(`${listener.url}/?token=${TEAM}`));
    expect(await after.closed).toEqual({ code: 1001, reason: "server shutting down" });
  });
});
