/**
 * Convergence under faults, property-based (fast-check): 3–5 in-process automerge-repo
 * Repos share two accounts and make random edits through shared/commands while the
 * network between them is partitioned and healed at random, messages on a link are
 * delivered late and out of order (or lost when a link drops), and nodes restart from
 * their storage. At the end every link is healed and everything delivered: every node
 * must hold identical heads and identical documents, with every edit anyone made.
 *
 * The network is simulated (a hub routing each Repo's messages by target peer id) so
 * that delivery order is in the test's hands; the same idea over real processes and real
 * sockets is reliability/converge.ts. Replay a failure with the seed and path fast-check
 * prints: BATON_CONVERGENCE_SEED=<seed> npx vitest run src/node/convergence.test.ts
 */
import * as A from "@automerge/automerge";
import { NetworkAdapter, Repo, generateAutomergeUrl, parseAutomergeUrl, type Chunk, type DocHandle, type DocumentId, type Message, type PeerId, type PeerMetadata, type StorageAdapterInterface, type StorageKey } from "@automerge/automerge-repo";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCommitment, editCommitment, moveCommitment, removeCommitment } from "../../shared/commands/commitments";
import { addMilestone, linkCommitment } from "../../shared/commands/milestones";
import { createAccount, renameAccount } from "../../shared/commands/account";
import { type AccountDoc } from "../../shared/account/schema";

/** Storage that survives a Repo's restart (the "disk" of one simulated laptop). */
class MemoryStorage implements StorageAdapterInterface {
  readonly data = new Map<string, Uint8Array>();
  #k = (key: StorageKey) => key.join("\u0000");
  async load(key: StorageKey) {
    return this.data.get(this.#k(key));
  }
  async save(key: StorageKey, value: Uint8Array) {
    this.data.set(this.#k(key), value);
  }
  async remove(key: StorageKey) {
    this.data.delete(this.#k(key));
  }
  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    const p = this.#k(prefix);
    return [...this.data].filter(([k]) => k === p || k.startsWith(p + "\u0000")).map(([k, v]) => ({ key: k.split("\u0000"), data: v }));
  }
  async removeRange(prefix: StorageKey) {
    for (const c of await this.loadRange(prefix)) this.data.delete(this.#k(c.key));
  }
}

/** Routes messages between simulated nodes; links can drop, heal, delay and reorder. */
class Hub {
  readonly adapters = new Map<number, SimAdapter>();
  readonly up = new Set<string>();
  readonly queues = new Map<string, Message[]>();
  delivered = 0;
  constructor(readonly size: number) {
    for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) this.up.add(`${a}-${b}`);
  }
  static link(a: number, b: number) {
    return a < b ? `${a}-${b}` : `${b}-${a}`;
  }
  isUp(a: number, b: number) {
    return this.up.has(Hub.link(a, b));
  }
  register(adapter: SimAdapter) {
    this.adapters.set(adapter.index, adapter);
    for (const other of this.adapters.values()) if (other !== adapter && this.isUp(adapter.index, other.index)) this.#introduce(adapter, other);
  }
  unregister(adapter: SimAdapter) {
    if (this.adapters.get(adapter.index) !== adapter) return;
    this.adapters.delete(adapter.index);
    for (const other of this.adapters.values()) if (this.isUp(adapter.index, other.index)) this.#separate(adapter, other);
  }
  partition(a: number, b: number) {
    if (a === b || !this.isUp(a, b)) return;
    this.up.delete(Hub.link(a, b));
    const x = this.adapters.get(a);
    const y = this.adapters.get(b);
    if (x && y) this.#separate(x, y);
  }
  heal(a: number, b: number) {
    if (a === b || this.isUp(a, b)) return;
    this.up.add(Hub.link(a, b));
    const x = this.adapters.get(a);
    const y = this.adapters.get(b);
    if (x && y) this.#introduce(x, y);
  }
  send(from: number, message: Message) {
    const to = Number(String(message.targetId).replace("node-", ""));
    if (!this.isUp(from, to) || !this.adapters.has(to)) return; // a dropped connection loses what was in flight
    const q = this.queues.get(`${from}>${to}`) ?? [];
    q.push(message);
    this.queues.set(`${from}>${to}`, q);
  }
  /** Deliver up to `count` queued messages from a to b; `reorder` picks them in random order. */
  deliver(a: number, b: number, count: number, reorder: boolean, pick: number) {
    const q = this.queues.get(`${a}>${b}`);
    for (let i = 0; i < count && q && q.length; i++) {
      const m = q.splice(reorder ? (pick + i) % q.length : 0, 1)[0]!;
      this.adapters.get(b)?.emit("message", m);
      this.delivered++;
    }
  }
  pending(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }
  /** Deliver everything in order, link by link, until nothing is queued. */
  drain(limit = 100_000) {
    for (let i = 0; i < limit && this.pending() > 0; i++) {
      for (const [key, q] of this.queues) {
        const [a, b] = key.split(">").map(Number) as [number, number];
        const m = q.shift();
        if (m) this.adapters.get(b)?.emit("message", m);
        void a;
      }
    }
  }
  #introduce(x: SimAdapter, y: SimAdapter) {
    x.emit("peer-candidate", { peerId: y.peerId!, peerMetadata: y.peerMetadata ?? {} });
    y.emit("peer-candidate", { peerId: x.peerId!, peerMetadata: x.peerMetadata ?? {} });
  }
  #separate(x: SimAdapter, y: SimAdapter) {
    this.queues.delete(`${x.index}>${y.index}`);
    this.queues.delete(`${y.index}>${x.index}`);
    x.emit("peer-disconnected", { peerId: y.peerId! });
    y.emit("peer-disconnected", { peerId: x.peerId! });
  }
}

