/**
 * The node's links as the windows see them: whether a peer holds the same account as this
 * node, how a link is shown, and the "status" event, sent at most every 100 ms whenever
 * something in the status may have changed (a link came or went, an account synced,
 * someone knocked).
 */
import type { DocHandle, DocumentId, PeerId, Repo } from "@automerge/automerge-repo";
import type { NodeStatus, PeerLink } from "../../../shared/api";
import type { EventStream } from "../api/event-stream";
import type { LinkState } from "./link-client-adapter";

/** True when `peerId` is known to hold the heads this node holds, for every loaded account of `documentIds`. */
export function isSynced(repo: Repo, peerId: PeerId, documentIds: string[]): boolean {
  const storageId = repo.getStorageIdOfPeer(peerId);
  if (!storageId) return false;
  for (const id of documentIds) {
    const handle = repo.handles[id as DocumentId];
    if (!handle || !handle.isReady()) continue;
    const theirs = handle.getSyncInfo(storageId)?.lastHeads;
    const ours = handle.heads();
    if (!theirs || theirs.length !== ours.length || !ours.every((h) => theirs.includes(h))) return false;
  }
  return true;
}

/** An outbound link (to a meeting's host or the team server) as the status shows it. */
export function linkOf(kind: PeerLink["kind"], label: string, state: LinkState, synced: boolean): PeerLink {
  if (state.state === "connected") return { kind, label, state: "connected", synced };
  if (state.state === "connecting") return { kind, label, state: "connecting", synced: false };
  return { kind, label, state: state.state, problem: state.problem, synced: false };
}

export interface LinkStatusOptions {
  events: EventStream;
  /** The status as it is now. */
  status: () => NodeStatus;
  /** Runs before each status is sent (restores found since are in it). */
  beforeSend: () => void;
  stopped: () => boolean;
}

export class LinkStatus {
  readonly #o: LinkStatusOptions;
  #timer: NodeJS.Timeout | null = null;

  constructor(options: LinkStatusOptions) {
    this.#o = options;
  }

  /** Something in the status may have changed: tell the windows shortly. */
  changed(): void {
    if (this.#timer || this.#o.stopped()) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#o.beforeSend();
      this.#o.events.send({ type: "status", status: this.#o.status() });
    }, 100);
  }

  /** An account's edits and what its peers acknowledge change whether links are in sync. */
  watch(handle: DocHandle<unknown>): void {
    handle.on("change", () => this.changed());
    handle.on("remote-heads", () => this.changed());
  }
}
