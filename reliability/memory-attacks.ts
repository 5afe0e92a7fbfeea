/**
 * Memory a peer with a valid token can make a Baton process hold:
 * `npx tsx reliability/memory-attacks.ts [--seconds 60] [--ids 100000]`.
 *
 * Targets (lib/targets.ts, in a child process of their own, on 127.0.0.1 only): the meeting
 * listener of a sync node and the team sync server. Attacks:
 *
 * 1. *Ephemeral sessions*: a meeting guest (holding the code), then a team member, sends
 *    ephemeral messages (presence) with a fresh session id each, as fast as the socket
 *    takes them, for --seconds; reconnects when closed. automerge-repo keeps a counter per
 *    (sender, session) for the life of the process.
 * 2. *Document ids*: a team member asks the server for --ids documents that do not exist,
 *    reconnecting when closed. automerge-repo keeps a record per document id asked for.
 * 3. *Fresh peer ids* (reported, not checked): a member connects --reconnects times, each
 *    time as a new peer with a new storage id, and syncs its account. automerge-repo keeps
 *    a little per peer id it has synced with, for the life of the process.
 *
 * Reports the target's RSS (as `top` sees it) during the attack, its RSS and heap after a
 * full GC before, at the end and after the attacker left, and whether the well-behaved
 * clients were still served (a probe edit through every endpoint). Exits 1 when the heap
 * after the attacker left is more than --max-growth MiB (default 64) above the start, or
 * a probe fails. `--root DIR` runs the target from another checkout (a baseline). Stops by
 * itself; everything listens on 127.0.0.1.
 */
import * as A from "@automerge/automerge";
import { cbor, generateAutomergeUrl, parseAutomergeUrl } from "@automerge/automerge-repo";
import { joinedSocket, rawSocket, type RawSocket } from "../src/node/network/test-support";
import { arg } from "./lib/args";
import type { FuzzTarget } from "./lib/fuzz";
import { startTargetProcess, type Mem, type TargetProcess } from "./lib/target-process";

const seconds = Number(arg("seconds", "60"));
const ids = Number(arg("ids", "100000"));
const reconnects = Number(arg("reconnects", "2000"));
const root = arg("root", "");
const maxGrowthMiB = Number(arg("max-growth", "64"));
const MiB = 2 ** 20;
const mib = (bytes: number) => (bytes / MiB).toFixed(0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function wsUrl(t: FuzzTarget, name: string): string {
  return `${t.url}/?token=${encodeURIComponent(t.token)}&name=${name}`;
}

async function connect(t: FuzzTarget, peerId: string): Promise<{ peer: RawSocket; serverId: string } | null> {
  try {
    const peer = await joinedSocket(wsUrl(t, "Mallory"), peerId);
    const reply = peer.received.find((m) => m["type"] === "peer")!;
    return { peer, serverId: String(reply["senderId"]) };
  } catch {
    return null;
  }
}

interface AttackResult {
  sent: number;
  connections: number;
  refusedConnections: number;
  closes: Record<string, number>;
  rssPeak: number;
}

/** Keep sending `next()` frames on (re)joined sockets until `until()` says stop. */
async function flood(target: TargetProcess, t: FuzzTarget, label: string, frame: (serverId: string, peerId: string, n: number) => unknown, done: (sent: number) => boolean): Promise<AttackResult> {
  const result: AttackResult = { sent: 0, connections: 0, refusedConnections: 0, closes: {}, rssPeak: 0 };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const m = await target.ask<Mem>("rss").catch(() => null);
      if (m) result.rssPeak = Math.max(result.rssPeak, m.rss);
      await sleep(2000);
    }
  })();
  while (!done(result.sent)) {
    const peerId = `mallory-${label}-${result.connections}`;
    const link = await connect(t, peerId);
    result.connections++;
    if (!link) {
      result.refusedConnections++;
      await sleep(200);
      continue;
    }
    let open = true;
    void link.peer.closed.then(({ code, reason }) => {
      open = false;
      const key = `${code} ${reason}`;
      result.closes[key] = (result.closes[key] ?? 0) + 1;
    });
    const writable = () => open && link.peer.socket.readyState === link.peer.socket.OPEN;
    while (writable() && !done(result.sent)) {
      while (writable() && link.peer.socket.bufferedAmount < 64 * 1024 && !done(result.sent)) {
        link.peer.sendCbor(frame(link.serverId, peerId, result.sent));
        result.sent++;
        // Drop what the server answers: the attacker does not keep it.
        if (link.peer.received.length > 1000) link.peer.received.length = 0;
      }
      await sleep(1);
    }
    if (open) {
      if (link.peer.socket.readyState === link.peer.socket.OPEN) link.peer.socket.close();
      await link.peer.closed;
    }
  }
  sampling = false;
  await sampler;
  return result;
}

function report(what: string, before: Mem, r: AttackResult, atEnd: Mem, after: Mem): string[] {
  return [
    `${what}: ${r.sent.toLocaleString("en")} messages sent on ${r.connections} connection(s) (${r.refusedConnections} refused at connect)`,
    `  closed by the target: ${JSON.stringify(r.closes)}`,
    `  target RSS peak during the attack (no forced GC): ${mib(r.rssPeak)} MiB`,
    `  after GC — before: RSS ${mib(before.rss)} / heap ${mib(before.heapUsed)} MiB; at the end: RSS ${mib(atEnd.rss)} / heap ${mib(atEnd.heapUsed)} MiB; after the attacker left: RSS ${mib(after.rss)} / heap ${mib(after.heapUsed)} MiB`,
  ];
}

