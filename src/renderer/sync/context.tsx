/** React access to the window's sync client. */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import type { Profile } from "../../../shared";
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

export function useClientState(): ClientState {
  const client = useClient();
  return useSyncExternalStore(client.subscribe, client.getState);
}

/** The local profile; the app shows nothing that needs it until it is set. */
export function useProfile(): Profile {
  const profile = useClientState().status?.profile;
  if (!profile) throw new Error("useProfile before the profile is set");
  return profile;
}
