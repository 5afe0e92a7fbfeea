/**
 * What makes an edit last: each changed account is written to disk at once and the
 * windows are told which heads are durable (a "saved" event on their own channel); a
 * damaged account is recorded (damage-log.ts), reported by name, and asked back from every
 * peer until one restores it. Chunks are checked by CrashSafeStorage; this module decides
 * what to do about what it finds.
 */
import type { DocHandle, DocumentId, PeerId, Repo } from "@automerge/automerge-repo";
import type { DamagedAccount } from "../../../shared/api";
import type { EventStream } from "../api/event-stream";
import { isSynced } from "../links/link-status";
import type { CrashSafeStorage, DamagedChunk } from "../storage/crash-safe-storage";
import { DamageLog } from "./damage-log";

export interface DurabilityOptions {
  dataDir: string;
  repo: Repo;
  storage: CrashSafeStorage;
  events: EventStream;
  /** The status shows damage and restores. */
  statusChanged: () => void;
  stopped: () => boolean;
  log: (line: string) => void;
  /** An account was found damaged (the backups look for an intact copy of it). */
  damageFound?: () => void;
}

export class Durability {
  readonly #o: DurabilityOptions;
  readonly #damage: DamageLog;
  readonly #persisting = new Map<string, { running: boolean; again: boolean }>();
  /** The heads of each account last written to disk. */
  readonly #saved = new Map<string, string[]>();

  constructor(options: DurabilityOptions) {
    this.#o = options;
    this.#damage = new DamageLog(options.dataDir);
  }

  /** Read the damage remembered from earlier runs. */
  load(): Promise<void> {
    return this.#damage.load();
  }

  /**
   * Write the account whenever its heads change, and once it is loaded: a window that opens
   * an account loaded from disk must hear which heads are durable before anyone edits it,
   * or it could only guess that what it was handed is saved.
   */
  watch(handle: DocHandle<unknown>): void {
    // After the change's other listeners: the write starts with Automerge encoding the
    // change (synchronously), which they need not wait for.
    handle.on("heads-changed", () => queueMicrotask(() => void this.#persist(handle)));
    handle
      .whenReady()
      .then(() => this.#persist(handle))
      .catch(() => undefined);
  }

  /** The heads of each account written to disk so far (for a window that connects now). */
  saved(): Array<[documentId: string, heads: string[]]> {
    return [...this.#saved];
  }

  /** The damaged accounts, named as the library names them. */
  damagedAccounts(nameOf: (documentId: string) => string | null, backupOf: (documentId: string) => DamagedAccount["backup"]): DamagedAccount[] {
    return this.#damage.entries().map(([documentId, entry]) => {
      const restored = entry.restoredAt !== null;
      return { documentId, name: nameOf(documentId), reason: entry.reason, restored, backup: restored ? null : backupOf(documentId) };
    });
  }

  /** Accounts damaged here and not restored yet. */
  unrestored(): string[] {
    return this.#damage.unrestored();
  }

  /** A damaged account came back from a backup. */
  async restoredFromBackup(documentId: string): Promise<void> {
    if (!this.#damage.isWaiting(documentId)) return;
    this.#o.log(`damaged account ${documentId} restored from a backup`);
    await this.#damage.restored(documentId);
    this.#o.statusChanged();
  }

  /** CrashSafeStorage found a damaged chunk. */
  onDamaged(report: DamagedChunk): void {
    // Lost sync state only costs a longer re-sync; content damage is what the person must see.
    if (!report.documentId || !this.#o.storage.damagedDocuments().has(report.documentId)) return;
    const id = report.documentId;
    this.#o.log(`damaged account ${id}: ${report.reason}`);
    void this.#damage
      .damaged(id, report.reason)
      .catch((e: unknown) => this.#o.log(`could not record the damage of ${id}: ${(e as Error).message}`))
      .finally(() => {
        this.#o.statusChanged();
        this.#o.damageFound?.();
      });
    this.#seekFromPeers(id);
  }

  /** Ask the peers for every account still damaged since an earlier run. */
  seekUnrestored(): void {
    for (const id of this.#damage.unrestored()) this.#seekFromPeers(id);
  }

  /**
   * Read every account's chunks once, in the background, so a damaged account is reported
   * at start rather than when someone opens it. Only checksums are verified here; no
   * document is loaded.
   */
  scanForDamage(ids: string[]): void {
    const timer = setTimeout(async () => {
      for (const id of ids) {
        if (this.#o.stopped()) return;
        await this.#o.storage.loadRange([id]).catch(() => undefined);
      }
    }, 1500);
    timer.unref();
  }

  /**
   * A damaged account is restored once the team server or the meeting's other laptop has
   * given it back: this replica is in sync with that peer and holds a document again
   * (which the repo has then written to disk).
   */
  checkRestored(peers: Array<PeerId | null>): void {
    const connected = peers.filter((p): p is PeerId => !!p);
    const repo = this.#o.repo;
    for (const id of this.#damage.unrestored()) {
      const handle = repo.handles[id as DocumentId];
      if (!handle?.isReady() || handle.heads().length === 0) continue;
      if (!connected.some((p) => isSynced(repo, p, [id]))) continue;
      this.#o.log(`damaged account ${id} restored from a peer`);
      void this.#damage
        .restored(id)
        .catch(() => undefined)
        .finally(() => this.#o.statusChanged());
    }
  }

  /**
   * Keep a damaged account open so automerge-repo asks every peer (the meeting, the team
   * server) for it as soon as one is connected; "remote-heads" then marks it restored.
   */
  #seekFromPeers(id: string): void {
    void this.#o.repo.find(id as DocumentId, { allowableStates: ["ready", "unavailable"] }).catch(() => undefined);
  }

  /**
   * Write a changed document to disk now and tell its windows which heads are durable
   * (a "saved" event on the windows' channel, shared/api.ts). One write per document at a
   * time; edits made meanwhile are written right after.
   */
  async #persist(handle: DocHandle<unknown>): Promise<void> {
    const id = handle.documentId;
    const state = this.#persisting.get(id) ?? { running: false, again: false };
    this.#persisting.set(id, state);
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    try {
      do {
        state.again = false;
        if (this.#o.stopped() || !handle.isReady()) return;
        const heads = handle.heads();
        await this.#o.repo.flush([id]);
        // On the windows' own channel: the document's peers (a meeting guest) have no use for it.
        this.#saved.set(id, heads);
        this.#o.events.send({ type: "saved", documentId: id, heads });
      } while (state.again);
    } catch (e) {
      this.#o.log(`could not write account ${id}: ${(e as Error).message}`);
    } finally {
      state.running = false;
    }
  }
}
