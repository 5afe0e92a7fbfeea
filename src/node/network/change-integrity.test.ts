/**
 * A damaged change never gets into an account: Automerge 3.5 would take some bit-flipped
 * copies of a real change as a new change (same actor and sequence number, another hash);
 * the checksum check refuses every damaged copy and passes every real chunk.
 */
import * as A from "@automerge/automerge";
import type { DocumentId } from "@automerge/automerge-repo";
import { afterEach, describe, expect, it } from "vitest";
import { Rng } from "../../../reliability/lib/prng";
import { chunksAreIntact, syncMessageProblem } from "./change-integrity";
import { eventually, joinedSocket, startRelay, stockClient, type Relay } from "./test-support";

type Items = { items: Record<string, { text: string; n: number }> };

function sampleDoc(): A.Doc<Items> {
  let doc = A.from<Items>({ items: {} });
  for (let i = 0; i < 5; i++) doc = A.change(doc, (d) => void (d.items[`i${i}`] = { text: `hello world ${i}`, n: i }));
  return doc;
}

function flipped(original: Uint8Array, rng: Rng, flips: number): Uint8Array {
  const bytes = new Uint8Array(original);
  for (let f = 0; f < flips; f++) {
    const at = rng.int(bytes.length);
    bytes[at] = bytes[at]! ^ (1 << rng.int(8));
  }
  return bytes;
}

/** A damaged copy of the doc's last change that Automerge itself applies as a new change. */
function damagedChangeAutomergeAccepts(doc: A.Doc<Items>, seed: number): Uint8Array {
  const original = A.getLastLocalChange(doc)!;
  const saved = A.save(doc);
  const rng = new Rng(seed);
  for (let t = 0; t < 100_000; t++) {
    const bytes = flipped(original, rng, 1 + (t % 3));
    const base = A.load<Items>(saved);
    try {
      const [next] = A.applyChanges(base, [bytes]);
      if (A.getHeads(next).join() !== A.getHeads(base).join()) return bytes;
    } catch {
      // rejected by Automerge: not the case this test is about
    }
  }
  throw new Error("no accepted damaged change found");
}

describe("chunksAreIntact", () => {
  it("passes every real chunk: changes, saved documents, incremental saves, sync messages", () => {
    let doc = A.from<{ items: Record<string, number>; text: string }>({ items: {}, text: "" });
    for (let i = 0; i < 40; i++) {
      doc = A.change(doc, (d) => {
        d.items[`k${i}`] = i;
        A.splice(d, ["text"], 0, 0, "typed together ".repeat(i));
      });
    }
    expect(A.getAllChanges(doc).every(chunksAreIntact)).toBe(true);
    expect(chunksAreIntact(A.save(doc))).toBe(true);
    expect(chunksAreIntact(A.saveIncremental(A.change(doc, (d) => void (d.items.more = 1))))).toBe(true);

    // A real sync between two replicas: every message passes and the replicas converge.
    let a = A.clone(doc);
    let b = A.init<typeof doc>();
    let sa = A.initSyncState();
    let sb = A.initSyncState();
    let messages = 0;
    for (let round = 0; round < 10; round++) {
      let m: Uint8Array | null;
      [sa, m] = A.generateSyncMessage(a, sa);
      if (m) {
        messages++;
        expect(syncMessageProblem(m)).toBeNull();
        [b, sb] = A.receiveSyncMessage(b, sb, m);
      }
      [sb, m] = A.generateSyncMessage(b, sb);
      if (m) {
        messages++;
        expect(syncMessageProblem(m)).toBeNull();
        [a, sa] = A.receiveSyncMessage(a, sa, m);
      }
    }
    expect(messages).toBeGreaterThan(1);
    expect(A.getHeads(b)).toEqual(A.getHeads(a));
  });

  it("refuses every bit-flipped copy of a change, including those Automerge would apply as new", () => {
    const doc = sampleDoc();
    const original = A.getLastLocalChange(doc)!;
    const rng = new Rng(20261128);
    let damaged = 0;
    for (let t = 0; t < 3000; t++) {
      const bytes = flipped(original, rng, 1 + (t % 3));
      if (bytes.every((b, i) => b === original[i])) continue; // the flips cancelled out
      damaged++;
      expect(chunksAreIntact(bytes)).toBe(false);
    }
    expect(damaged).toBeGreaterThan(2900);
    const accepted = damagedChangeAutomergeAccepts(doc, 7);
    expect(chunksAreIntact(accepted)).toBe(false);
  });

  it("refuses truncated, padded and foreign bytes", () => {
    const change = A.getLastLocalChange(sampleDoc())!;
    expect(chunksAreIntact(change.subarray(0, change.length - 1))).toBe(false);
    expect(chunksAreIntact(new Uint8Array([...change, 0]))).toBe(false);
    expect(chunksAreIntact(new Uint8Array(0))).toBe(false);
    expect(chunksAreIntact(new TextEncoder().encode("not an automerge change at all"))).toBe(false);
    expect(syncMessageProblem(new Uint8Array([1, 2, 3]))).toMatch(/not an automerge sync message/);
  });
});

/** How the socket was closed, or a failure after `ms` (never waits for the test's own timeout). */
function closedWithin(closed: Promise<{ code: number; reason: string }>, ms = 5000): Promise<{ code: number; reason: string }> {
  return Promise.race([closed, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the socket was not closed within ${ms} ms`)), ms))]);
}

describe("a listener refuses a sync message carrying a damaged change", () => {
  let relay: Relay | null = null;
  afterEach(async () => {
    await relay?.close();
    relay = null;
  });

  it("closes the sender with a reason, and the account keeps exactly its real changes", async () => {
    relay = await startRelay({ member: { kind: "team-member", label: "member" } });
    const client = stockClient(relay.urlFor("member"), "good-client");
    const handle = client.create<Items>(A.load<Items>(A.save(sampleDoc())) as Items);
    await eventually(() => relay!.repo.handles[handle.documentId]?.isReady() === true, 5000, "the relay has the account");
    const onRelay = relay.repo.handles[handle.documentId]!;
    await eventually(() => onRelay.heads().join() === handle.heads().join(), 5000, "the relay is in sync");
    const before = onRelay.heads();

    const damaged = damagedChangeAutomergeAccepts(handle.doc() as A.Doc<Items>, 11);
    const data = A.encodeSyncMessage({ heads: A.getHeads(onRelay.doc() as A.Doc<Items>), need: [], have: [], changes: [damaged] });
    const attacker = await joinedSocket(relay.urlFor("member"), "attacker");
    attacker.sendCbor({ type: "sync", senderId: "attacker", targetId: "relay", documentId: handle.documentId as DocumentId, data });
    const closed = await closedWithin(attacker.closed);
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/damaged/);
    await new Promise((r) => setTimeout(r, 200));
    expect(onRelay.heads()).toEqual(before);

    // The same change as a live edit (the fast path) is refused too.
    const second = await joinedSocket(relay.urlFor("member"), "attacker-2");
    const { cbor } = await import("@automerge/automerge-repo");
    second.sendCbor({
      type: "ephemeral",
      senderId: "attacker-2",
      targetId: "relay",
      documentId: handle.documentId,
      sessionId: "s1",
      count: 1,
      data: cbor.encode({ type: "baton/live-change", change: damaged }),
    });
    const closedLive = await closedWithin(second.closed);
    expect(closedLive.code).toBe(1008);
    expect(closedLive.reason).toMatch(/damaged/);
    expect(onRelay.heads()).toEqual(before);
    await client.shutdown();
  });
});
