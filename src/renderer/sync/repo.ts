/**
 * The window's automerge-repo: no storage (the sync node is the source of truth on this
 * device) and one WebSocket to the node. It also tracks whether the node is connected
 * and which storage id it has, so "All changes saved" can compare our heads with the
 * heads the node has acknowledged.
 *
 * The repo and its socket start only once Automerge's wasm is ready (`engine`): no
 * document can be read before the wasm is initialised (the node sends the window only the
 * accounts it asks for). Nothing but an open account waits
 * for it — the list and Today are drawn from the node's summaries meanwhile.
 */
import { Repo, type DocHandle, type DocumentId, type PeerId, type StorageId } from "@automerge/automerge-repo/slim";
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
import { load, merge, type Doc } from "@automerge/automerge/slim";

export interface NodeLink {
  connected: boolean;
  /** The node's storage id, known once it has said hello. */
  storageId: StorageId | null;
}

export interface WindowRepo {
  /** The repo, once Automerge's wasm is ready; rejects with why when it could not load. */
  ready(): Promise<Repo>;
  link(): NodeLink;
  /** The peer id of this device's sync node, once it has said hello. */
  nodePeerId(): PeerId | null;
  onLinkChange(listener: () => void): () => void;
  /** Point the window at a node that moved (restarted with a new port or token); unsaved edits stay in memory and follow. */
  moveTo(wsUrl: string): void;
  /**
   * Start an account from the node's saved document (`api.savedDocument`) instead of its
   * whole history over sync; the sync that follows brings only what is newer. False when
   * the window already has the account or the bytes are not a document.
   */
  startFromSaved(documentId: DocumentId, saved: Uint8Array): boolean;
  /**
   * Hand the repo an account the window loaded itself (from the node's saved document):
   * its handle, ready. Where the repo holds the account already, the loaded document is
   * merged into it. Throws when the repo has not started.
   */
  adopt<T>(documentId: DocumentId, doc: Doc<T>): DocHandle<T>;
  /**
   * Let an account go from the window (one started ahead and never opened); the node keeps
   * it. Until it is started or wanted again, what the node sends about it is refused.
   */
  letGo(documentId: DocumentId): Promise<void>;
  /** The account is wanted again (being opened): the node's messages about it are accepted. */
  want(documentId: DocumentId): void;
  /** The window holds this account already (false while the repo has not started). */
  has(documentId: DocumentId): boolean;
  close(): void;
}

function adoptInto<T>(repo: Repo, documentId: DocumentId, doc: Doc<T>): DocHandle<T> {
  const held = repo.handles[documentId] as DocHandle<T> | undefined;
  if (held) {
    held.update((d) => merge(d, doc));
    if (!held.isReady()) held.doneLoading();
    return held;
  }
  const handle = repo.import<T>(new Uint8Array(0), { docId: documentId });
  handle.update(() => doc);
  handle.doneLoading();
  return handle;
}

export function createWindowRepo(wsUrl: string, engine: Promise<void>): WindowRepo {
  let state: NodeLink = { connected: false, storageId: null };
  const listeners = new Set<() => void>();
  const set = (next: NodeLink) => {
    state = next;
    for (const l of listeners) l();
  };
  let nodePeer: PeerId | null = null;

  const adapterFor = (url: string) => {
    // Retry every second: the node is local, so a short gap should heal quickly.
    const adapter = new WebSocketClientAdapter(url, 1000);
    adapter.on("peer-candidate", ({ peerId, peerMetadata }) => {
      if (adapter !== current) return;
      nodePeer = peerId;
      set({ connected: true, storageId: (peerMetadata.storageId as StorageId | undefined) ?? null });
    });
    adapter.on("peer-disconnected", ({ peerId }) => {
      if (adapter === current && peerId === nodePeer) set({ connected: false, storageId: state.storageId });
    });
    return adapter;
  };
  let url = wsUrl;
  let current: WebSocketClientAdapter | null = null;
  let repo: Repo | null = null;
  let closed = false;
  /** Accounts let go: the node's messages about them are refused until one is started again. */
  const refused = new Set<DocumentId>();
  const started = engine.then(() => {
    if (closed) throw new Error("This window closed its connection to the node.");
    current = adapterFor(url);
    repo = new Repo({
      network: [current],
      shareConfig: {
        announce: async () => true,
        // What the node sends about an account let go (its changes, live edits) would bring
        // it back whole, history and all, as if asked for: refused until it is wanted again.
        access: async (_peer, documentId) => !documentId || !refused.has(documentId),
      },
    });
    return repo;
  });
  // Whoever opens an account is told why it failed; nobody else waits for it.
  started.catch(() => undefined);

  return {
    ready: () => started,
    link: () => state,
    nodePeerId: () => nodePeer,
    onLinkChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    has: (documentId) => !!repo?.handles[documentId],
    async letGo(documentId) {
      const handle = repo?.handles[documentId];
      if (!repo || !handle?.isReady()) return;
      // An unload swaps the document for an empty one and says so as a change: silenced
      // first, so nothing in the window sees the account emptied. Nothing is saved here.
      refused.add(documentId);
      handle.removeAllListeners();
      await repo.removeFromCache(documentId);
    },
    want(documentId) {
      refused.delete(documentId);
    },
    startFromSaved(documentId, saved) {
      if (!repo || repo.handles[documentId]) return false;
      refused.delete(documentId);
      try {
        // Loaded whole, not merged into an empty document: repo.import's merge builds the
        // JS object through a patch for every part, about twice the time of a load.
        adoptInto(repo, documentId, load<unknown>(saved));
        return true;
      } catch {
        return false;
      }
    },
    adopt<T>(documentId: DocumentId, doc: Doc<T>) {
      if (!repo) throw new Error("The window's document engine has not started.");
      refused.delete(documentId);
      return adoptInto(repo, documentId, doc);
    },
    moveTo(next) {
      url = next;
      if (!repo || !current) return;
      const old = current;
      current = adapterFor(next);
      repo.networkSubsystem.removeNetworkAdapter(old);
      try {
        old.disconnect();
      } catch {
        // It never connected; nothing to close.
      }
      set({ connected: false, storageId: state.storageId });
      repo.networkSubsystem.addNetworkAdapter(current);
    },
    close() {
      closed = true;
      void repo?.shutdown();
    },
  };
}
