/**
 * A feed of changes for the fields that follow a document directly instead of waiting
 * for their screen to redraw: a text field someone is typing into on the other laptop
 * updates the moment the change arrives. The open account's session provides it
 * (document/hooks.tsx); the kit only listens.
 */
import { createContext, useContext, type ReactNode } from "react";

/** Call `listener` after every change of the document; returns the unsubscribe. */
export type SubscribeToChanges = (listener: () => void) => () => void;

const ChangeFeed = createContext<SubscribeToChanges | null>(null);

export function ChangeFeedProvider({ subscribe, children }: { subscribe: SubscribeToChanges; children: ReactNode }) {
  return <ChangeFeed.Provider value={subscribe}>{children}</ChangeFeed.Provider>;
}

/** The change feed of the document around this field, or null outside one. */
export function useChangeFeed(): SubscribeToChanges | null {
  return useContext(ChangeFeed);
}
