/**
 * Open one account document from the node and follow its changes. The node is the
 * source of truth: while it does not have the document (yet), the handle stays
 * "unavailable" and becomes ready by itself when the document arrives (e.g. from the
 * meeting host), so the page just waits and says why.
 */
import { useEffect, useState } from "react";
import { isValidDocumentId, type DocHandle, type DocumentId } from "@automerge/automerge-repo/slim";
import { checkAccount, type AccountDoc, type Damage } from "../../../shared";
import { useClient } from "./context";

export type AccountLoad =
  | { state: "invalid" }
  | { state: "loading"; slow: boolean }
  | { state: "unavailable" }
  | { state: "failed"; message: string }
  /**
   * `doc` is the account as checked (account/check.ts): what a peer damaged is left out
   * of it and listed in `damage`, so no screen draws what makes no sense.
   */
  | { state: "ready"; handle: DocHandle<AccountDoc>; doc: AccountDoc; damage: readonly Damage[] };

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
            const { account, damage } = checkAccount(handle.doc());
            setLoad({ state: "ready", handle, doc: account, damage });
            untrack ??= client.track(handle as DocHandle<unknown>);
          } else {
            setLoad({ state: "unavailable" });
          }
        };
        show();
        // Every change redraws the page at once: handlers (stage moves, cross-field checks,
        // checkboxes) read the document they were drawn from, so a throttled redraw let a click
        // act on a state one change old (seen in e2e). The text fields being typed in also
        // follow the document directly (LiveTextField with DocumentChanges).
        const follow = show;
        handle.on("change", follow);
        // An unavailable handle turns ready without a "change" event in some paths; look again now and then.
        const poll = setInterval(() => {
          if (handle.isReady() && !untrack) show();
        }, 1000);
        cleanup = () => {
          handle.off("change", follow);
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
