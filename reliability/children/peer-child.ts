/**
 * Child process for reliability/converge.ts: one "laptop" — a Repo on Baton's crash-safe
 * storage with a token-protected listener (HardenedServerAdapter) and outbound links
 * (LinkClientAdapter) to the other laptops, the same pieces the sync node is built from.
 *
 *   node --import tsx reliability/children/peer-child.ts <index> <dataDir> <baseFile> <token> <fresh|restart> [linkUrl...]
 *
 * Prints `listening <port>`, then answers one JSON line per stdin command:
 *   {"op":"edit","doc":0,"kind":3,"pick":7,"text":"..."}  → {"ok":true,"id":"..."} once flushed to disk
 *   {"op":"heads"}  → {"heads":[[...],[...]]}
 *   {"op":"dump"}   → {"docs":["<canonical json>", ...], "ids":[[commitment ids], [milestone ids]]}
 */
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Repo, type DocHandle, type DocumentId, type PeerId } from "@automerge/automerge-repo";
import { addCommitment, editCommitment, moveCommitment, removeCommitment } from "../../shared/commands/commitments";
import { addMilestone, linkCommitment } from "../../shared/commands/milestones";
import { renameAccount } from "../../shared/commands/account";
import { type AccountDoc } from "../../shared/account/schema";
import { HardenedServerAdapter } from "../../src/node/network/hardened-server-adapter";
import { sameToken, startListener } from "../../src/node/network/listener";
import { LinkClientAdapter } from "../../src/node/links/link-client-adapter";
import { CrashSafeStorage } from "../../src/node/storage/crash-safe-storage";

const [indexArg, dataDir, baseFile, token, mode, ...links] = process.argv.slice(2);
const index = Number(indexArg);
const base = JSON.parse(await readFile(baseFile!, "utf8")) as { docs: Array<{ id: string; bytes: string }> };

const server = new HardenedServerAdapter({ keepAliveIntervalMs: 1000 });
const outbound = links.map((url) => new LinkClientAdapter({ url, token: token!, name: `peer-${index}`, minRetryMs: 100, maxRetryMs: 800 }));
const repo = new Repo({ storage: new CrashSafeStorage(dataDir!), network: [server, ...outbound], peerId: `peer-${index}` as PeerId });
const listener = await startListener({ host: "127.0.0.1", port: 0, adapter: server, authorize: (t) => (sameToken(t, token) ? { kind: "team-member", label: `peer of ${index}` } : undefined) });

const handles: Array<DocHandle<AccountDoc>> = [];
for (const d of base.docs) {
  // First start: the shared starting point (as after a first sync). Restart: from this laptop's disk.
  const h =
    mode === "fresh"
      ? repo.import<AccountDoc>(new Uint8Array(Buffer.from(d.bytes, "base64")), { docId: d.id as DocumentId })
      : await repo.find<AccountDoc>(d.id as DocumentId);
  await h.whenReady();
  handles.push(h);
}
await repo.flush();
process.stdout.write(`listening ${listener.port}\n`);

function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === "object" && !(v instanceof Uint8Array)) {
    const s = String(v);
    if (s !== "[object Object]") return s;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]));
  }
  return v;
}

let editCount = 0;
const by = { id: `p${index}`, name: `Person ${index}` };
for await (const line of createInterface({ input: process.stdin })) {
  const cmd = JSON.parse(line) as { op: string; doc?: number; kind?: number; pick?: number; text?: string };
  const reply = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);
  try {
    if (cmd.op === "edit") {
      const h = handles[cmd.doc! % handles.length]!;
      const commitments = Object.keys(h.doc().commitments).sort();
      const milestones = Object.keys(h.doc().milestones).sort();
      const pick = cmd.pick ?? 0;
      const target = commitments.length ? commitments[pick % commitments.length] : undefined;
      const id = `p${index}-${process.pid}-${editCount++}`;
      let added: string | null = null;
      h.change((d) => {
        switch (target === undefined ? 0 : cmd.kind! % 7) {
          case 0:
            addCommitment(d, { id, text: cmd.text ?? "", by, at: new Date().toISOString() });
            added = `c:${id}`;
            return;
          case 1:
            editCommitment(d, { id: target!, text: `${cmd.text} ${d.commitments[target!]?.text ?? ""}`.slice(0, 80) });
            return;
          case 2:
            moveCommitment(d, { id: target!, toIndex: pick % (commitments.length + 1) });
            return;
          case 3:
            removeCommitment(d, { id: target! });
            added = `r:${target}`;
            return;
          case 4:
            addMilestone(d, { id, title: cmd.text ?? "", by, at: new Date().toISOString(), commitmentIds: [target!] });
            added = `m:${id}`;
            return;
          case 5:
            if (milestones.length) linkCommitment(d, { milestoneId: milestones[pick % milestones.length]!, commitmentId: target!, linked: pick % 2 === 0 });
            return;
          default:
            renameAccount(d, { name: `Account ${cmd.text}` });
        }
      });
      await repo.flush([h.documentId]);
      reply({ ok: true, id: added });
    } else if (cmd.op === "heads") {
      reply({ heads: handles.map((h) => [...h.heads()].sort()) });
    } else if (cmd.op === "dump") {
      reply({ docs: handles.map((h) => JSON.stringify(canon(h.doc()))), ids: handles.map((h) => [Object.keys(h.doc().commitments), Object.keys(h.doc().milestones)]) });
    } else reply({ error: `unknown op ${cmd.op}` });
  } catch (e) {
    reply({ error: (e as Error).message });
  }
}
