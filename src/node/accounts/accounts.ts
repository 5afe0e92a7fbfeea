/**
 * How accounts come onto this device: created here, or opened from a link a colleague
 * shared (fetched from the team server, or from a meeting's other laptop). Either way the
 * account joins the library with its summary, on disk before the answer.
 */
import type { DocumentId, Repo } from "@automerge/automerge-repo";
import type { CheckedInput } from "../../../shared/api";
import type { AccountDoc, Profile } from "../../../shared/account/schema";
import { changeMessage } from "../../../shared/attribution";
import { createAccount } from "../../../shared/commands/account";
import { summarize } from "../../../shared/queries/summary";
import { ApiFailure } from "../api/api-failure";
import type { Library } from "../library/library";
import { unloadDocument } from "../storage/unload-document";

export interface AccountsOptions {
  repo: Repo;
  library: Library;
  /** The person at this keyboard; refuses when there is no profile yet. */
  profile: () => Profile;
  /** The team sync server is set up (it decides what a refused link is told). */
  hasServer: () => boolean;
}

export class Accounts {
  readonly #o: AccountsOptions;
  /** Accounts being fetched by link: the team server may be asked for them before they are in the library. */
  readonly #opening = new Set<string>();

  constructor(options: AccountsOptions) {
    this.#o = options;
  }

  async createAccount({ name }: CheckedInput<"createAccount">): Promise<{ documentId: string }> {
    const profile = this.#o.profile();
    const handle = this.#o.repo.create<AccountDoc>();
    handle.change((d) => createAccount(d, { name, by: profile, at: new Date().toISOString() }), {
      message: changeMessage(profile, "Created the account"),
    });
    this.#o.library.upsert(summarize(handle.documentId, handle.doc()));
    await this.#o.repo.flush([handle.documentId]);
    await this.#o.library.flush();
    return { documentId: handle.documentId };
  }

  /** Add an account someone shared by link, fetching it from the team server (or a meeting). */
  async openAccount({ documentId }: CheckedInput<"openAccount">): Promise<{ documentId: string }> {
    this.#o.profile();
    const library = this.#o.library;
    if (library.has(documentId)) return { documentId };
    try {
      await this.fetch(documentId, AbortSignal.timeout(15_000));
      await library.flush();
      return { documentId };
    } catch (e) {
      if (e instanceof ApiFailure) throw e;
      const message = this.#o.hasServer()
        ? "Neither the team sync server nor anyone else connected has this account, or you are not allowed to see it."
        : "This device is not connected to the team sync server; set it up in Settings, then open the link again.";
      throw new ApiFailure(404, message, { link: message });
    }
  }

  /**
   * Get an account from the connected peers (the team server, a meeting) into the library;
   * refuses (ApiFailure 422) a document that is not a Baton account. The caller flushes the library.
   */
  async fetch(documentId: string, signal: AbortSignal): Promise<void> {
    this.#opening.add(documentId);
    try {
      // An earlier ask that ended "unavailable" (refused, or sent to a relay that did not own
      // the account) is cached as such and never asks again: let it go, so this ask reaches
      // every peer the account goes to now.
      if (this.#o.repo.handles[documentId as DocumentId]?.isUnavailable()) await unloadDocument(this.#o.repo, documentId);
      const handle = await this.#o.repo.find<AccountDoc>(documentId as DocumentId, { signal });
      const doc = handle.doc() as unknown as Record<string, unknown>;
      if (doc.name === undefined || doc.schemaVersion === undefined) throw new ApiFailure(422, "That link does not lead to a Baton account.", { link: "That link does not lead to a Baton account." });
      this.#o.library.upsert(summarize(documentId, handle.doc()));
    } finally {
      this.#opening.delete(documentId);
    }
  }

  /** Whether this account is being fetched by link now. */
  isOpening(documentId: string): boolean {
    return this.#opening.has(documentId);
  }
}
