/**
 * One open account in the window: the handle, the account as checked (what a peer
 * damaged is left out and listed), the edit function and whether this build may edit it.
 * Screens read it through `useAccountQuery` and change it through `useEdit`
 * (document/hooks.tsx) — one way in. Live edits from the other laptop are followed as a
 * step of their own (`follow`), and "saved" comes from the node on its own channel (the
 * client's save state), not from here.
 */
import type { DocHandle } from "@automerge/automerge-repo/slim";
import type { Doc } from "@automerge/automerge/slim";
import { checkAccount, headerOf, TimelineReader, type AccountDoc, type Damage, type Person } from "../../../shared";
import type { NoticeInput } from "../ui/notices";
import { followLiveEdits } from "../sync/live-edits";
import { createEdit, type Edit } from "./edit";

/** The account at one moment. */
export interface AccountSnapshot {
  /** The document as stored, with its history (for heads, the timeline, restores). */
  stored: Doc<AccountDoc>;
  /** The account as views may read it (account/check.ts); the stored document itself when nothing is damaged. */
  account: AccountDoc;
  /** What a peer damaged, in document order. */
  damage: readonly Damage[];
  /** True when a newer Baton wrote it: shown, never edited. */
  readOnly: boolean;
}

export class AccountSession {
  readonly documentId: string;
  readonly handle: DocHandle<AccountDoc>;
  readonly edit: Edit;
  /** The timeline of this account, read incrementally: each redraw reads only the changes since the last. */
  readonly timeline = new TimelineReader();
  #snapshot: AccountSnapshot | null = null;
  readonly #listeners = new Set<() => void>();

  constructor(handle: DocHandle<AccountDoc>, who: () => Person, notify: (notice: NoticeInput) => void) {
    this.documentId = handle.documentId;
    this.handle = handle;
    this.edit = createEdit(handle, who, notify);
  }

  /** The account now; the same object until the document changes. */
  snapshot = (): AccountSnapshot => {
    const stored = this.handle.doc();
    if (this.#snapshot?.stored !== stored) {
      const { account, damage } = checkAccount(stored);
      this.#snapshot = { stored, account, damage, readOnly: headerOf(account).readOnly };
    }
    return this.#snapshot;
  };

  /** Call `listener` after every change of the account; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    if (this.#listeners.size === 0) this.handle.on("change", this.#changed);
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.handle.off("change", this.#changed);
    };
  };

  /** Apply the other laptop's live edits as they arrive (shared/live-edits.ts); returns the function that stops. */
  follow(): () => void {
    return followLiveEdits(this.handle as DocHandle<unknown>);
  }

  #changed = (): void => {
    for (const listener of [...this.#listeners]) listener();
  };
}
