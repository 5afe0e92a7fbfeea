/**
 * automerge-repo's own network adapter acceptance suite, run on LinkClientAdapter (real
 * WebSockets on 127.0.0.1, a free port per setup), twice:
 *
 * - against Baton's HardenedServerAdapter behind its listener: the pairing of a laptop
 *   joining a meeting or reaching the team server;
 * - against automerge-repo's stock WebSocketServerAdapter, so a change in the stock wire
 *   protocol shows up even if Baton's server changed the same way.
 *
 * The server is the suite's first peer, as in upstream's own WebSocket adapter tests. The
 * suite's "can sync" cases give a client 50 ms to join before the second peer asks for a
 * document; with a link first, that asker is the server, which has nobody to ask until
 * the link has joined, and on a loaded machine the cases became races (measured with the
 * hardened server second: "can sync 2 repos" or "3 repos" failed all three attempts in 2
 * runs of 6 under load). With the server first, the disconnect and reconnect cases drop
 * the links from the server's side and check that a link reports it and comes back by
 * itself; a link's own disconnect() runs in every teardown. The suite is imported through
 * the package's public `./helpers/*.js` export. Why the suites are retried: see
 * NETWORK_SUITE_RETRIES in hardened-server-adapter.acceptance.test.ts.
 */
import { runNetworkAdapterTests } from "@automerge/automerge-repo/helpers/tests/network-adapter-tests.js";
import { WebSocketServerAdapter } from "@automerge/automerge-repo-network-websocket";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { afterEach, describe } from "vitest";
import { HardenedServerAdapter, type PeerGrant } from "../network/hardened-server-adapter.js";
import { sameToken, startListener } from "../network/listener.js";
import { LinkClientAdapter } from "./link-client-adapter.js";

const TOKEN = "acceptance-suite-token";
const GRANT: PeerGrant = { kind: "team-member", label: "acceptance suite" };
const NETWORK_SUITE_RETRIES = 2;

/**
 * The suite calls teardown without awaiting it, and not at all when a case fails: every
 * setup's stop runs (once) and is awaited after each test.
 */
const stops = new Set<() => Promise<void>>();
afterEach(async () => {
  await Promise.all([...stops].map((stop) => stop()));
  stops.clear();
});

/** The suite's teardown for a setup: starts `stop`, which afterEach also awaits. */
function teardownBy(stop: () => Promise<void>): () => void {
  let stopped: Promise<void> | undefined;
  const once = (): Promise<void> => (stopped ??= stop());
  stops.add(once);
  return () => void once();
}

function linkClients(url: string): [LinkClientAdapter, LinkClientAdapter] {
  // A short first retry: the suite's reconnect case waits for the link to come back.
  const options = { url, token: TOKEN, minRetryMs: 50, maxRetryMs: 200 };
  return [new LinkClientAdapter({ ...options, name: "first" }), new LinkClientAdapter({ ...options, name: "second" })];
}

describe("LinkClientAdapter against Baton's hardened server", { retry: NETWORK_SUITE_RETRIES }, () => {
  runNetworkAdapterTests(async () => {
    const server = new HardenedServerAdapter();
    const listener = await startListener({
      host: "127.0.0.1",
      port: 0,
      adapter: server,
      authorize: (token) => (sameToken(token, TOKEN) ? GRANT : undefined),
    });
    const [first, second] = linkClients(listener.url);
    const stop = async (): Promise<void> => {
      first.disconnect();
      second.disconnect();
      server.disconnect();
      await listener.close();
    };
    return { adapters: [server, first, second], teardown: teardownBy(stop) };
  }, "link clients, hardened server");
});

describe("LinkClientAdapter against automerge-repo's stock server", { retry: NETWORK_SUITE_RETRIES }, () => {
  runNetworkAdapterTests(async () => {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve, reject) => {
      wss.once("listening", resolve);
      wss.once("error", reject);
    });
    // The stock adapter types its server through isomorphic-ws, which in Node is this same `ws` class.
    const server = new WebSocketServerAdapter(wss as unknown as ConstructorParameters<typeof WebSocketServerAdapter>[0]);
    const [first, second] = linkClients(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    const stop = async (): Promise<void> => {
      first.disconnect();
      second.disconnect();
      server.disconnect();
      // Closing the server also stops the stock adapter's keep-alive timer.
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    };
    return { adapters: [server, first, second], teardown: teardownBy(stop) };
  }, "stock server, link clients");
});
