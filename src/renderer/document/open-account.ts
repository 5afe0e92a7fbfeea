/**
 * Open one account from the node as a session (session.ts). The node is the source of
 * truth: while it does not have the document (yet), the handle stays "unavailable" and
 * becomes ready by itself when the document arrives (e.g. from the meeting host), so the
 * page just waits and says why.
 */
import { useEffect, useState } from "react";
import { isValidDocumentId, type DocHandle, type DocumentId } from "@automerge/automerge-repo/slim";
import type { AccountDoc } from "../../../shared";
import { useClient } from "../sync/context";
import { useNotices } from "../ui/notices";
import { AccountSession } from "./session";

export type AccountLoad =
  | { state: "invalid" }
  | { state: "loading"; slow: boolean }
  | { state: "unavailable" }
  | { state: "failed"; message: string }
  | { state: "ready"; session: AccountSession };

export function useOpenAccount(documentId: string): AccountLoad {
  const client = useClient();
  const { notify } = useNotices();
  const valid = isValidDocumentId(documentId);
  const [load, setLoad] = useState<AccountLoad>(valid ? { state: "loading", slow: false } : { state: "invalid" });

  useEffect(() => {
    if (!isValidDocumentId(documentId)) {
      setLoad({ state: "invalid" });
      return;
    }
    setLoad({ state: "loading", slow: false });
    const abort = new AbortController();
    let cleanup: (() => void) | null = null;
    const slow = setTimeout(() => setLoad((l) => (l.state === "loading" ? { state: "loading", slow: true } : l)), 4000);

    // The account in one step from the node's saved document when it has it; else (or when
    // the window has it already) by sync as before. The bytes are fetched while the
    // document engine may still be loading.
    const engine = client.windowRepo.ready();
    const saved = client.opening(documentId);
    Promise.all([engine, saved])
      .then(([repo, bytes]) => {
        if (bytes && !abort.signal.aborted) client.windowRepo.startFromSaved(documentId as DocumentId, bytes);
        // By sync: whatever the node sends about it is welcome again (it may have been let go).
        else client.windowRepo.want(documentId as DocumentId);
        return repo.find<AccountDoc>(documentId as DocumentId, { allowableStates: ["ready", "unavailable"], signal: abort.signal });
      })
      .then((handle) => {
        if (abort.signal.aborted) return;
        clearTimeout(slow);
        let opened: { stop: () => void } | null = null;
        const open = () => {
          if (opened) return;
          if (!handle.isReady()) {
            setLoad({ state: "unavailable" });
            return;
          }
          const who = () => {
            const profile = client.getState().status?.profile;
            if (!profile) throw new Error("Set up your profile first.");
            return profile;
          };
          const session = new AccountSession(handle, who, notify);
          // Two steps of their own: the other laptop's live edits applied as they arrive, and
          // whether what is on screen is on this device's disk yet (the shell shows it).
          const stopFollowing = session.follow();
          const stopTracking = client.track(handle as DocHandle<unknown>);
          opened = {
            stop: () => {
              stopFollowing();
              stopTracking();
            },
          };
          setLoad({ state: "ready", session });
        };
        open();
        // An unavailable handle turns ready without a "change" event in some paths; look again now and then.
        const poll = setInterval(open, 1000);
        handle.on("change", open);
        cleanup = () => {
          clearInterval(poll);
          handle.off("change", open);
          opened?.stop();
        };
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        clearTimeout(slow);
        setLoad({ state: "failed", message: e instanceof Error ? e.message : String(e) });
      });

    return () => {
      abort.abort();
      clearTimeout(slow);
      cleanup?.();
    };
  }, [client, documentId, notify]);

  return load;
}
