/**
 * The team sync server: an always-on automerge-repo relay with Baton's crash-safe
 * storage, token authentication at the WebSocket upgrade and a health endpoint
 * (DESIGN.md "Sync topologies", 3). It never announces documents: a client gets a
 * document only by asking for it by id.
 */
import { resolve } from "node:path";
import { mkdir } from "node:fs/promises";
import { Repo } from "@automerge/automerge-repo";
import type { PeerId } from "@automerge/automerge-repo";
import { HardenedServerAdapter } from "../network/hardened-server-adapter";
import { sameToken, startListener, tokenFrom, type Listener } from "../network/listener";
import { CrashSafeStorage } from "../storage/crash-safe-storage";

export interface RelayOptions {
  dataDir: string;
  host: string;
  port: number;
  token: string;
  tls?: { cert: string; key: string };
  log?: (line: string) => void;
}

export interface Relay {
  url: string;
  port: number;
  repo: Repo;
  stop(): Promise<void>;
}

export async function startRelay(o: RelayOptions): Promise<Relay> {
  const dataDir = resolve(o.dataDir);
  await mkdir(dataDir, { recursive: true });
  const adapter = new HardenedServerAdapter({ log: o.log });
  const storage = new CrashSafeStorage(dataDir, {
    onDamaged: (r) => o.log?.(`damaged chunk ${r.path}: ${r.reason}`),
  });
  const repo = new Repo({
    storage,
    network: [adapter],
    peerId: `baton-sync-server-${process.pid}` as PeerId,
    shareConfig: {
      announce: async () => false,
      access: async (peerId) => adapter.grantOf(peerId) !== undefined,
    },
  });
  const listener: Listener = await startListener({
    host: o.host,
    port: o.port,
    tls: o.tls,
    adapter,
    authorize: (token) => (sameToken(token, o.token) ? { kind: "team-member", label: "team member" } : undefined),
    onHttpRequest: (req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (path === "/healthz" && req.method === "GET") {
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ ok: true, peers: adapter.connectedPeers().length }));
        return;
      }
      if (path === "/whoami" && req.method === "GET") {
        if (!sameToken(tokenFrom(req), o.token)) {
          res.writeHead(401, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "invalid token" }));
          return;
        }
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ label: "team member" }));
        return;
      }
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Baton sync server. Connect with a WebSocket and a token.\n");
    },
  });
  return {
    url: listener.url,
    port: listener.port,
    repo,
    async stop() {
      await listener.close();
      await repo.flush();
      await repo.shutdown();
    },
  };
}
