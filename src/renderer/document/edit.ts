/**
 * Every edit of an account goes through here: one domain command inside
 * `handle.change`, attributed to the local profile. A command that cannot run (the
 * item was removed on the other laptop meanwhile, or the document is from a newer
 * Baton) leaves the document untouched and the person gets the reason, once.
 *
 * Two ways in:
 * - `edit("moveStage", args)`: a command from the catalog (`prepareChange`), so the
 *   change message carries its kind and item and reads the same on every screen and
 *   on the timeline. Use this for every new edit.
 * - `edit("Renamed the account", (d) => …)`: a free-form message, kept for older call
 *   sites; its kind is inferred from its words when the timeline reads it.
 */
import { useCallback, useRef } from "react";
import type { DocHandle } from "@automerge/automerge-repo/slim";
import {
  CalendarInputError,
  changeMessage,
  MissingItemError,
  prepareChange,
  ReadOnlyDocumentError,
  StageRuleError,
  type AccountDoc,
  type CommandArgs,
  type CommandName,
  type Person,
} from "../../../shared";
import { useProfile } from "../sync/context";
import { useNotices } from "../ui/notices";
import { sendLiveEdit } from "../sync/live-edits";

/**
 * A command's arguments as a screen gives them: `by` (who) and `at` (when) may be left
 * out and are filled in with the local profile and now.
 */
export type EditArgs<A> = A extends { by: Person; at: string }
  ? Omit<A, "by" | "at"> & Partial<Pick<A, "by" | "at">>
  : A extends { by: Person }
    ? Omit<A, "by"> & Partial<Pick<A, "by">>
    : A;

export interface Edit {
  /** Run a catalog command; false when it could not run (the person has been told why). */
  <N extends CommandName>(name: N, args: EditArgs<CommandArgs<N>>): boolean;
  /** Run a free-form mutation with its own message. */
  (what: string, command: (doc: AccountDoc) => void): boolean;
}

/** Errors whose message is written for the person and is shown as it is. */
function isForThePerson(e: unknown): e is Error {
  return e instanceof MissingItemError || e instanceof ReadOnlyDocumentError || e instanceof StageRuleError || e instanceof CalendarInputError;
}

export function useEditor(handle: DocHandle<AccountDoc>): Edit {
  // Keeps its identity while the profile is unchanged (client.ts keepUnchanged), so `edit` does too.
  const profile = useProfile();
  const { notify } = useNotices();
  const last = useRef<{ message: string; at: number } | null>(null);

  return useCallback(
    (nameOrWhat: string, argsOrCommand: unknown) => {
      try {
        if (typeof argsOrCommand === "function") {
          const command = argsOrCommand as (doc: AccountDoc) => void;
          handle.change((doc) => command(doc), { message: changeMessage(profile, nameOrWhat) });
        } else {
          // The document before the change lets the message name the item ("the commitment “Install”").
          // Extra keys are ignored by commands that take no author or time.
          const args = { by: profile, at: new Date().toISOString(), ...(argsOrCommand as object) };
          const change = prepareChange(profile, nameOrWhat as CommandName, args as never, handle.doc());
          handle.change((doc) => change.run(doc), { message: change.message });
        }
        sendLiveEdit(handle as DocHandle<unknown>);
        return true;
      } catch (e) {
        const message = isForThePerson(e) ? e.message : `That edit could not be made: ${e instanceof Error ? e.message : String(e)}`;
        // Typing into an item that has just gone would repeat the same message per keystroke.
        const now = Date.now();
        if (!last.current || last.current.message !== message || now - last.current.at > 3000) notify({ tone: "error", message });
        last.current = { message, at: now };
        return false;
      }
    },
    [handle, profile, notify],
  ) as Edit;
}
