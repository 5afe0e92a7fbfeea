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
import { ownerOf, topologySchema, type Topology } from "../../../shared/team-topology";

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
  /** The relay's ws(s):// sync URL (normalised), the key of the link. */
  wsUrl: string;
  httpUrl: string;
  label: string;
}

/** How often the node asks which relay owns which account: often while a link is down (a relay may have died), else rarely. */
const TOPOLOGY_REFRESH_MS = { settled: 10_000, unsettled: 1_000 };

/**
 * A team server is one relay, or several relays over one database that each own some
 * accounts (shared/team-topology.ts). The node asks the saved server for its topology;
 * a single relay has none (404) and gets every account. With several, the node keeps one
 * link per relay that owns shards and shares each account only with its owner, so an account is never edited through two relays' copies at once. When the
 * topology changes (a relay died, a relay joined) the links and share rules follow; edits
 * made meanwhile stay on the laptop and reach the new owner once it is known.
 */
export class TeamServerLink {
  readonly #o: TeamServerLinkOptions;
  /** The saved server: where the topology is asked first. */
  #entry: { server: CheckedServer; url: string; token: string } | null = null;
  readonly #links = new Map<string, ServerLink>();
  #topology: Topology | null = null;
  #refresh: NodeJS.Timeout | null = null;
  #refreshing = false;

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
    return this.#entry !== null;
  }

  settings(): ServerSettings | null {
    return this.#entry ? { url: this.#entry.url, hasToken: true } : null;
  }

  /**
   * The server as one link, however many relays it has: a person sees "Team server:
   * synced" when every relay that owns their accounts has them, and the first problem
   * otherwise (a relay that died stops counting once the topology names its successor).
   */
  links(): PeerLink[] {
    const all = [...this.#links.values()];
    const entry = this.#entry;
    if (all.length === 0 || !entry) return [];
    const label = new URL(entry.server.httpUrl).host;
    const problem = all.find((l) => l.adapter.state.state === "refused") ?? all.find((l) => l.adapter.state.state === "offline");
    if (problem && (problem.adapter.state.state === "refused" || all.every((l) => l.adapter.state.state !== "connected"))) {
      return [linkOf("team-server", label, problem.adapter.state, false)];
    }
    if (all.some((l) => l.adapter.state.state !== "connected")) return [linkOf("team-server", label, { state: "connecting" }, false)];
    const synced = all.every((l) => l.adapter.remotePeerId !== null && isSynced(this.#o.repo, l.adapter.remotePeerId, this.#routedTo(l.wsUrl)));
    return [linkOf("team-server", label, all[0]!.adapter.state, synced)];
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

  /** The relay that takes `documentId` (any relay when none is named), while connected. */
  serverPeer(documentId?: string): PeerId | null {
    for (const [wsUrl, link] of this.#links) {
      if (link.adapter.remotePeerId && (documentId === undefined || this.#routes(wsUrl, documentId))) return link.adapter.remotePeerId;
    }
    return null;
  }

  /** The server's relays this node is connected to now. */
  serverPeers(): PeerId[] {
    return [...this.#links.values()].map((l) => l.adapter.remotePeerId).filter((p): p is PeerId => p !== null);
  }

  /** The topology in force (null for a single relay, or before the first answer). */
  topology(): Topology | null {
    return this.#topology;
  }

  /** Resolves once the sync link to the server is up (it retries while offline); rejects after `timeoutMs`. */
  async whenConnected(signal: AbortSignal, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!this.serverPeer()) {
      if (signal.aborted) throw new Error("Cancelled.");
      if (!this.#entry) throw new Error("Set up the team sync server first (its address and your token).");
      if (Date.now() > end) throw new Error(this.links()[0]?.problem ?? "The team sync server did not answer in time; Baton keeps trying, ask again later.");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  disconnect(): void {
    if (this.#refresh) clearTimeout(this.#refresh);
    this.#refresh = null;
    this.#entry = null;
    this.#topology = null;
    for (const wsUrl of [...this.#links.keys()]) this.#removeLink(wsUrl);
  }

  #connect(url: string, token: string): void {
    this.disconnect();
    const checked = normaliseServerUrl(url);
    if (!checked) return;
    this.#entry = { server: checked, url, token };
    // Until the server says otherwise it is a single relay that takes every account.
    this.#addLink(checked);
    this.#scheduleRefresh(0);
  }

  /** Whether `documentId` goes to the relay at `wsUrl` under the topology in force. */
  #routes(wsUrl: string, documentId: string): boolean {
    if (!this.#topology) return wsUrl === this.#entry?.server.wsUrl;
    const owner = ownerOf(this.#topology, documentId);
    return owner !== null && normaliseServerUrl(owner)?.wsUrl === wsUrl;
  }

  #routedTo(wsUrl: string): string[] {
    return this.#o.library.ids().filter((id) => this.#routes(wsUrl, id));
  }

  #addLink(server: CheckedServer): void {
    const { repo, rules, library, statusChanged } = this.#o;
    const entry = this.#entry;
    if (!entry || this.#links.has(server.wsUrl)) return;
    const adapter = teamServerAdapter(server, entry.token, this.#o.device.profile?.name ?? "Baton");
    const wsUrl = server.wsUrl;
    adapter.on("peer-candidate", ({ peerId }) => {
      rules.setOutbound(peerId, { kind: "team-server", allows: (id) => (library.has(id) || this.#o.isOpening(id)) && this.#routes(wsUrl, id) });
      statusChanged();
      void this.#openLibraryForSync();
    });
    adapter.on("peer-disconnected", ({ peerId }) => {
      rules.forgetOutbound(peerId);
      statusChanged();
      // A relay that went away may have died: its accounts move to another relay.
      this.#scheduleRefresh(TOPOLOGY_REFRESH_MS.unsettled);
    });
    adapter.status.on("change", statusChanged);
    this.#links.set(wsUrl, { adapter, wsUrl, httpUrl: server.httpUrl, label: new URL(server.httpUrl).host });
    repo.networkSubsystem.addNetworkAdapter(adapter);
  }

  #removeLink(wsUrl: string): void {
    const link = this.#links.get(wsUrl);
    if (!link) return;
    this.#links.delete(wsUrl);
    const peer = link.adapter.remotePeerId;
    this.#o.repo.networkSubsystem.removeNetworkAdapter(link.adapter);
    if (peer) this.#o.rules.forgetOutbound(peer);
  }

  #scheduleRefresh(ms: number): void {
    if (!this.#entry || this.#o.stopped()) return;
    if (this.#refresh) {
      // An earlier, sooner refresh stands.
      if (ms >= TOPOLOGY_REFRESH_MS.settled) return;
      clearTimeout(this.#refresh);
    }
    this.#refresh = setTimeout(() => {
      this.#refresh = null;
      void this.#refreshTopology();
    }, ms);
    this.#refresh.unref?.();
  }

  /** Ask the relays (the saved one first) who owns what, and follow the answer. */
  async #refreshTopology(): Promise<void> {
    const entry = this.#entry;
    if (!entry || this.#refreshing) return;
    this.#refreshing = true;
    let settled = true;
    try {
      const candidates = [entry.server.httpUrl, ...[...this.#links.values()].map((l) => l.httpUrl).filter((u) => u !== entry.server.httpUrl)];
      let answer: Topology | "single" | null = null;
      for (const httpUrl of candidates) {
        answer = await fetchTopology(httpUrl, entry.token, entry.server.wsUrl.startsWith("wss:"));
        if (answer) break;
      }
      if (this.#entry !== entry) return;
      if (answer === null) {
        settled = false; // no relay answered: keep what we have and ask again soon
        return;
      }
      const next = answer === "single" ? null : answer;
      if (next && next.owners.some((o) => o === null)) settled = false; // a shard between owners
      this.#apply(next);
      if ([...this.#links.values()].some((l) => l.adapter.state.state !== "connected")) settled = false;
    } finally {
      this.#refreshing = false;
      this.#scheduleRefresh(settled ? TOPOLOGY_REFRESH_MS.settled : TOPOLOGY_REFRESH_MS.unsettled);
    }
  }

  #apply(next: Topology | null): void {
    const entry = this.#entry;
    if (!entry) return;
    const before = JSON.stringify(this.#topology);
    this.#topology = next;
    const needed = new Set<string>();
    if (!next) needed.add(entry.server.wsUrl);
    else {
      // Every owning relay, not only those of the library's accounts: an account opened by
      // link must find its owner at once, and a team runs a handful of relays, not hundreds.
      for (const owner of next.owners) {
        const server = owner === null ? null : normaliseServerUrl(owner);
        if (server) needed.add(server.wsUrl);
      }
      if (needed.size === 0) needed.add(entry.server.wsUrl);
    }
    for (const wsUrl of [...this.#links.keys()]) if (!needed.has(wsUrl)) this.#removeLink(wsUrl);
    for (const wsUrl of needed) {
      const server = normaliseServerUrl(wsUrl);
      if (server) this.#addLink(server);
    }
    if (JSON.stringify(next) !== before) {
      // Accounts whose owner changed start syncing with the new owner and stop with the old.
      this.#o.repo.shareConfigChanged();
      this.#o.statusChanged();
      void this.#openLibraryForSync();
    }
  }

  /**
   * Accounts added without being opened (an import writes new accounts straight to disk):
   * open them, one at a time after the import, so they reach the server when one is linked.
   */
  shareAdded(ids: string[]): void {
    if (this.#links.size > 0) void this.#openLibraryForSync(ids);
  }

  /** Documents only sync while loaded: open every library account (one at a time) so offline edits reach the server. */
  async #openLibraryForSync(ids = this.#o.library.ids()): Promise<void> {
    for (const id of ids) {
      if (this.#o.stopped() || this.#links.size === 0) return;
      await this.#o.repo.find(id as DocumentId).catch(() => undefined);
    }
  }
}

/**
 * The server's topology; "single" for a single relay; null when no answer (or a malformed
 * one) came. The token goes to every relay the topology names, so a server reached over
 * wss:// may only name wss:// relays: a topology cannot downgrade the token to plain text.
 */
async function fetchTopology(httpUrl: string, token: string, secure: boolean): Promise<Topology | "single" | null> {
  try {
    const res = await fetch(`${httpUrl}/topology`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(4000) });
    if (res.status === 404) return "single";
    if (!res.ok) return null;
    const parsed = topologySchema.safeParse(await res.json());
    if (!parsed.success) return null;
    // Every owner must be a relay address the node can use; anything else is not a topology.
    const usable = (o: string | null) => {
      const server = o === null ? null : normaliseServerUrl(o);
      return o === null || (server !== null && (!secure || server.wsUrl.startsWith("wss:")));
    };
    return parsed.data.owners.every(usable) ? parsed.data : null;
  } catch {
    return null;
  }
}
