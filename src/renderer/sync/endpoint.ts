/**
 * Where this window's sync node listens (DESIGN.md "One transport"): the Electron
 * preload bridge hands it over; in browser mode the host page serves it as
 * /endpoint.json on its own origin.
 */
import type { Endpoint } from "../../../shared/api";
import { BRIDGE_KEY, type BatonBridge } from "../../../shared/bridge";

function isEndpoint(value: unknown): value is Endpoint {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.httpUrl === "string" && typeof v.wsUrl === "string" && typeof v.token === "string";
}

export async function findEndpoint(): Promise<Endpoint> {
  const bridge = (window as unknown as Record<string, BatonBridge | undefined>)[BRIDGE_KEY];
  if (bridge) {
    const endpoint = await bridge.endpoint();
    if (!isEndpoint(endpoint)) throw new Error("The desktop app gave this window no usable sync node address.");
    return { ...endpoint, httpUrl: endpoint.httpUrl.replace(/\/+$/, "") };
  }
  let res: Response;
  try {
    res = await fetch("/endpoint.json", { cache: "no-store" });
  } catch {
    throw new Error("The page could not reach the Baton host that served it. Is `npm run web` still running?");
  }
  if (!res.ok) throw new Error(`The Baton host did not say where its sync node listens (HTTP ${String(res.status)} for /endpoint.json).`);
  const body: unknown = await res.json().catch(() => null);
  if (!isEndpoint(body)) throw new Error("The Baton host sent an unreadable /endpoint.json.");
  return { ...body, httpUrl: body.httpUrl.replace(/\/+$/, "") };
}
