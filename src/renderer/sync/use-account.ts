/**
 * Open one account document from the node and follow its changes. The node is the
 * source of truth: while it does not have the document (yet), the handle stays
 * "unavailable" and becomes ready by itself when the document arrives (e.g. from the
 * meeting host), so the page just waits and says why.
 */
import { useEffect, useState } from "react";
import { isValidDocumentId, type DocHandle, type DocumentId } from "@automerge/automerge-repo/slim";
import type { AccountDoc } from "../../../shared";
import { useClient } from "./context";

export type AccountLoad =
  | { state: "invalid" }
  | { state: "loading"; slow: boolean }
  | { state: "unavailable" }
  | { state: "failed"; message: string }
  | { state: "ready"; handle: DocHandle<AccountDoc>; doc: AccountDoc };

/** Shortest time between two redraws of an open account while it changes. */
const REDRAW_MS = 100;

export function useAccount(documentId: string): AccountLoad {
  const client = useClient();
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

    client.windowRepo.repo
      .find<AccountDoc>(documentId as DocumentId, { allowableStates: ["ready", "unavailable"], signal: abort.signal })
      .then((handle) => {
        if (abort.signal.aborted) return;
        clearTimeout(slow);
        let untrack: (() => void) | null = null;
        const show = () => {
          if (handle.isReady()) {
            setLoad({ state: "ready", handle, doc: handle.doc() });
            untrack ??= client.track(handle as DocHandle<unknown>);
          } else {
            setLoad({ state: "unavailable" });
          }
        };
        show();
        // Later changes redraw the page at most once per REDRAW_MS: a burst of typing (ours or
        // the other laptop's) costs one redraw of the whole account per interval, not one per
        // keystroke. The text fields being typed in follow the document directly
        // (LiveTextField with DocumentChanges), so what is typed shows at once regardless.
        let redraw: ReturnType<typeof setTimeout> | null = null;
        let lastRedraw = 0;
        const follow = () => {
          if (redraw) return;
          redraw = setTimeout(
            () => {
              redraw = null;
              lastRedraw = performance.now();
              show();
            },
            Math.max(0, lastRedraw + REDRAW_MS - performance.now()),
          );
        };
        handle.on("change", follow);
        // An unavailable handle turns ready without a "change" event in some paths; look again now and then.
        const poll = setInterval(() => {
          if (handle.isReady() && !untrack) show();
        }, 1000);
        cleanup = () => {
          handle.off("change", follow);
          if (redraw) clearTimeout(redraw);
          clearInterval(poll);
          untrack?.();
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
  }, [client, documentId]);

  return load;
}
