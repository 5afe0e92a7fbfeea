/**
 * Start-up: learn where the sync node listens, then open the one client (repo + API +
 * events) the whole window shares. Automerge's wasm compiles meanwhile and is awaited
 * only by an account being opened: the list and Today need just the node's summaries.
 * Failures are shown as a page with the reason and a way to try again, never a blank
 * window (a document engine that failed to load is shown by the account that needs it).
 */
import { useCallback, useEffect, useState } from "react";
import type { BatonClient } from "../sync/client";
import { createClient } from "../sync/client";
import { ClientProvider } from "../sync/context";
import { findEndpoint } from "../sync/endpoint";
import { initAutomerge } from "../sync/wasm";
import { takeFirstRequests } from "./first-requests";
import { NoticeProvider } from "../ui/notices";
import { START_WORDS } from "../words/start";
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
      // The requests main.tsx sent at once serve the first start; a retry asks again.
      const first = takeFirstRequests();
      const engine = first?.engine ?? initAutomerge();
      const started = first ? await first.started : { endpoint: await findEndpoint(), events: undefined };
      if (cancelled) {
        started.events?.source.close();
        return;
      }
      try {
        client = createClient(started.endpoint, findEndpoint, engine, started.events);
      } catch (e) {
        started.events?.source.close();
        throw e;
      }
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

  if (boot.state === "starting") return <CenteredMessage loading title={START_WORDS.starting} />;
  if (boot.state === "failed") return <CenteredMessage title={START_WORDS.failed} description={boot.message} action={{ label: START_WORDS.tryAgain, run: retry }} />;
  return (
    <ClientProvider client={boot.client}>
      <NoticeProvider>
        <App />
      </NoticeProvider>
    </ClientProvider>
  );
}
