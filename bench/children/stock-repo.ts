/**
 * Bench child: the baseline. A plain automerge-repo Repo with the stock parts only —
 * NodeFS storage and the stock WebSocket adapters — as a server (listening) or a client.
 */
import { WebSocketServer } from "ws";
import { Repo, type PeerId } from "@automerge/automerge-repo";
import { WebSocketClientAdapter, WebSocketServerAdapter } from "@automerge/automerge-repo-network-websocket";
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs";
import type { AccountDoc, Profile } from "../../shared";
import { changeMessage, createAccount } from "../../shared";
import { serve } from "../lib/ipc";
import { docCommands } from "./common";

let repo: Repo | null = null;
let server: WebSocketServer | null = null;
let client: WebSocketClientAdapter | null = null;

const requireRepo = (): Repo => {
  if (!repo) throw new Error("repo not started");
  return repo;
};

serve({
  ...docCommands(requireRepo),
  async startServer({ dataDir }: { dataDir: string }) {
    server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((r) => server!.once("listening", () => r()));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    repo = new Repo({ storage: new NodeFSStorageAdapter(dataDir), network: [new WebSocketServerAdapter(server as unknown as ConstructorParameters<typeof WebSocketServerAdapter>[0])], peerId: `stock-server-${String(process.pid)}` as PeerId });
    return `ws://127.0.0.1:${String(port)}`;
  },
  /** Listen for clients and also connect to `url` as a client: the middle of a chain. */
  async startRelay({ dataDir, url }: { dataDir: string; url: string }) {
    server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((r) => server!.once("listening", () => r()));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    client = new WebSocketClientAdapter(url);
    const listening = new WebSocketServerAdapter(server as unknown as ConstructorParameters<typeof WebSocketServerAdapter>[0]);
    repo = new Repo({ storage: new NodeFSStorageAdapter(dataDir), network: [client, listening], peerId: `stock-relay-${String(process.pid)}` as PeerId });
    // Connected to A before anyone asks it for a document (else it answers "unavailable").
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the relay never reached its upstream repo")), 10_000);
      repo!.networkSubsystem.once("peer", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return `ws://127.0.0.1:${String(port)}`;
  },
  async startClient({ dataDir, url }: { dataDir: string; url: string }) {
    client = new WebSocketClientAdapter(url);
    repo = new Repo({ storage: new NodeFSStorageAdapter(dataDir), network: [client], peerId: `stock-client-${String(process.pid)}` as PeerId });
    await repo.networkSubsystem.whenReady();
  },
  /** Create an account document with Baton's command, as the baseline's starting point. */
  async createAccount({ name, by }: { name: string; by: Profile }) {
    const h = requireRepo().create<AccountDoc>();
    h.change((d) => createAccount(d, { name, by, at: new Date().toISOString() }), { message: changeMessage(by, "Created the account") });
    await requireRepo().flush([h.documentId]);
    return h.documentId;
  },
  /** Go offline: drop the link to the server. */
  disconnect() {
    if (client) requireRepo().networkSubsystem.removeNetworkAdapter(client);
    client = null;
  },
  /** Come back online: a new stock client adapter to the server. */
  connect({ url }: { url: string }) {
    client = new WebSocketClientAdapter(url);
    requireRepo().networkSubsystem.addNetworkAdapter(client);
  },
  async stop() {
    if (!repo) return;
    await repo.flush();
    await repo.shutdown();
    server?.close();
    repo = null;
  },
});
