/** React access to the window's sync client. */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { ProfileSettings } from "../../../shared";
import type { BatonClient, ClientState } from "./client";

const ClientContext = createContext<BatonClient | null>(null);

export function ClientProvider({ client, children }: { client: BatonClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): BatonClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error("useClient outside ClientProvider");
  return client;
}

/** The whole client state: the component redraws on every change of it (status, saving, links). */
export function useClientState(): ClientState {
  const client = useClient();
  return useSyncExternalStore(client.subscribe, client.getState);
}

/**
 * One part of the client state: the component redraws only when that part changes (by
 * identity; parts equal by value keep theirs, see `keepUnchanged`). While someone types,
 * "saving / saved" and the sync status change several times a second: only the screens
 * that show them should redraw, not the account page.
 */
export function useClientSelector<T>(select: (state: ClientState) => T): T {
  const client = useClient();
  return useSyncExternalStore(client.subscribe, () => select(client.getState()));
}

/** The local profile (with the person's phone and email); the app shows nothing that needs it until it is set. */
export function useProfile(): ProfileSettings {
  const profile = useClientSelector((s) => s.status?.profile);
  if (!profile) throw new Error("useProfile before the profile is set");
  return profile;
}
