/**
 * The real nodes the wrong-content fuzzer writes into, on 127.0.0.1 only:
 *
 * - a team sync server (src/server/relay/relay.ts) with per-person tokens: Ana (the
 *   node's person), Mallory (the attacker, a member of the accounts she is given) and Bob
 *   (who keeps an account of his own there);
 * - a SyncNode whose person is Ana, linked to that server, holding the accounts: the one
 *   it hosts a meeting for, the one Mallory is a team member of, and one nobody attacks.
 *
 * Each fuzzed account is a full account made by the node's own commands. Used in-process
 * by `npm test` (src/node/content-fuzz.test.ts) and in a child process by the full-size
 * script (reliability/content-fuzz-target.ts).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Repo, type DocHandle, type DocumentId, type PeerId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import type { AccountDoc } from "../../shared/account/schema";
import { createAccount } from "../../shared/commands/account";
import { parseMeetingCode } from "../../shared/meeting-code";
import { keepRunningOnBackgroundFailures } from "../../src/node/process-guards";
import { SyncNode } from "../../src/node/sync-node";
import { hashToken } from "../../src/server/relay/people";
import { startRelay, type Relay } from "../../src/server/relay/relay";
import { ContentFuzzNode } from "./content-fuzz";

/** Where the attacker connects to write into an account. */
export interface AttackPoint {
  via: "meeting" | "team-server";
  documentId: string;
  /** WebSocket URL with the credential (the meeting's secret or Mallory's token). */
  url: string;
}

export interface ContentFixture {
  node: ContentFuzzNode;
  /** A new full account on the node, hosted as a meeting (the previous meeting ends). */
  meetingAccount(name: string): Promise<AttackPoint>;
  /** A new full account on the node that Mallory is a team member of, once the server has it. */
  serverAccount(name: string): Promise<AttackPoint>;
  /** Accounts nobody attacks: one on the node (and the server), and Bob's on the server. */
  untouched: string[];
  /** Everything the node, the server and the guards logged. */
  logs: string[];
  stop(): Promise<void>;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const ANA = { id: "ana", name: "Ana Rep", role: "rep" as const };

export async function startContentFixture(options: { guardProcess?: boolean } = {}): Promise<ContentFixture> {
  const dir = await mkdtemp(join(tmpdir(), "baton-content-fuzz-"));
  const logs: string[] = [];
  const log = (line: string) => void logs.push(line);
  // As the desktop app and browser mode do: a failed background write is logged, not fatal.
  if (options.guardProcess) keepRunningOnBackgroundFailures((line) => log(`uncaught: ${line}`));

  const tokens = { ana: `ana-${randomUUID()}`, mallory: `mallory-${randomUUID()}`, bob: `bob-${randomUUID()}` };
  const tokensFile = join(dir, "tokens.json");
  await writeFile(tokensFile, JSON.stringify({ people: Object.entries(tokens).map(([id, t]) => ({ id, name: id, token: hashToken(t) })) }));
  const relay: Relay = await startRelay({ dataDir: join(dir, "server"), host: "127.0.0.1", port: 0, tokensFile, log: (l) => log(`server: ${l}`) });

  const node = await SyncNode.start({ dataDir: join(dir, "node"), meetingBind: "127.0.0.1", mdnsPort: 20_000 + (process.pid % 1000) * 10 + 7, log: (l) => log(`node: ${l}`) });
  const profile = await node.handlers.saveProfile({ name: ANA.name, role: ANA.role, phone: null, email: null, reminderLeadMinutes: 10, personId: "" });
  await node.handlers.saveServer({ url: relay.url, token: tokens.ana });
  const side = new ContentFuzzNode(node, logs, profile, [relay.repo]);

  // Bob keeps an account of his own on the server.
  const bob = new Repo({ network: [new WebSocketClientAdapter(`${relay.url}/?token=${tokens.bob}`, 200)], peerId: "bob-laptop" as PeerId });
  const bobs = bob.create<AccountDoc>();
  bobs.change((d) => createAccount(d, { name: "Bob's deal", by: { id: "bob", name: "Bob", role: "rep" }, at: new Date().toISOString() }));
  const onServer = (id: string, theirs: DocHandle<unknown>) => () => {
    const h = relay.repo.handles[id as DocumentId];
    return !!h?.isReady() && h.heads().join() === theirs.heads().join();
  };
  await until(onServer(bobs.documentId, bobs), 15_000, "Bob's account on the server");
  await bob.shutdown();

  // An account of the node nobody attacks (the node also uploads it to the server).
  const secret = await side.createFullAccount("Secret deal");
  const nodeHandle = (id: string) => node.repo.handles[id as DocumentId] as DocHandle<unknown>;
  await until(onServer(secret, nodeHandle(secret)), 15_000, "the node's account on the server");

  return {
    node: side,
    untouched: [secret, bobs.documentId],
    logs,
    async meetingAccount(name) {
      const documentId = await side.createFullAccount(name);
      const meeting = await node.handlers.hostMeeting({ documentId });
      const code = parseMeetingCode(meeting.code);
      if (!code) throw new Error(`no join code: ${meeting.code}`);
      return { via: "meeting", documentId, url: `ws://${code.host}:${code.port}/?token=${code.secret}&name=Mallory` };
    },
    async serverAccount(name) {
      const documentId = await side.createFullAccount(name, ["mallory"]);
      await until(onServer(documentId, nodeHandle(documentId)), 15_000, `${name} on the server`);
      await until(() => relay.membership.isMember(documentId as DocumentId, "mallory"), 15_000, `Mallory a member of ${name}`);
      return { via: "team-server", documentId, url: `${relay.url}/?token=${tokens.mallory}` };
    },
    async stop() {
      await node.stop();
      await relay.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Connections of the attackers that failed or were refused (and were retried). */
export const attackerConnectionErrors = { count: 0 };

/**
 * The stock client adapter, except that a failed connection never ends the process. The
 * stock one rethrows every error but "connection refused" from the socket's event (a 429
 * or 408 of the target's connection gate under load), and its `disconnect()` takes its
 * error listener off a socket that may still be connecting, whose refusal then has no
 * listener at all: either ended the test run or the harness, never the target. Both are
 * counted here and the client retries as the stock one does.
 */
class AttackerClientAdapter extends WebSocketClientAdapter {
  override onError = (): void => {
    attackerConnectionErrors.count += 1;
  };

  override connect(...args: Parameters<WebSocketClientAdapter["connect"]>): void {
    super.connect(...args);
    (this.socket as unknown as { on?: (event: string, listener: () => void) => void } | undefined)?.on?.("error", () => undefined);
  }
}

/** The attacker: a stock automerge-repo client on `point`, with the account open. */
export async function attackerOn(point: AttackPoint): Promise<{ repo: Repo; handle: DocHandle<AccountDoc> }> {
  const repo = new Repo({ network: [new AttackerClientAdapter(point.url, 200)] });
  // The stock client calls itself ready a second after it started, connected or not, and a
  // document asked for with no peer yet is "unavailable": wait for it to arrive once connected.
  const handle = await repo.find<AccountDoc>(point.documentId as DocumentId, { allowableStates: ["ready", "unavailable"], signal: AbortSignal.timeout(20_000) });
  await until(() => handle.isReady(), 20_000, `${point.via}: the attacker never got ${point.documentId}`).catch(async (e: Error) => {
    await repo.shutdown().catch(() => undefined);
    throw e;
  });
  return { repo, handle };
}
