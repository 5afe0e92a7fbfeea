/** Bench child: one Baton sync node (or the team relay) in its own process, as on a laptop. */
import type { DocumentId } from "@automerge/automerge-repo";
import type { AccountDoc } from "../../shared";
import { applyLiveChange, isLiveChange } from "../../shared/live-edits";
import { SyncNode } from "../../src/node/sync-node";
import { startRelay, type Relay } from "../../src/server/relay/relay";
import { serve } from "../lib/ipc";
import { docCommands } from "./common";

let node: SyncNode | null = null;
let relay: Relay | null = null;
/** The node's own log lines (refused peers, damaged chunks…), for diagnosis. */
const logs: string[] = [];

const requireNode = (): SyncNode => {
  if (!node) throw new Error("node not started");
  return node;
};

serve({
  ...docCommands(() => (node ?? relay)!.repo),
  async start({ dataDir }: { dataDir: string }) {
    node = await SyncNode.start({ dataDir, port: 0, meetingBind: "127.0.0.1", log: (line) => logs.push(line) });
    return node.endpoint();
  },
  async startRelay({ dataDir, token }: { dataDir: string; token: string }) {
    relay = await startRelay({ dataDir, host: "127.0.0.1", port: 0, token, log: (line) => logs.push(line) });
    return relay.url;
  },
  accounts: () => requireNode().handlers.accounts(),
  logs: () => logs,
  /** Resolves once the node's engine warm-up has ended (src/node/engine-warm-up.ts logs it), or after `timeoutMs`; says which. */
  async engineWarmedUp({ timeoutMs }: { timeoutMs: number }) {
    const t0 = performance.now();
    const ended = () => logs.some((l) => /^engine (warmed|warm-up)/.test(l));
    while (!ended() && performance.now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, 50));
    return ended();
  },
  /** Load every account of the library (what the app never does at start), until a deadline. */
  async loadAll({ deadlineMs }: { deadlineMs: number }) {
    const n = requireNode();
    const t0 = performance.now();
    let loaded = 0;
    for (const a of n.handlers.accounts()) {
      if (performance.now() - t0 > deadlineMs) break;
      await n.repo.find(a.documentId as DocumentId);
      loaded += 1;
    }
    return { ms: performance.now() - t0, loaded };
  },
  /**
   * Diagnosis only (--diagnose): attach, to one document, the exact live-change handler
   * SyncNode#watch means to attach to every document. Shows what the fast path gives
   * when it is wired, independently of how the node finds its handles.
   */
  async attachLiveHandler({ documentId }: { documentId: string }) {
    const h = await requireNode().repo.find<AccountDoc>(documentId as DocumentId);
    h.on("ephemeral-message", ({ message }) => {
      if (isLiveChange(message) && h.isReady()) h.update((doc) => applyLiveChange(doc, message));
    });
  },
  async flush() {
    await requireNode().repo.flush();
  },
  async stop() {
    await node?.stop();
    await relay?.stop();
    node = null;
    relay = null;
  },
});