const target = await startTargetProcess(root || undefined);
const failures: string[] = [];
const lines: string[] = [];
try {
  await target.ask("probe");
  const byName = new Map(target.targets.map((t) => [t.name, t]));
  const presence = cbor.encode({ type: "baton/presence", person: { id: "mallory", name: "Mallory" }, itemId: null, itemLabel: null });

  for (const name of ["meeting", "team-server"]) {
    const t = byName.get(name)!;
    const before = await target.mem();
    const end = Date.now() + seconds * 1000;
    const r = await flood(
      target,
      t,
      `eph-${name}`,
      (serverId, peerId, n) => ({ type: "ephemeral", senderId: peerId, targetId: serverId, documentId: t.documentId, sessionId: `s${n}-${Math.random().toString(36).slice(2)}`, count: 1, data: presence }),
      () => Date.now() > end,
    );
    const atEnd = await target.mem();
    await sleep(2000);
    const after = await target.mem();
    lines.push(...report(`ephemeral messages with fresh session ids → ${name}, ${seconds} s`, before, r, atEnd, after));
    const probeMs = await target.ask<{ ms: number }>("probe").then((p) => p.ms).catch((e: Error) => (failures.push(`probe after the ${name} flood: ${e.message}`), -1));
    lines.push(`  probe edit through every endpoint afterwards: ${probeMs} ms`);
    if ((after.heapUsed - before.heapUsed) / MiB > maxGrowthMiB) failures.push(`${name}: heap grew ${mib(after.heapUsed - before.heapUsed)} MiB and stayed after the attacker left`);
  }

  {
    const t = byName.get("team-server")!;
    const request = A.generateSyncMessage(A.init(), A.initSyncState())[1]!;
    const before = await target.mem();
    const r = await flood(
      target,
      t,
      "ids",
      (serverId, peerId) => ({ type: "request", senderId: peerId, targetId: serverId, documentId: parseAutomergeUrl(generateAutomergeUrl()).documentId, data: request }),
      (sent) => sent >= ids,
    );
    await sleep(2000);
    const atEnd = await target.mem();
    await sleep(2000);
    const after = await target.mem();
    lines.push(...report(`requests for ${ids.toLocaleString("en")} unknown document ids → team-server`, before, r, atEnd, after));
    lines.push(`  heap per id asked for, after the attacker left: ${((after.heapUsed - before.heapUsed) / ids).toFixed(1)} bytes`);
    const probeMs = await target.ask<{ ms: number }>("probe").then((p) => p.ms).catch((e: Error) => (failures.push(`probe after the id flood: ${e.message}`), -1));
    lines.push(`  probe edit through every endpoint afterwards: ${probeMs} ms`);
    if ((after.heapUsed - before.heapUsed) / MiB > maxGrowthMiB) failures.push(`document ids: heap grew ${mib(after.heapUsed - before.heapUsed)} MiB and stayed`);
  }

  {
    const t = byName.get("team-server")!;
    const doc = A.load(t.documentBytes);
    const before = await target.mem();
    let synced = 0;
    for (let i = 0; i < reconnects; i++) {
      const peerId = `laptop-${i}-${Math.random().toString(36).slice(2)}`;
      const peer = await rawSocket(wsUrl(t, "Laptop")).catch(() => null);
      if (!peer) continue;
      // A join with a storage id of its own, as a laptop reinstalled each time.
      peer.sendCbor({ type: "join", senderId: peerId, peerMetadata: { storageId: `store-${i}-${Math.random().toString(36).slice(2)}`, isEphemeral: false }, supportedProtocolVersions: ["1"] });
      const reply = await peer.waitFor((m) => m["type"] === "peer", 5000).catch(() => null);
      if (reply) {
        const [, message] = A.generateSyncMessage(doc, A.initSyncState());
        peer.sendCbor({ type: "sync", senderId: peerId, targetId: reply["senderId"], documentId: t.documentId, data: message });
        if (await peer.waitFor((m) => m["type"] === "sync", 5000).then(() => true).catch(() => false)) synced++;
      }
      peer.socket.close();
      await peer.closed;
    }
    await sleep(2000);
    const after = await target.mem();
    lines.push(`${reconnects.toLocaleString("en")} connections, each a new peer id and storage id syncing its account → team-server: ${synced} synced`);
    lines.push(`  after GC — before: RSS ${mib(before.rss)} / heap ${mib(before.heapUsed)} MiB; after: RSS ${mib(after.rss)} / heap ${mib(after.heapUsed)} MiB; ${((after.heapUsed - before.heapUsed) / reconnects).toFixed(0)} bytes of heap per peer id`);
  }
} catch (e) {
  failures.push(`run failed: ${(e as Error).stack ?? String(e)}`);
} finally {
  await target.stop();
}
for (const line of lines) console.log(line);
if (failures.length) {
  console.log(`FAILED:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("all checks held");
process.exit(0);