class SimAdapter extends NetworkAdapter {
  constructor(
    readonly hub: Hub,
    readonly index: number,
  ) {
    super();
  }
  isReady() {
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  connect(peerId: PeerId, peerMetadata?: PeerMetadata) {
    this.peerId = peerId;
    this.peerMetadata = peerMetadata ?? {};
    this.hub.register(this);
  }
  #gone = false;
  send(message: Message) {
    // A Repo that was shut down (or crashed) can no longer talk: its socket is gone.
    if (!this.#gone) this.hub.send(this.index, message);
  }
  disconnect() {
    this.#gone = true;
    this.hub.unregister(this);
  }
}

type Step =
  | { t: "edit"; node: number; doc: number; op: number; pick: number; text: string }
  | { t: "partition"; a: number; b: number }
  | { t: "heal"; a: number; b: number }
  | { t: "deliver"; a: number; b: number; count: number; reorder: boolean; pick: number }
  | { t: "wait" }
  | { t: "restart"; node: number };

const person = (i: number) => ({ id: `p${i}`, name: `Person ${i}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sim {
  hub: Hub;
  storages: MemoryStorage[];
  repos: Repo[];
  docIds: DocumentId[];
  edits: Set<string>;
  removed: Set<string>;
}

async function startSim(size: number): Promise<Sim> {
  const hub = new Hub(size);
  const storages = Array.from({ length: size }, () => new MemoryStorage());
  // Two accounts, created once and given to every node (as after a first sync).
  const base = [0, 1].map((i) => A.save(A.change(A.init<AccountDoc>(), (d) => createAccount(d, { name: `Account ${i}`, by: { ...person(0), role: "rep" }, at: "2026-01-01T00:00:00Z" }))));
  const docIds = base.map(() => parseAutomergeUrl(generateAutomergeUrl()).documentId);
  const repos: Repo[] = [];
  for (let i = 0; i < size; i++) {
    const repo = new Repo({ storage: storages[i], network: [new SimAdapter(hub, i)], peerId: `node-${i}` as PeerId });
    base.forEach((bytes, k) => repo.import<AccountDoc>(bytes, { docId: docIds[k] }));
    repos.push(repo);
  }
  return { hub, storages, repos, docIds, edits: new Set(), removed: new Set() };
}

async function handleOf(sim: Sim, node: number, doc: number): Promise<DocHandle<AccountDoc>> {
  return sim.repos[node]!.find<AccountDoc>(sim.docIds[doc]!, { allowableStates: ["ready"] });
}

async function run(sim: Sim, step: Step): Promise<void> {
  const n = sim.repos.length;
  switch (step.t) {
    case "edit": {
      const node = step.node % n;
      const h = await handleOf(sim, node, step.doc % 2);
      const by = person(node);
      const at = "2026-02-02T10:00:00Z";
      const commitments = Object.keys(h.doc().commitments).sort();
      const milestones = Object.keys(h.doc().milestones).sort();
      const id = `n${node}-e${sim.edits.size}`;
      const target = commitments.length ? commitments[step.pick % commitments.length]! : undefined;
      h.change((d) => {
        switch (target === undefined ? 0 : step.op % 7) {
          case 0:
            addCommitment(d, { id, text: step.text, by, at });
            sim.edits.add(`c:${id}`);
            return;
          case 1:
            editCommitment(d, { id: target!, text: `${step.text} ${d.commitments[target!]?.text ?? ""}`.slice(0, 80), status: "agreed" });
            return;
          case 2:
            moveCommitment(d, { id: target!, toIndex: step.pick % (commitments.length + 1) });
            return;
          case 3:
            removeCommitment(d, { id: target! });
            sim.removed.add(target!);
            return;
          case 4:
            addMilestone(d, { id, title: step.text, by, at, commitmentIds: [target!] });
            sim.edits.add(`m:${id}`);
            return;
          case 5:
            if (milestones.length) linkCommitment(d, { milestoneId: milestones[step.pick % milestones.length]!, commitmentId: target!, linked: step.pick % 2 === 0 });
            return;
          default:
            renameAccount(d, { name: `Acct ${step.text}` });
        }
      });
      return;
    }
    case "partition":
      sim.hub.partition(step.a % n, step.b % n);
      return;
    case "heal":
      sim.hub.heal(step.a % n, step.b % n);
      return;
    case "deliver":
      sim.hub.deliver(step.a % n, step.b % n, step.count, step.reorder, step.pick);
      await sleep(0);
      return;
    case "wait":
      await sleep(110); // past automerge-repo's 100 ms sync throttle
      return;
    case "restart": {
      const i = step.node % n;
      await sim.repos[i]!.shutdown(); // flushes to its storage; peers see it leave
      const repo = new Repo({ storage: sim.storages[i], network: [new SimAdapter(sim.hub, i)], peerId: `node-${i}` as PeerId });
      sim.repos[i] = repo;
      for (const id of sim.docIds) await repo.find(id);
      return;
    }
  }
}

/** Heal everything and deliver until every node agrees (or 15 s pass: then the test fails). */
async function settle(sim: Sim): Promise<void> {
  const n = sim.repos.length;
  // Reconnect every link (a real link drop resets the sync protocol's in-flight state).
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) sim.hub.partition(a, b);
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) sim.hub.heal(a, b);
  const agreed = async () => {
    for (let k = 0; k < sim.docIds.length; k++) {
      const heads = await Promise.all(sim.repos.map(async (_, i) => JSON.stringify([...(await handleOf(sim, i, k)).heads()].sort())));
      if (new Set(heads).size !== 1) return false;
    }
    return sim.hub.pending() === 0;
  };
  // Timers (the 100 ms sync throttle) can run late on a busy machine: wait for agreement, not for silence.
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    sim.hub.drain();
    await sleep(50);
    sim.hub.drain();
    if (await agreed()) {
      await sleep(150);
      sim.hub.drain();
      if (await agreed()) return;
    }
  }
}

/** Canonical JSON (keys sorted): JS key order follows the order patches arrived in, which differs by node. */
function summary(doc: AccountDoc): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === "object" && !(v instanceof Uint8Array)) {
      const s = String(v);
      if (s !== "[object Object]") return s; // ImmutableString and friends
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(canon(doc));
}

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant("edit" as const), node: fc.nat(4), doc: fc.nat(1), op: fc.nat(6), pick: fc.nat(50), text: fc.string({ maxLength: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("partition" as const), a: fc.nat(4), b: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("heal" as const), a: fc.nat(4), b: fc.nat(4) }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant("deliver" as const), a: fc.nat(4), b: fc.nat(4), count: fc.integer({ min: 1, max: 8 }), reorder: fc.boolean(), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.constant({ t: "wait" as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("restart" as const), node: fc.nat(4) }) },
);

const RUNS = Number(process.env.BATON_CONVERGENCE_RUNS ?? 12);
const SEED = process.env.BATON_CONVERGENCE_SEED === undefined ? undefined : Number(process.env.BATON_CONVERGENCE_SEED);

describe("convergence under partitions, reordering and restarts", () => {
  it("ends with identical heads and documents on every node, and no edit lost", async () => {
    let runs = 0;
    let totalSteps = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 3, max: 5 }), fc.array(stepArb, { minLength: 10, maxLength: 60 }), async (size, steps) => {
        runs++;
        totalSteps += steps.length;
        const sim = await startSim(size);
        try {
          for (const step of steps) await run(sim, step);
          await settle(sim);
          for (let k = 0; k < sim.docIds.length; k++) {
            const handles = await Promise.all(sim.repos.map((_, i) => handleOf(sim, i, k)));
            const heads = handles.map((h) => JSON.stringify([...h.heads()].sort()));
            expect(new Set(heads).size, `account ${k}: heads differ: ${heads.join(" | ")}`).toBe(1);
            const docs = handles.map((h) => summary(h.doc()));
            expect(new Set(docs).size, `account ${k}: documents differ`).toBe(1);
          }
          // No edit lost: every commitment added and never removed, and every milestone, is there.
          const finals = await Promise.all(sim.docIds.map(async (_, k) => (await handleOf(sim, 0, k)).doc()));
          for (const e of sim.edits) {
            const [kind, id] = e.split(":") as [string, string];
            if (kind === "m") expect(finals.some((d) => d.milestones[id] !== undefined), `milestone ${id} lost`).toBe(true);
            if (kind === "c" && !sim.removed.has(id)) expect(finals.some((d) => d.commitments[id] !== undefined), `commitment ${id} lost`).toBe(true);
          }
        } finally {
          for (const r of sim.repos) await r.shutdown().catch(() => undefined);
        }
      }),
      { numRuns: RUNS, seed: SEED, path: process.env.BATON_CONVERGENCE_PATH, interruptAfterTimeLimit: 50_000 },
    );
    console.log(`convergence: ${runs} runs, ${totalSteps} steps in all`);
  }, 90_000);
});
