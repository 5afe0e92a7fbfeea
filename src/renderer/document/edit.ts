/**
 * Every edit of an account goes through here: one command of the catalog inside
 * one change of the document, attributed to the local profile, so the change message reads
 * the same on every screen and on the timeline, and sent at once to the node as a live
 * edit. A command that cannot run (the item was removed on the other laptop
 * meanwhile, or the document is from a newer Baton) leaves the document untouched and the
 * person gets the reason, once.
 */
import type { DocHandle } from "@automerge/automerge-repo/slim";
import {
  CalendarInputError,
  MissingItemError,
  prepareChange,
  ReadOnlyDocumentError,
  StageRuleError,
  type AccountDoc,
  type CommandArgs,
  type CommandName,
  type Person,
} from "../../../shared";
import type { NoticeInput } from "../ui/notices";
import { changeAndSend } from "../sync/live-edits";

/**
 * A command's arguments as a screen gives them: `by` (who) and `at` (when) may be left
 * out and are filled in with the local profile and now.
 */
export type EditArgs<A> = A extends { by: Person; at: string }
  ? Omit<A, "by" | "at"> & Partial<Pick<A, "by" | "at">>
  : A extends { by: Person }
    ? Omit<A, "by"> & Partial<Pick<A, "by">>
    : A;

/** Run a catalog command on the open account; false when it could not run (the person has been told why). */
export type Edit = <N extends CommandName>(name: N, args: EditArgs<CommandArgs<N>>) => boolean;

/** Errors whose message is written for the person and is shown as it is. */
function isForThePerson(e: unknown): e is Error {
  return e instanceof MissingItemError || e instanceof ReadOnlyDocumentError || e instanceof StageRuleError || e instanceof CalendarInputError;
}

/** The edit function of one open account; `handleOf` gives its handle when an edit is made. */
export function createEdit(handleOf: () => DocHandle<AccountDoc>, who: () => Person, notify: (notice: NoticeInput) => void): Edit {
  let last: { message: string; at: number } | null = null;
  return (name, argsIn) => {
    try {
      const profile = who();
      // The document before the change lets the message name the item ("the commitment “Install”").
      // Extra keys are ignored by commands that take no author or time.
      const args = { by: profile, at: new Date().toISOString(), ...(argsIn as object) };
      const handle = handleOf();
      const change = prepareChange(profile, name, args as never, handle.doc());
      changeAndSend(handle, change.message, (doc) => change.run(doc));
      return true;
    } catch (e) {
      const message = isForThePerson(e) ? e.message : `That edit could not be made: ${e instanceof Error ? e.message : String(e)}`;
      // Typing into an item that has just gone would repeat the same message per keystroke.
      const now = Date.now();
      if (!last || last.message !== message || now - last.at > 3000) notify({ tone: "error", message });
      last = { message, at: now };
      return false;
    }
  };
}
