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
import { checkAccount, headerOf, TimelineReader, type AccountDoc, type Damage, type PastAccount, type Person } from "../../../shared";
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

/** A point of the account's history the window shows, named for the person ("before Dana Lead's edit"). */
export interface PastPoint {
  heads: string[];
  /** Says when, after "as it was": "before Dana Lead's edit", "at the order". */
  label: string;
  /** ISO instant of the point, when known. */
  at: string | null;
}

/**
 * An account loaded in the window and not yet held by its repo: the page is drawn from
 * `doc` first, and `adopt` hands it to the repo afterwards (automerge-repo's first diff of a
 * new handle, a patch for every part of the document, ~50 ms of a year-long account, is
 * then done after the first frame rather than before it).
 */
export interface LoadedAccount {
  doc: Doc<AccountDoc>;
  /** The repo takes the account over: its handle, ready, holding `doc` (or what it already held). */
  adopt: () => DocHandle<AccountDoc>;
}

/**
 * A session is either the account now (live, editable) or the account as it was at a
 * point of its history (`past`): the same screens draw it, read-only — it never changes,
 * and an edit is refused with the reason (restore is how the past comes back).
 *
 * The account now may start from a document loaded in the window (`LoadedAccount`): it is
 * drawn at once, and the repo takes it over when `attach` is called or when anything needs
 * the handle (an edit, the history, a meeting), whichever comes first.
 */
export class AccountSession {
  readonly documentId: string;
  readonly edit: Edit;
  /** The timeline of this account, read incrementally: each redraw reads only the changes since the last. */
  readonly timeline = new TimelineReader();
  #handle: DocHandle<AccountDoc> | null;
  #loaded: LoadedAccount | null;
  readonly #whenAttached = new Set<(handle: DocHandle<AccountDoc>) => void>();
  #snapshot: AccountSnapshot | null = null;
  readonly #listeners = new Set<() => void>();

  /** The point shown, when this is the account as it was; null for the account now. */
  readonly past: PastPoint | null;

  constructor(
    source: DocHandle<AccountDoc> | (LoadedAccount & { documentId: string }),
    who: () => Person,
    notify: (notice: NoticeInput) => void,
    past?: { point: PastPoint; account: PastAccount; refused: string },
  ) {
    this.documentId = source.documentId;
    this.#handle = "adopt" in source ? null : source;
    this.#loaded = "adopt" in source ? source : null;
    this.past = past?.point ?? null;
    if (past) {
      this.#snapshot = { stored: past.account.stored, account: past.account.account, damage: past.account.damage, readOnly: true };
      this.edit = () => {
        notify({ tone: "error", message: past.refused });
        return false;
      };
    } else {
      this.edit = createEdit(() => this.handle, who, notify);
    }
  }

  /** The account's handle in the window's repo (taking the account over now if it has not yet). */
  get handle(): DocHandle<AccountDoc> {
    return this.#handle ?? this.#attach();
  }

  /** Whether the window's repo holds the account yet. */
  get attached(): boolean {
    return this.#handle !== null;
  }

  /** Hand the loaded account to the window's repo now (nothing when it has it already). */
  attach = (): void => {
    if (!this.#handle) this.#attach();
  };

  /** Call `then` with the handle once the repo holds the account (at once if it does); returns the cancel. */
  whenAttached(then: (handle: DocHandle<AccountDoc>) => void): () => void {
    if (this.#handle) {
      then(this.#handle);
      return () => {};
    }
    this.#whenAttached.add(then);
    return () => this.#whenAttached.delete(then);
  }

  #attach(): DocHandle<AccountDoc> {
    const handle = this.#loaded!.adopt();
    this.#handle = handle;
    this.#loaded = null;
    if (this.#listeners.size > 0) handle.on("change", this.#changed);
    const waiting = [...this.#whenAttached];
    this.#whenAttached.clear();
    for (const then of waiting) then(handle);
    // The repo may have held a newer state of the account than the loaded one.
    if (this.#snapshot && this.#snapshot.stored !== handle.doc()) this.#changed();
    return handle;
  }

  /** The account now (or at the past point); the same object until the document changes. */
  snapshot = (): AccountSnapshot => {
    if (this.past) return this.#snapshot!;
    const stored = this.#handle ? this.#handle.doc() : this.#loaded!.doc;
    if (this.#snapshot?.stored !== stored) {
      const { account, damage } = checkAccount(stored);
      this.#snapshot = { stored, account, damage, readOnly: headerOf(account).readOnly };
    }
    return this.#snapshot;
  };

  /** Call `listener` after every change of the account; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    if (this.past) return () => {}; // The past does not change.
    if (this.#listeners.size === 0) this.#handle?.on("change", this.#changed);
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#handle?.off("change", this.#changed);
    };
  };

  /** Apply the other laptop's live edits as they arrive (shared/live-edits.ts); returns the function that stops. */
  follow(): () => void {
    if (this.past) return () => {};
    return followLiveEdits(this.handle as DocHandle<unknown>);
  }

  #changed = (): void => {
    for (const listener of [...this.#listeners]) listener();
  };
}
