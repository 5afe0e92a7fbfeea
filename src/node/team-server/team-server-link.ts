/**
 * The link from this device's sync node to the team sync server: checks the address and
 * token first (so a person gets "not reachable" or "token refused" in words, next to the
 * field), then keeps a resilient WebSocket link that retries while the laptop is offline.
 */
import type { ServerSettingsInput } from "../../../shared/api";
import { LinkClientAdapter } from "../links/link-client-adapter";

export interface CheckedServer {
  /** ws:// or wss:// URL of the sync endpoint. */
  wsUrl: string;
  /** http:// or https:// base for /healthz. */
  httpUrl: string;
}

export type ServerCheck = { ok: true; server: CheckedServer } | { ok: false; field: "url" | "token"; message: string };

/** Accept ws(s):// or http(s):// URLs; the sync endpoint is the root path. */
export function normaliseServerUrl(input: string): CheckedServer | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  const secure = url.protocol === "wss:" || url.protocol === "https:";
  if (!["ws:", "wss:", "http:", "https:"].includes(url.protocol) || !url.hostname) return null;
  const base = `${url.host}${url.pathname.replace(/\/+$/, "")}`;
  return { wsUrl: `${secure ? "wss" : "ws"}://${base}/`, httpUrl: `${secure ? "https" : "http"}://${base}` };
}

/** Ask the server whether it is up and whether it accepts this token. */
export async function checkServer(input: ServerSettingsInput, timeoutMs = 4000): Promise<ServerCheck> {
  const server = normaliseServerUrl(input.url);
  if (!server) return { ok: false, field: "url", message: "Enter the server's address, e.g. ws://sync.example.com:8787" };
  if (!input.token.trim()) return { ok: false, field: "token", message: "Enter the token your team gave you." };
  const get = async (path: string, token?: string) =>
    fetch(`${server.httpUrl}${path}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
  try {
    const health = await get("/healthz");
    if (!health.ok) return { ok: false, field: "url", message: `The server at ${server.httpUrl} answered HTTP ${health.status}; is it a Baton sync server?` };
  } catch (e) {
    return { ok: false, field: "url", message: `The sync server at ${server.httpUrl} is not reachable (${reason(e)}).` };
  }
  try {
    const who = await get("/whoami", input.token.trim());
    if (who.status === 401 || who.status === 403) return { ok: false, field: "token", message: "The sync server refused this token." };
    if (!who.ok) return { ok: false, field: "url", message: `The server answered HTTP ${who.status} when checking the token.` };
  } catch (e) {
    return { ok: false, field: "url", message: `The sync server stopped answering (${reason(e)}).` };
  }
  return { ok: true, server };
}

function reason(e: unknown): string {
  const err = e as { name?: string; cause?: { code?: string }; message?: string };
  if (err.name === "TimeoutError") return "no answer in time";
  return err.cause?.code ?? err.message ?? "unknown error";
}

/** Create the outbound link to a checked server. */
export function teamServerAdapter(server: CheckedServer, token: string, name: string): LinkClientAdapter {
  return new LinkClientAdapter({
    url: server.wsUrl,
    token,
    name,
    refusedMessage: "The sync server refused the token. Check it in Settings.",
  });
}
