/**
 * How accounts leave a person's lists: archive (hidden from lists and Today on this
 * device; the account itself is not changed, so nobody else sees a difference), delete
 * (gone from this device and from the person's membership on the team server; other
 * people's copies stay), and erase (for a privacy request: a fresh account made from the
 * current state, without its history, replaces the old one for everyone who shares it).
 *
 * Erase cannot rewrite what others already hold. It empties the old account in one last
 * change that names its successor (`ERASED_INTO`, a key outside the account's parts, read
 * only by nodes): each Baton node that receives that change swaps the old account for the
 * fresh one in its library and removes the old one from its disk (`followErasure`). What
 * it cannot reach is said in docs/SECURITY.md ("Erasing an account").
 */
import type { DocHandle, DocumentId, PeerId, Repo } from "@automerge/automerge-repo";
import { isValidDocumentId } from "@automerge/automerge-repo";
import type { CheckedInput, DeletedAccount, ErasedAccount } from "../../../shared/api";
import type { AccountDoc, Profile } from "../../../shared/account/schema";
import { changeMessage } from "../../../shared/attribution";
import { checkAccount } from "../../../shared/account/check";
import { isFromNewerApp, migrate } from "../../../shared/account/migrations";
import { plainCopy } from "../../../shared/account/plain-copy";
import { ACCOUNT_PARTS, emptyContainer } from "../../../shared/account/records/account";
import { restoreAccount } from "../../../shared/commands/history";
import { plainAccount, RESTORABLE_PARTS } from "../../../shared/queries/history";
import { summarize } from "../../../shared/queries/summary";
import { ApiFailure } from "../api/api-failure";
import type { DeviceSettings } from "../device/device-settings";
import type { Library } from "../library/library";
import { isSynced } from "../links/link-status";

/** The key an erased account's last change sets to the id of the fresh account that replaces it. */
export const ERASED_INTO = "erasedInto";

/** How long an erase waits for the old account's last change to reach the team server before removing it here. */
const REACH_SERVER_MS = 10_000;

export interface KeepingOptions {
  repo: Repo;
  library: Library;
  device: DeviceSettings;
  profile: () => Profile;
  /** Ask the team server to take this person off an account's members. */
  leaveOnServer: (documentId: string) => Promise<DeletedAccount["server"]>;
  /** The team server, while connected. */
  /** The team server's relay that takes this account, while connected. */
  serverPeer: (documentId: string) => PeerId | null;
  statusChanged: () => void;
  /** The whole account list changed (an account left it). */
  listChanged: () => void;
}

/** The id an erased account names as its successor, when it is one. */
export function erasedInto(doc: unknown): string | null {
  if (typeof doc !== "object" || doc === null) return null;
  const v = (doc as Record<string, unknown>)[ERASED_INTO];
  const id = typeof v === "string" ? v : v !== null && typeof v === "object" && typeof (v as { val?: unknown }).val === "string" ? (v as { val: string }).val : null;
  return id && isValidDocumentId(id) ? id : null;
}

export class Keeping {
  readonly #o: KeepingOptions;
  /** Accounts leaving this device that the team server may still be sent (their erasure). */
  readonly #leaving = new Set<string>();
  /** Fresh accounts this device is fetching because an account it has was erased into them. */
  readonly #fetching = new Set<string>();

  constructor(options: KeepingOptions) {
    this.#o = options;
  }

  /** May the team server be sent this account although it is not (or no longer) in the library. */
  inTransit(documentId: string): boolean {
    return this.#leaving.has(documentId) || this.#fetching.has(documentId);
  }

  #known(documentId: string): void {
    if (!this.#o.library.has(documentId)) throw new ApiFailure(404, "This account is not on this device.");
  }

  async archiveAccount({ documentId, archived }: CheckedInput<"archiveAccount">): Promise<void> {
    this.#known(documentId);
    await this.#o.device.setArchived(documentId, archived);
    this.#o.statusChanged();
  }

  async deleteAccount({ documentId }: CheckedInput<"deleteAccount">): Promise<DeletedAccount> {
    this.#o.profile();
    this.#known(documentId);
    const server = await this.#o.leaveOnServer(documentId);
    await this.#forget(documentId);
    return { server };
  }

