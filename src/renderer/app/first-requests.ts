/**
 * The window's first requests, sent by the small entry script (main.tsx) while the browser
 * still parses the window's own script (~1.2 MB, a third of a second on a 2-core laptop):
 * the sign-in, then the node's event stream, which opens with its status and the account
 * list; and Automerge's wasm, compiled meanwhile. Only light modules may be imported here —
 * whatever this file pulls in is parsed and run before anything leaves.
 */
import type { Endpoint } from "../../../shared/api";
import type { EarlyEvents } from "../sync/client";
import { eventsUrlOf, findEndpoint } from "../sync/endpoint";
import { initAutomerge } from "../sync/wasm";

export interface FirstRequests {
  engine: Promise<void>;
  started: Promise<{ endpoint: Endpoint; events: EarlyEvents }>;
}

function send(): FirstRequests {
  const engine = initAutomerge();
  const started = findEndpoint().then((endpoint) => {
    const events: EarlyEvents = { source: new EventSource(eventsUrlOf(endpoint)), missed: [], failed: false };
    events.source.onmessage = (m: MessageEvent<string>) => events.missed.push(m);
    events.source.onerror = () => (events.failed = true);
    return { endpoint, events };
  });
  // Boot reports their failures; until it reads them they must not surface as unhandled.
  engine.catch(() => undefined);
  started.catch(() => undefined);
  return { engine, started };
}

let first: FirstRequests | null = send();

/** The first requests, to the first caller only: a retry, or React running an effect twice, asks again. */
export function takeFirstRequests(): FirstRequests | null {
  const taken = first;
  first = null;
  return taken;
}

/** No window will take the first requests (its script did not load): stop the event stream they opened. */
export function abandonFirstRequests(): void {
  takeFirstRequests()?.started.then(({ events }) => events.source.close(), () => undefined);
}
