/**
 * Open one account from the node as a session (session.ts). The node is the source of
 * truth: while it does not have the document (yet), the handle stays "unavailable" and
 * becomes ready by itself when the document arrives (e.g. from the meeting host), so the
 * page just waits and says why. An account the node has is loaded here from its saved
 * document and drawn at once; the window's repo takes it over once that is on screen.
 */
import { useEffect, useState } from "react";
import { isValidDocumentId, type DocHandle, type DocumentId } from "@automerge/automerge-repo/slim";
import { load as loadDocument, type Doc } from "@automerge/automerge/slim";
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

    const who = () => {
      const profile = client.getState().status?.profile;
      if (!profile) throw new Error("Set up your profile first.");
      return profile;
    };
    // Two steps of their own once the repo holds the account: the other laptop's live edits
    // applied as they arrive, and whether what is on screen is on this device's disk yet
    // (the shell shows it).
    const follow = (session: AccountSession, handle: DocHandle<AccountDoc>) => {
      const stopFollowing = session.follow();
      const stopTracking = client.track(handle as DocHandle<unknown>);
      return () => {
        stopFollowing();
        stopTracking();
      };
    };

    // The account in one step from the node's saved document when it has it: loaded here
    // and drawn at once, the repo taking it over after the first frame (useAttachAfterDrawn).
    // Else (or when the window has it already) by sync. The bytes are fetched while the
    // document engine may still be loading.
    const engine = client.windowRepo.ready();
    const saved = client.opening(documentId);
    Promise.all([engine, saved])
      .then(([repo, bytes]) => {
        if (abort.signal.aborted) return null;
        const doc = bytes && loadSaved(bytes);
        if (doc) {
          clearTimeout(slow);
          const session = new AccountSession({ documentId, doc, adopt: () => client.windowRepo.adopt(documentId as DocumentId, doc) }, who, notify);
          let stop: (() => void) | null = null;
          const cancel = session.whenAttached((handle) => (stop = follow(session, handle)));
          cleanup = () => {
            cancel();
            stop?.();
          };
          setLoad({ state: "ready", session });
          return null;
        }
        // By sync: whatever the node sends about it is welcome again (it may have been let go).
        client.windowRepo.want(documentId as DocumentId);
        return repo.find<AccountDoc>(documentId as DocumentId, { allowableStates: ["ready", "unavailable"], signal: abort.signal });
      })
      .then((handle) => {
        if (!handle || abort.signal.aborted) return;
        clearTimeout(slow);
        let stop: (() => void) | null = null;
        const open = () => {
          if (stop) return;
          if (!handle.isReady()) {
            setLoad({ state: "unavailable" });
            return;
          }
          const session = new AccountSession(handle, who, notify);
          stop = follow(session, handle);
          setLoad({ state: "ready", session });
        };
        open();
        // An unavailable handle turns ready without a "change" event in some paths; look again now and then.
        const poll = setInterval(open, 1000);
        handle.on("change", open);
        cleanup = () => {
          clearInterval(poll);
          handle.off("change", open);
          stop?.();
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

  useAttachAfterDrawn(load.state === "ready" ? load.session : null);
  return load;
}

/** The saved document's account, or null when the bytes are not a document (it is then opened by sync). */
function loadSaved(bytes: Uint8Array): Doc<AccountDoc> | null {
  try {
    return loadDocument<AccountDoc>(bytes);
  } catch {
    return null;
  }
}

/**
 * A session drawn from a document loaded in the window is handed to the repo once the
 * window is idle after drawing it (its first frame painted), or after a quarter of a
 * second all the same (a window kept busy, or hidden and painting no frames).
 */
function useAttachAfterDrawn(session: AccountSession | null): void {
  useEffect(() => {
    if (!session || session.attached) return;
    const idle = requestIdleCallback(session.attach, { timeout: 250 });
    return () => cancelIdleCallback(idle);
  }, [session]);
}
