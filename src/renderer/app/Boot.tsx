/**
 * Start-up: initialise Automerge's wasm, learn where the sync node listens, then open
 * the one client (repo + API + events) the whole window shares. Failures are shown as
 * a page with the reason and a way to try again, never a blank window.
 */
import { useCallback, useEffect, useState } from "react";
import type { BatonClient } from "../sync/client";
import { createClient } from "../sync/client";
import { ClientProvider } from "../sync/context";
import { findEndpoint } from "../sync/endpoint";
import { initAutomerge } from "../sync/wasm";
import { NoticeProvider } from "../ui/notices";
import { App } from "./App";
import { CenteredMessage } from "./CenteredMessage";

type BootState = { state: "starting" } | { state: "failed"; message: string } | { state: "ready"; client: BatonClient };

export function Boot() {
  const [boot, setBoot] = useState<BootState>({ state: "starting" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let client: BatonClient | null = null;
    let cancelled = false;
    (async () => {
      // The document engine compiles while the node is asked where it listens.
      const [, endpoint] = await Promise.all([initAutomerge(), findEndpoint()]);
      if (cancelled) return;
      client = createClient(endpoint, findEndpoint);
      setBoot({ state: "ready", client });
    })().catch((e: unknown) => {
      if (!cancelled) setBoot({ state: "failed", message: e instanceof Error ? e.message : String(e) });
    });
    return () => {
      cancelled = true;
      client?.close();
    };
  }, [attempt]);

  const retry = useCallback(() => {
    setBoot({ state: "starting" });
    setAttempt((n) => n + 1);
  }, []);

  if (boot.state === "starting") return <CenteredMessage loading title="Starting Baton…" />;
  if (boot.state === "failed") return <CenteredMessage title="Baton could not start" description={boot.message} action={{ label: "Try again", run: retry }} />;
  return (
    <ClientProvider client={boot.client}>
      <NoticeProvider>
        <App />
      </NoticeProvider>
    </ClientProvider>
  );
}
