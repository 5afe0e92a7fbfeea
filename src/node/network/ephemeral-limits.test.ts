/**
 * Ephemeral messages (presence, live edits) cost the receiving node memory per session
 * id in automerge-repo, for the life of the process: a peer must not be able to make a
 * node hold more by sending each message under a fresh session. Over real sockets: a
 * flooding peer is cut off with a reason, what is forwarded carries one session per node,
 * and a well-behaved window keeps getting presence.
 */
import * as A from "@automerge/automerge";
import { cbor } from "@automerge/automerge-repo";
import { afterEach, describe, expect, it } from "vitest";
import { RELAYED_SESSION } from "./ephemeral-seen.js";
import type { PeerGrant } from "./hardened-server-adapter.js";
import { eventually, joinedSocket, startRelay, stockClient, type RawSocket } from "./test-support.js";

const TOKEN = "guest-token";
const grant: PeerGrant = { kind: "meeting-guest", label: "Mallory" };
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const presence = (n: number) => cbor.encode({ type: "baton/presence", person: { id: "mallory", name: "Mallory" }, itemId: `item-${n}`, itemLabel: null });

/** A relay holding one document that a stock window created, and a raw peer joined beside it. */
async function setUp(adapter: { maxOwnEphemeralSessions?: number; maxEphemeralSessions?: number }) {
  const relay = await startRelay({ [TOKEN]: grant }, { adapter });
  cleanups.push(() => relay.close());
  const window = stockClient(relay.urlFor(TOKEN), "window");
  cleanups.push(() => window.shutdown());
  const handle = window.create<{ title: string }>({ title: "Acme" });
  await eventually(() => relay.repo.handles[handle.documentId]?.isReady() === true, 5000, "the document on the relay");
  const heard: unknown[] = [];
  handle.on("ephemeral-message", ({ message }) => heard.push(message));
  const peer = await joinedSocket(relay.urlFor(TOKEN), "mallory");
  cleanups.push(() => peer.socket.terminate());
  const relayId = String(peer.received.find((m) => m["type"] === "peer")?.["senderId"]);
  const send = (sessionId: string, count: number, n = count, from = "mallory") =>
    peer.sendCbor({ type: "ephemeral", senderId: from, targetId: relayId, documentId: handle.documentId, sessionId, count, data: presence(n) });
  return { relay, handle, heard, peer, relayId, send };
}

/** A second raw peer that syncs the document, so the relay forwards ephemeral messages to it. */
async function watcher(relay: { urlFor(t: string): string }, documentId: string): Promise<RawSocket> {
  const raw = await joinedSocket(relay.urlFor(TOKEN), "watcher");
  cleanups.push(() => raw.socket.terminate());
  const relayId = String(raw.received.find((m) => m["type"] === "peer")?.["senderId"]);
  const [, request] = A.generateSyncMessage(A.init(), A.initSyncState());
  raw.sendCbor({ type: "request", senderId: "watcher", targetId: relayId, documentId, data: request });
  await raw.waitFor((m) => m["type"] === "sync");
  return raw;
}

describe("ephemeral sessions per peer", () => {
  it("closes a peer that starts more sessions of its own than allowed, with the reason; windows keep their presence", async () => {
    const { relay, handle, heard, peer, send } = await setUp({ maxOwnEphemeralSessions: 4 });
    for (let i = 0; i < 4; i++) send(`fresh-${i}`, 1, i);
    await eventually(() => heard.length === 4, 5000, "four sessions' presence at the window");
    send("fresh-4", 1, 4);
    const closed = await peer.closed;
    expect(closed).toEqual({ code: 1008, reason: "too many ephemeral sessions of its own (more than 4)" });
    expect(heard).toHaveLength(4);

    // A well-behaved window, one session for its whole life, is heard at every heartbeat.
    const lead = stockClient(relay.urlFor(TOKEN), "lead");
    cleanups.push(() => lead.shutdown());
    const onLead = await lead.find<{ title: string }>(handle.url);
    const before = heard.length;
    for (let i = 0; i < 10; i++) {
      onLead.broadcast({ type: "baton/presence", n: i });
      await eventually(() => heard.length === before + i + 1, 5000, `heartbeat ${i}`);
    }
  });

  it("does not cut off a peer that relays many people's sessions (a laptop hosting a meeting, the team server)", async () => {
    const { heard, peer, send } = await setUp({ maxOwnEphemeralSessions: 4, maxEphemeralSessions: 16 });
    // Relayed by a stock relay: the senderId names each originator, one session each.
    for (let i = 0; i < 40; i++) send(`session-of-${i}`, 1, i, `person-${i}`);
    await eventually(() => heard.length === 40, 5000, "every relayed session's presence at the window");
    expect(peer.socket.readyState).toBe(peer.socket.OPEN);
  });

  it("drops a count a session already sent (a replay), and forwards each message under one session per node", async () => {
    const { relay, handle, heard, send } = await setUp({});
    const watching = await watcher(relay, handle.documentId);
    send("s1", 1, 1);
    send("s1", 1, 99); // replay of count 1: dropped
    send("s1", 2, 2);
    send("s2", 1, 3);
    await eventually(() => watching.received.filter((m) => m["type"] === "ephemeral").length === 3, 5000, "three messages forwarded");
    await new Promise((r) => setTimeout(r, 100));
    const forwarded = watching.received.filter((m) => m["type"] === "ephemeral");
    expect(forwarded).toHaveLength(3);
    expect(heard).toHaveLength(3);
    expect(forwarded.map((m) => cbor.decode(m["data"] as Uint8Array))).toMatchObject([{ itemId: "item-1" }, { itemId: "item-2" }, { itemId: "item-3" }]);
    // automerge-repo keeps a counter per (sender, session): everything forwarded shares one session...
    expect(new Set(forwarded.map((m) => m["sessionId"]))).toEqual(new Set([RELAYED_SESSION]));
    const counts = forwarded.map((m) => m["count"] as number);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    expect(new Set(counts).size).toBe(3);
    // ...and the original travels on, so the next node can still drop a copy coming round a ring.
    expect(forwarded.map((m) => [m["originId"], m["originSessionId"], m["originCount"]])).toEqual([
      ["mallory", "s1", 1],
      ["mallory", "s1", 2],
      ["mallory", "s2", 1],
    ]);
  });
});
