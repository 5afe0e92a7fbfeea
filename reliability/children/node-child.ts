/**
 * Child process for reliability/kill-rounds.ts: a real SyncNode (the same class the
 * desktop app and browser mode start) on a data folder, plus a "renderer" — a stock
 * automerge-repo client on the node's token-protected WebSocket — that edits accounts in a
 * burst through shared/commands. An edit is acknowledged (`ack <docId> <editId>`) only once
 * the node holds it and `repo.flush()` has resolved, i.e. it is on disk: what the UI may
 * show as saved. The parent SIGKILLs this process at random moments.
 *
 *   node --import tsx reliability/children/node-child.ts <dataDir> [--accounts N] [--burst] [--server URL TOKEN] [--seed S]
 *
 * Lines: `loaded <json>` (each account's commitment ids after start, or an error),
 * `damaged <json>` (status().damaged), `ack <docId> <id>`, `synced`, `ready`.
 */
import { randomUUID } from "node:crypto";
import { Repo, type DocHandle, type DocumentId, type PeerId } from "@automerge/automerge-repo";
import { LinkClientAdapter } from "../../src/node/links/link-client-adapter";
import { addCommitment, editCommitment } from "../../shared/commands/commitments";
import { changeMessage } from "../../shared/attribution";
import { type AccountDoc } from "../../shared/account/schema";
import { SyncNode } from "../../src/node/sync-node";
import { Rng } from "../lib/prng";

const argv = process.argv.slice(2);
const dataDir = argv[0]!;
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const accountsWanted = Number(opt("accounts") ?? 3);
const serverAt = argv.indexOf("--server");
const rng = new Rng(Number(opt("seed") ?? 1));
const out = (line: string) => process.stdout.write(`${line}\n`);

const node = await SyncNode.start({ dataDir, meetingBind: "127.0.0.1" });
if (!node.handlers.status().profile) await node.handlers.saveProfile({ name: "Kill Tester", role: "rep", phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
while (node.handlers.accounts().length < accountsWanted) await node.handlers.createAccount({ name: `Account ${node.handlers.accounts().length + 1}` });
const ids = node.handlers.accounts().map((a) => a.documentId);

// Open every account as the UI would, and say what each holds (or why it does not open).
const loaded: Record<string, string[] | { error: string }> = {};
for (const id of ids) {
  try {
    const h = await node.repo.find<AccountDoc>(id as DocumentId, { signal: AbortSignal.timeout(5000) });
    loaded[id] = Object.keys(h.doc().commitments ?? {}).sort();
  } catch (e) {
    loaded[id] = { error: (e as Error).message };
  }
}
await new Promise((r) => setTimeout(r, 200)); // let the status settle (damage is reported as chunks are read)
out(`loaded ${JSON.stringify(loaded)}`);
out(`damaged ${JSON.stringify(node.handlers.status().damaged)}`);

if (serverAt >= 0) {
  await node.handlers.saveServer({ url: argv[serverAt + 1]!, token: argv[serverAt + 2]! });
  // Wait until the server link says every account is in step.
  const end = Date.now() + 60_000;
  while (Date.now() < end && !node.handlers.status().links.some((l) => l.kind === "team-server" && l.synced)) await new Promise((r) => setTimeout(r, 100));
  // Re-read accounts that could not be opened: they may have come back from the server.
  for (const id of ids) {
    try {
      const h = await node.repo.find<AccountDoc>(id as DocumentId, { signal: AbortSignal.timeout(10_000) });
      loaded[id] = Object.keys(h.doc().commitments ?? {}).sort();
    } catch (e) {
      loaded[id] = { error: (e as Error).message };
    }
  }
  out(`synced ${JSON.stringify(loaded)}`);
  out(`damaged ${JSON.stringify(node.handlers.status().damaged)}`);
}

process.on("SIGTERM", () => {
  void node.stop().then(() => process.exit(0));
});

if (argv.includes("--burst")) {
  // The window's link: Baton's LinkClientAdapter (the stock client adapter crashes the process
  // when a retry overlaps a slow connect: it drops the old socket's error listener).
  const window = new Repo({ network: [new LinkClientAdapter({ url: `ws://127.0.0.1:${node.port}/`, token: node.token, minRetryMs: 200, maxRetryMs: 1000 })], peerId: `window-${randomUUID()}` as PeerId });
  const handles: Array<DocHandle<AccountDoc>> = [];
  for (const id of ids) handles.push(await window.find<AccountDoc>(id as DocumentId));
  const by = { id: "p-kill", name: "Kill Tester" };
  const pending = new Map<string, string>(); // editId -> docId
  out("ready");
  // Edits keep coming (a person typing fast, or an import) while acknowledgements trail behind.
  const editor = (async () => {
    for (let n = 0; ; n++) {
      const h = rng.pick(handles);
      const id = `e${process.pid}-${n}`;
      const existing = Object.keys(h.doc().commitments);
      if (existing.length > 0 && rng.chance(0.5)) {
        // Also retype an existing commitment (acknowledged through the marker commitment below).
        const target = rng.pick(existing);
        h.change((d) => editCommitment(d, { id: target, text: `retyped ${n}` }), { message: changeMessage(by, "Edited a commitment") });
      }
      h.change((d) => addCommitment(d, { id, text: `edit ${n} ${"x".repeat(rng.int(30))}`, by, at: new Date().toISOString() }), { message: changeMessage(by, "Added a commitment") });
      pending.set(id, h.documentId);
      // A fast typist's pace; the documents stay the size of real accounts over 100 rounds.
      await new Promise((r) => setTimeout(r, 15 + rng.int(40)));
    }
  })();
  const acker = (async () => {
    for (;;) {
      // What the node holds now; once flushed, it is on disk.
      const held = new Map<string, Set<string>>();
      for (const id of ids) {
        const h = node.repo.handles[id as DocumentId] as DocHandle<AccountDoc> | undefined;
        held.set(id, new Set(h?.isReady() ? Object.keys(h.doc().commitments) : []));
      }
      await node.repo.flush();
      for (const [editId, docId] of pending) {
        if (held.get(docId)?.has(editId)) {
          out(`ack ${docId} ${editId}`);
          pending.delete(editId);
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await Promise.all([editor, acker]);
} else {
  out("ready");
}
