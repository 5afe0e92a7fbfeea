/**
 * The link from this device's sync node to the team sync server: checks the address and
 * token first (so a person gets "not reachable" or "token refused" in words, next to the
 * field), then keeps a resilient WebSocket link that retries while the laptop is offline,
 * sharing the person's accounts (and only those) with the server. The server itself, the
 * relay, is src/server/relay/.
 */
import type { DocumentId, PeerId, Repo } from "@automerge/automerge-repo";
import type { CheckedInput, PeerLink, ServerSettings, ServerSettingsInput } from "../../../shared/api";
import { ApiFailure } from "../api/api-failure";
import type { DeviceSettings } from "../device/device-settings";
import type { Library } from "../library/library";
import { LinkClientAdapter } from "../links/link-client-adapter";
import { isSynced, linkOf } from "../links/link-status";
import type { ShareRules } from "../share-rules";

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

export interface TeamServerLinkOptions {
  repo: Repo;
  rules: ShareRules;
  /** Where the server's address and token are kept. */
  device: DeviceSettings;
  library: Library;
  /** An account being opened by link may be fetched before it is in the library. */
  isOpening: (documentId: string) => boolean;
  statusChanged: () => void;
  stopped: () => boolean;
}

interface ServerLink {
  adapter: LinkClientAdapter;
  url: string;
  label: string;
}

export class TeamServerLink {
  readonly #o: TeamServerLinkOptions;
  #server: ServerLink | null = null;

  constructor(options: TeamServerLinkOptions) {
    this.#o = options;
  }

  /** Connect to the server saved in the settings, if there is one. */
  connectSaved(): void {
    const server = this.#o.device.server;
    if (server && normaliseServerUrl(server.url)) this.#connect(server.url, server.token);
  }

  /** Check the address and token with the server, then keep them and connect. */
  async saveServer(input: CheckedInput<"saveServer">): Promise<ServerSettings> {
    const checked = await checkServer(input);
    if (!checked.ok) throw new ApiFailure(400, checked.message, { [checked.field]: checked.message });
    await this.#o.device.setServer({ url: input.url.trim(), token: input.token.trim() });
    this.#connect(input.url.trim(), input.token.trim());
    this.#o.statusChanged();
    return { url: input.url.trim(), hasToken: true };
  }

  async removeServer(): Promise<void> {
    this.disconnect();
    await this.#o.device.setServer(null);
    this.#o.statusChanged();
  }

  /** A server is set up (connected or trying to be). */
  hasServer(): boolean {
    return this.#server !== null;
  }

  settings(): ServerSettings | null {
    return this.#server ? { url: this.#server.url, hasToken: true } : null;
  }

  links(): PeerLink[] {
    if (!this.#server) return [];
    const a = this.#server.adapter;
    return [linkOf("team-server", this.#server.label, a.state, a.remotePeerId ? isSynced(this.#o.repo, a.remotePeerId, this.#o.library.ids()) : false)];
  }

  /**
   * Ask the server to take this person off an account's members (POST /leave): it then
   * stops sharing the account with them. "listed" when the account itself still names
   * them (its own member list, which only its members can change).
   */
  async leave(documentId: string): Promise<"left" | "listed" | "no-server" | "unreachable" | "refused"> {
    const saved = this.#o.device.server;
    const server = saved && normaliseServerUrl(saved.url);
    if (!saved || !server) return "no-server";
    try {
      const res = await fetch(`${server.httpUrl}/leave`, {
        method: "POST",
        headers: { Authorization: `Bearer ${saved.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ documentId }),
        signal: AbortSignal.timeout(5000),
      });
      if (res.status === 401 || res.status === 403) return "refused";
      if (!res.ok) return "unreachable";
      const body = (await res.json().catch(() => ({}))) as { listed?: unknown };
      return body.listed === true ? "listed" : "left";
    } catch {
      return "unreachable";
    }
  }

  /** The server, while connected. */
  serverPeer(): PeerId | null {
    return this.#server?.adapter.remotePeerId ?? null;
  }

  /** Resolves once the sync link to the server is up (it retries while offline); rejects after `timeoutMs`. */
  async whenConnected(signal: AbortSignal, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!this.serverPeer()) {
      if (signal.aborted) throw new Error("Cancelled.");
      if (!this.#server) throw new Error("Set up the team sync server first (its address and your token).");
      if (Date.now() > end) throw new Error(this.links()[0]?.problem ?? "The team sync server did not answer in time; Baton keeps trying, ask again later.");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  disconnect(): void {
    const link = this.#server;
    if (!link) return;
    this.#server = null;
    const peer = link.adapter.remotePeerId;
    this.#o.repo.networkSubsystem.removeNetworkAdapter(link.adapter);
    if (peer) this.#o.rules.forgetOutbound(peer);
  }

  #connect(url: string, token: string): void {
    const { repo, rules, library, statusChanged } = this.#o;
    this.disconnect();
    const checked = normaliseServerUrl(url);
    if (!checked) return;
    const adapter = teamServerAdapter(checked, token, this.#o.device.profile?.name ?? "Baton");
    adapter.on("peer-candidate", ({ peerId }) => {
      rules.setOutbound(peerId, { kind: "team-server", allows: (id) => library.has(id) || this.#o.isOpening(id) });
      statusChanged();
      void this.#openLibraryForSync();
    });
    adapter.on("peer-disconnected", ({ peerId }) => {
      rules.forgetOutbound(peerId);
      statusChanged();
    });
    adapter.status.on("change", statusChanged);
    this.#server = { adapter, url, label: new URL(checked.httpUrl).host };
    repo.networkSubsystem.addNetworkAdapter(adapter);
  }

  /** Documents only sync while loaded: open every library account (one at a time) so offline edits reach the server. */
  async #openLibraryForSync(): Promise<void> {
    for (const id of this.#o.library.ids()) {
      if (this.#o.stopped() || !this.#server) return;
      await this.#o.repo.find(id as DocumentId).catch(() => undefined);
    }
  }
}
