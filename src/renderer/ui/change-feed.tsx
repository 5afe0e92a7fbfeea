/**
 * The open account's changes, for the parts of the page that follow the document
 * directly instead of waiting for the page to redraw: a text field someone is typing
 * into on the other laptop updates the moment the change arrives (see use-account.ts:
 * the page's own redraw runs at lower priority).
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { DocHandle } from "@automerge/automerge-repo/slim";

/** Call `listener` after every change of the open document; returns the unsubscribe. */
export type SubscribeToChanges = (listener: () => void) => () => void;

const DocumentChanges = createContext<SubscribeToChanges | null>(null);

export function DocumentChangesProvider({ handle, children }: { handle: DocHandle<unknown>; children: ReactNode }) {
  const subscribe = useMemo<SubscribeToChanges>(
    () => (listener) => {
      handle.on("change", listener);
      return () => {
        handle.off("change", listener);
      };
    },
    [handle],
  );
  return <DocumentChanges.Provider value={subscribe}>{children}</DocumentChanges.Provider>;
}

/** The open document's change feed, or null outside an account page. */
export function useDocumentChanges(): SubscribeToChanges | null {
  return useContext(DocumentChanges);
}
