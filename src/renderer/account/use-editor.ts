/**
 * Every edit of an account goes through here: one domain command inside
 * `handle.change`, attributed to the local profile. A command that cannot run (the
 * item was removed on the other laptop meanwhile, or the document is from a newer
 * Baton) leaves the document untouched and the person gets the reason, once.
 */
import { useCallback, useRef } from "react";
import type { DocHandle } from "@automerge/automerge-repo/slim";
import { changeMessage, MissingItemError, ReadOnlyDocumentError, type AccountDoc } from "../../../shared";
import { useProfile } from "../sync/context";
import { useNotices } from "../ui/notices";
import { sendLiveEdit } from "../sync/live-edits";

export type Edit = (what: string, command: (doc: AccountDoc) => void) => boolean;

export function useEditor(handle: DocHandle<AccountDoc>): Edit {
  const profile = useProfile();
  const { notify } = useNotices();
  const last = useRef<{ message: string; at: number } | null>(null);

  return useCallback<Edit>(
    (what, command) => {
      try {
        handle.change((doc) => command(doc), { message: changeMessage(profile, what) });
        sendLiveEdit(handle as DocHandle<unknown>);
        return true;
      } catch (e) {
        const message =
          e instanceof MissingItemError || e instanceof ReadOnlyDocumentError
            ? e.message
            : `That edit could not be made: ${e instanceof Error ? e.message : String(e)}`;
        // Typing into an item that has just gone would repeat the same message per keystroke.
        const now = Date.now();
        if (!last.current || last.current.message !== message || now - last.current.at > 3000) notify({ tone: "error", message });
        last.current = { message, at: now };
        return false;
      }
    },
    [handle, profile, notify],
  );
}
