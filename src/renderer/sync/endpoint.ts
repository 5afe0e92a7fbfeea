/**
 * Where this window's sync node listens (DESIGN.md "One transport"): the Electron
 * preload bridge hands it over. In browser mode the host prints an address carrying a
 * one-time ticket (src/node/api/page-login.ts); the page trades it once for the endpoint
 * and keeps that in sessionStorage, so a reload (or a tab duplicated from this one) still
 * works, while no other process can ask the host for the token.
 */
import type { Endpoint } from "../../../shared/api";
import { EVENTS_PATH, SESSION_PATH, STATUS_PATH, TICKET_PARAM } from "../../../shared/api-paths";
import { BRIDGE_KEY, type BatonBridge } from "../../../shared/bridge";

const STORAGE_KEY = "baton.endpoint";
const OPEN_THE_PRINTED_ADDRESS = "Open Baton with the newest address `npm run web` printed in its terminal: it carries a one-time key that lets this window in.";

function isEndpoint(value: unknown): value is Endpoint {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.httpUrl === "string" && typeof v.wsUrl === "string" && typeof v.token === "string";
}

const tidy = (endpoint: Endpoint): Endpoint => ({ ...endpoint, httpUrl: endpoint.httpUrl.replace(/\/+$/, "") });

/** The ticket in this page's address, taken out of it (so it is neither bookmarked nor reloaded). */
function takeTicket(): string | null {
  const url = new URL(window.location.href);
  const ticket = url.searchParams.get(TICKET_PARAM);
  if (ticket === null) return null;
  url.searchParams.delete(TICKET_PARAM);
  window.history.replaceState(window.history.state, "", url.toString());
  return ticket;
}

async function redeem(ticket: string): Promise<Endpoint> {
  let res: Response;
  try {
    res = await fetch(SESSION_PATH, { method: "POST", cache: "no-store", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ticket }) });
  } catch {
    throw new Error("The page could not reach the Baton host that served it. Is `npm run web` still running?");
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const said = typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "string" ? (body as { error: string }).error : null;
    throw new Error(said ?? `The Baton host refused this window (HTTP ${String(res.status)}). ${OPEN_THE_PRINTED_ADDRESS}`);
  }
  if (!isEndpoint(body)) throw new Error("The Baton host sent an unreadable answer when this window signed in.");
  return tidy(body);
}

/** The endpoint this tab signed in with, if its node still takes its token (a restarted host has a new one). */
async function stored(): Promise<Endpoint | null> {
  let endpoint: unknown;
  try {
    endpoint = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null");
  } catch {
    endpoint = null;
  }
  if (!isEndpoint(endpoint)) return null;
  let res: Response;
  try {
    res = await fetch(endpoint.httpUrl + STATUS_PATH, { cache: "no-store", headers: { Authorization: `Bearer ${endpoint.token}` } });
  } catch {
    throw new Error("The page could not reach the Baton host that served it. Is `npm run web` still running?");
  }
  if (res.status === 401) {
    sessionStorage.removeItem(STORAGE_KEY);
    throw new Error(`Baton was restarted since this window signed in. ${OPEN_THE_PRINTED_ADDRESS}`);
  }
  return endpoint;
}

// One sign-in per page load, however many times the endpoint is asked for meanwhile.
let signingIn: Promise<Endpoint> | null = null;

async function signIn(): Promise<Endpoint> {
  const ticket = takeTicket();
  if (ticket !== null) {
    try {
      const endpoint = await redeem(ticket);
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(endpoint));
      return endpoint;
    } catch (e) {
      // A used ticket in a reopened address: this tab may have signed in with it already.
      const kept = await stored().catch(() => null);
      if (kept) return kept;
      throw e;
    }
  }
  const kept = await stored();
  if (kept) return kept;
  throw new Error(OPEN_THE_PRINTED_ADDRESS);
}

export async function findEndpoint(): Promise<Endpoint> {
  const bridge = (window as unknown as Record<string, BatonBridge | undefined>)[BRIDGE_KEY];
  if (bridge) {
    const endpoint = await bridge.endpoint();
    if (!isEndpoint(endpoint)) throw new Error("The desktop app gave this window no usable sync node address.");
    return tidy(endpoint);
  }
  // Callers that come while a sign-in runs share it; once it settles, the next call looks again.
  if (signingIn === null) {
    signingIn = signIn();
    signingIn.catch(() => undefined).finally(() => (signingIn = null));
  }
  return signingIn;
}

/** The node's event stream (the token in the query: EventSource cannot send headers). */
export function eventsUrlOf(endpoint: Endpoint): string {
  return `${endpoint.httpUrl}${EVENTS_PATH}?token=${encodeURIComponent(endpoint.token)}`;
}