  async eraseAccount({ documentId }: CheckedInput<"eraseAccount">): Promise<ErasedAccount> {
    const profile = this.#o.profile();
    this.#known(documentId);
    const { repo, library } = this.#o;
    const old = await repo.find<AccountDoc>(documentId as DocumentId, { signal: AbortSignal.timeout(10_000) });
    const now = checkAccount(old.doc());
    if (isFromNewerApp(old.doc())) {
      throw new ApiFailure(409, "A newer version of Baton wrote this account: erase it with that version.");
    }
    // The fresh account: the current state as checked (damaged items stay out), one change, no past.
    const fresh = repo.create<AccountDoc>();
    fresh.change(
      (d) => {
        migrate(d as unknown as Record<string, unknown>);
        restoreAccount(d, { account: plainAccount(now.account), point: "" });
        d.created = plainCopy(now.account.created) as AccountDoc["created"];
      },
      { message: changeMessage(profile, "Started this account afresh, without its history (its history was erased on request)", "account") },
    );
    // Marked before the erasure is written: this node forgets the old account itself, once the server has it.
    this.#leaving.add(documentId);
    // The old account: emptied, naming its successor, so every node that holds it swaps it.
    old.change(
      (d) => {
        const doc = d as unknown as Record<string, unknown>;
        for (const part of RESTORABLE_PARTS) {
          const spec = ACCOUNT_PARTS[part as keyof AccountDoc];
          doc[part] = spec.kind === "value" ? plainCopy(spec.fallback()) : emptyContainer(spec);
        }
        doc[ERASED_INTO] = fresh.documentId;
      },
      { message: changeMessage(profile, "Erased this account: it continues as a fresh account without this history", "account") },
    );
    const archived = this.#o.device.archived.includes(documentId);
    library.upsert(summarize(fresh.documentId, fresh.doc()));
    if (archived) await this.#o.device.setArchived(fresh.documentId, true);
    await repo.flush([fresh.documentId, documentId as DocumentId]);
    await library.flush();
    // The team server must get the erasure before this device forgets the old account.
    repo.shareConfigChanged();
    const reachedServer = await this.#reachServer(documentId);
    await this.#forget(documentId);
    return { documentId: fresh.documentId, reachedServer };
  }

  /**
   * Watch an account for an erasure made on another laptop: when its last change names a
   * successor, fetch that one into the library and remove this one.
   */
  followErasure(handle: DocHandle<AccountDoc>): void {
    const look = () => {
      if (!handle.isReady() || this.#leaving.has(handle.documentId)) return;
      const into = erasedInto(handle.doc());
      if (!into || !this.#o.library.has(handle.documentId) || this.#fetching.has(into)) return;
      this.#fetching.add(into);
      this.#o.repo.shareConfigChanged();
      void (async () => {
        try {
          const fresh = await this.#o.repo.find<AccountDoc>(into as DocumentId, { signal: AbortSignal.timeout(60_000) });
          this.#o.library.upsert(summarize(into, fresh.doc()));
          if (this.#o.device.archived.includes(handle.documentId)) await this.#o.device.setArchived(into, true);
          await this.#forget(handle.documentId);
        } catch {
          // Not reachable now: the old account stays (empty, saying so) until the next change or start.
        } finally {
          this.#fetching.delete(into);
        }
      })();
    };
    handle.on("change", look);
    void handle.whenReady().then(look, () => undefined);
  }

  async #reachServer(documentId: string): Promise<boolean> {
    const until = Date.now() + REACH_SERVER_MS;
    while (Date.now() < until) {
      const peer = this.#o.serverPeer(documentId);
      if (!peer) return false;
      if (isSynced(this.#o.repo, peer, [documentId])) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  }

  /** Gone from this device: out of the library and the archive list, and off the disk. */
  async #forget(documentId: string): Promise<void> {
    const { repo, library, device } = this.#o;
    library.remove(documentId);
    await device.setArchived(documentId, false);
    await library.flush();
    this.#leaving.delete(documentId);
    repo.shareConfigChanged();
    repo.delete(documentId as DocumentId);
    this.#o.listChanged();
    this.#o.statusChanged();
  }
}
