/**
 * Worker for reliability/soak.ts: many sync clients (automerge-repo Repos on Baton's
 * LinkClientAdapter, one WebSocket and one person's token each) in one process. Driven by the parent over IPC:
 *
 *   → {type:"setup", url, clients:[{person, token, accounts:[{id, bytes?}]}], seed}
 *   ← {type:"ready"}                   every client has every one of its accounts
 *   → {type:"edit", untilMs, meanGapMs}
 *   ← {type:"edited", made:{docId:[ids]}, errors}
 *   → {type:"verify", expected:{docId:[ids]}, timeoutMs}
 *   ← {type:"verified", missing, delays:[ms...], errors}
 *
 * An edit adds a commitment (shared/commands) whose text carries the time it was made, so
 * every other member can measure how long it took to reach them (the sync delay).
 */
import { Repo, type DocHandle, type DocumentId, type PeerId } from "@automerge/automerge-repo";
import { LinkClientAdapter } from "../../src/node/links/link-client-adapter";
import { addCommitment } from "../../shared/commands/commitments";
import { changeMessage } from "../../shared/attribution";
import { type AccountDoc } from "../../shared/account/schema";
import { Rng } from "../lib/prng";

interface ClientSpec {
  person: string;
  token: string;
  accounts: Array<{ id: string; bytes?: string }>;
}
type Msg =
  | { type: "setup"; url: string; clients: ClientSpec[]; seed: number }
  | { type: "edit"; untilMs: number; meanGapMs: number }
  | { type: "verify"; expected: Record<string, string[]>; timeoutMs: number }
  | { type: "stop" };

interface Client {
  spec: ClientSpec;
  repo: Repo;
  handles: Array<DocHandle<AccountDoc>>;
  seen: Set<string>;
}

let errors = 0;
const errorSamples: string[] = [];
const noteError = (what: string) => {
  errors++;
  if (errorSamples.length < 10) errorSamples.push(what);
};
process.on("uncaughtException", (e) => noteError(`uncaught: ${e.message}`));
// automerge-repo reports some failures only through console.log ("sync with peers threw an
// exception", "error receiving message"): count those as errors too.
console.log = (...args: unknown[]) => noteError(`automerge-repo: ${args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ").slice(0, 300)}`);
process.on("unhandledRejection", (e) => noteError(`unhandled: ${String(e)}`));

const send = (m: unknown) => process.send?.(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clients: Client[] = [];
const delays: number[] = [];
let rng = new Rng(1);

async function findWithRetry(repo: Repo, id: string, deadline: number): Promise<DocHandle<AccountDoc>> {
  for (;;) {
    try {
      return await repo.find<AccountDoc>(id as DocumentId, { signal: AbortSignal.timeout(10_000) });
    } catch (e) {
      // The owner may not have uploaded it yet: the server says unavailable until then.
      if (Date.now() > deadline) throw e;
      await sleep(500 + rng.int(1000));
    }
  }
}

function watch(c: Client, h: DocHandle<AccountDoc>): void {
  const scan = () => {
    const now = Date.now();
    for (const [id, commitment] of Object.entries(h.doc().commitments ?? {})) {
      if (c.seen.has(id)) continue;
      c.seen.add(id);
      if (id.startsWith(`${c.spec.person}-`)) continue; // our own
      const m = /t=(\d+)/.exec(commitment.text ?? "");
      if (m) delays.push(now - Number(m[1]));
    }
  };
  h.on("change", scan);
  scan();
}

async function setup(url: string, specs: ClientSpec[], seed: number): Promise<void> {
  rng = new Rng(seed);
  // Owners first: each imports and so uploads its accounts (becoming their first member).
  for (const spec of specs) {
    // Baton's own link (what a laptop's sync node uses to reach the server): it retries with
    // backoff and never throws on a network fault, unlike the stock client adapter.
    const repo = new Repo({ network: [new LinkClientAdapter({ url: `${url}/`, token: spec.token, name: spec.person, minRetryMs: 500, maxRetryMs: 5000 })], peerId: `soak-${spec.person}` as PeerId });
    const c: Client = { spec, repo, handles: [], seen: new Set() };
    for (const a of spec.accounts) {
      if (a.bytes) c.handles.push(repo.import<AccountDoc>(new Uint8Array(Buffer.from(a.bytes, "base64")), { docId: a.id as DocumentId }));
    }
    clients.push(c);
  }
  await sleep(3000);
  const deadline = Date.now() + 180_000;
  await Promise.all(
    clients.map(async (c) => {
      for (const a of c.spec.accounts) if (!a.bytes) c.handles.push(await findWithRetry(c.repo, a.id, deadline));
      for (const h of c.handles) watch(c, h);
    }),
  );
}

async function edit(untilMs: number, meanGapMs: number): Promise<Record<string, string[]>> {
  const made: Record<string, string[]> = {};
  await Promise.all(
    clients.map(async (c) => {
      let seq = 0;
      await sleep(rng.int(meanGapMs));
      while (Date.now() < untilMs) {
        const h = rng.pick(c.handles);
        const id = `${c.spec.person}-${seq++}`;
        const by = { id: c.spec.person, name: c.spec.person };
        try {
          h.change((d) => addCommitment(d, { id, text: `soak t=${Date.now()}`, by, at: new Date().toISOString() }), { message: changeMessage(by, "Added a commitment") });
          (made[h.documentId] ??= []).push(id);
        } catch (e) {
          noteError(`edit: ${(e as Error).message}`);
        }
        await sleep(meanGapMs / 2 + rng.int(meanGapMs));
      }
    }),
  );
  return made;
}

async function verify(expected: Record<string, string[]>, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const missingNow = () => {
    let missing = 0;
    for (const c of clients)
      for (const h of c.handles) {
        const have = h.doc().commitments ?? {};
        for (const id of expected[h.documentId] ?? []) if (!have[id]) missing++;
      }
    return missing;
  };
  let missing = missingNow();
  while (missing > 0 && Date.now() < deadline) {
    await sleep(500);
    missing = missingNow();
  }
  return missing;
}

process.on("message", (raw) => {
  const m = raw as Msg;
  void (async () => {
    try {
      if (m.type === "setup") {
        await setup(m.url, m.clients, m.seed);
        send({ type: "ready", clients: clients.length });
      } else if (m.type === "edit") {
        const made = await edit(m.untilMs, m.meanGapMs);
        send({ type: "edited", made, errors, errorSamples });
      } else if (m.type === "verify") {
        const missing = await verify(m.expected, m.timeoutMs);
        send({ type: "verified", missing, delays, errors, errorSamples });
      } else if (m.type === "stop") {
        for (const c of clients) await c.repo.shutdown().catch(() => undefined);
        process.exit(0);
      }
    } catch (e) {
      send({ type: "failed", error: (e as Error).message });
    }
  })();
});
send({ type: "started" });
