/**
 * The sync node: the source of truth on a device (DESIGN.md "Processes and layers").
 * It owns the automerge-repo Repo with crash-safe storage, the token-protected endpoint
 * the renderer connects to, the meeting listener and links, the team-server link, the
 * library of account summaries, and the small JSON API. It runs without Electron: the
 * desktop app's main process and browser mode's host start the same class.
 */
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import type http from "node:http";
import { join, resolve } from "node:path";
import { Repo } from "@automerge/automerge-repo";
import type { DocHandle, DocumentId, PeerId } from "@automerge/automerge-repo";
import type { DamagedAccount, Endpoint, HostedMeeting, JoinedMeeting, NearbyMeetings, NodeStatus, PeerLink, RemindersState, ServerSettings } from "../../shared/api";
import type { AccountDoc, Profile } from "../../shared/account/schema";
import { changeMessage } from "../../shared/attribution";
import { createAccount } from "../../shared/commands/account";
import { isFromNewerApp, migrated, needsMigration, versionOf } from "../../shared/account/migrations";
import { withHiddenContainersMerged } from "../../shared/account/merge-containers";
import { summarize, type AccountSummary } from "../../shared/queries/summary";
import { applyLiveChange, isLiveChange } from "../../shared/live-edits";
import { chunksAreIntact } from "./network/change-integrity";
import { ApiFailure, handleApi, type NodeControl } from "./api/http-api";
import { EventStream } from "./api/event-stream";
import { PageLogin } from "./api/page-login";
import { serveStatic } from "./api/static-files";
import { DeviceSettings } from "./device/device-settings";
import { ReminderLog } from "./device/reminder-log";
import { ReminderSchedule } from "./reminders/reminder-schedule";
import { Library } from "./library/library";
import type { LinkClientAdapter, LinkState } from "./links/link-client-adapter";
import { checkInvitation, JoinError, meetingAdapter } from "./meeting/meeting-guest";
import { MeetingHost } from "./meeting/meeting-host";
import { DEFAULT_MDNS_PORT } from "./meeting/discovery";
import { Lobby } from "./meeting/nearby";
import { HardenedServerAdapter } from "./network/hardened-server-adapter";
import { sameToken, startListener, type Listener } from "./network/listener";
import { ShareRules } from "./share-rules";
import { CrashSafeStorage } from "./storage/crash-safe-storage";
import { removeStaleTempFiles, writeFileAtomic } from "./storage/atomic-file";
import { DamageLog } from "./storage/damage-log";
import { checkServer, normaliseServerUrl, teamServerAdapter } from "./team-server/team-server-link";

export interface SyncNodeOptions {
  /** Folder for accounts, library and settings. */
  dataDir: string;
  /** Interface of the renderer endpoint. Always loopback. */
  host?: "127.0.0.1";
  /** Port of the renderer endpoint; 0 picks a free one. */
  port?: number;
  /** Browser mode: serve the built renderer from this folder on the same port. */
  staticDir?: string;
  /** Where meeting listeners bind: "0.0.0.0" for the LAN (default), "127.0.0.1" for tests. */
  meetingBind?: string;
  /** Address written into join codes (default: this machine's LAN address). */
  meetingAdvertise?: string;
  /** UDP port of meeting discovery (mDNS), on the meeting's interfaces: 5353 by default; tests use another. */
  mdnsPort?: number;
  /** Extra origins allowed to call the API (the Electron app's own origin). */
  allowedOrigins?: string[];
  log?: (line: string) => void;
}

/** The data folder cannot be used; the message says which and why. */
export class DataFolderError extends Error {}

interface JoinedLink {
  adapter: LinkClientAdapter;
  info: JoinedMeeting;
}

interface ServerLink {
  adapter: LinkClientAdapter;
  url: string;
  label: string;
}

export class SyncNode implements NodeControl {
  readonly dataDir: string;
  readonly repo: Repo;
  readonly token = randomBytes(24).toString("base64url");
  /** Browser mode (a `staticDir`): the one-time sign-in links of the page. */
  readonly pageLogin: PageLogin | null;
  readonly #options: SyncNodeOptions;
  readonly #device: DeviceSettings;
  readonly #library: Library;
  readonly #reminders: ReminderLog;
  readonly reminderSchedule: ReminderSchedule;
  readonly #storage: CrashSafeStorage;
  readonly #rules = new ShareRules();
  readonly #rendererAdapter = new HardenedServerAdapter();
  readonly #events = new EventStream();
  readonly #damage: DamageLog;
  readonly #summaryTimers = new Map<string, NodeJS.Timeout>();
  readonly #watched = new Set<string>();
  readonly #persisting = new Map<string, { running: boolean; again: boolean }>();
  /** Accounts being fetched by link: the team server may be asked for them before they are in the library. */
  readonly #opening = new Set<string>();
  #listener: Listener | null = null;
  #hosting: MeetingHost | null = null;
  /** Meetings nearby and knocks on their doors (the guest's side of discovery). */
  readonly #lobby: Lobby;
  #joined: JoinedLink | null = null;
  #server: ServerLink | null = null;
  #statusTimer: NodeJS.Timeout | null = null;
  #accountsTimer: NodeJS.Timeout | null = null;
  /** Accounts whose summary changed since the last event to the windows. */
  readonly #changedAccounts = new Set<string>();
  /** The heads of each account last written to disk. */
  readonly #saved = new Map<string, string[]>();
  #stopped = false;

  private constructor(options: SyncNodeOptions) {
    this.#options = options;
    this.dataDir = resolve(options.dataDir);
    this.pageLogin = options.staticDir !== undefined ? new PageLogin(() => `http://127.0.0.1:${this.port}/`) : null;
    this.#device = new DeviceSettings(this.dataDir);
    this.#library = new Library(this.dataDir);
    this.#reminders = new ReminderLog(this.dataDir);
    this.#damage = new DamageLog(this.dataDir);
    this.#storage = new CrashSafeStorage(join(this.dataDir, "accounts"), {
      onDamaged: (report) => {
        // Lost sync state only costs a longer re-sync; content damage is what the person must see.
        if (!report.documentId || !this.#storage.damagedDocuments().has(report.documentId)) return;
        const id = report.documentId;
        this.#log(`damaged account ${id}: ${report.reason}`);
        void this.#damage
          .damaged(id, report.reason)
          .catch((e: unknown) => this.#log(`could not record the damage of ${id}: ${(e as Error).message}`))
          .finally(() => this.#statusChanged());
        this.#seekFromPeers(id);
      },
    });
    this.#rules.addInbound(this.#rendererAdapter);
    this.#lobby = new Lobby({ scope: this.#mdnsScope(), log: (line) => this.#log(line) });
    this.repo = new Repo({
      storage: this.#storage,
      network: [this.#rendererAdapter],
      peerId: `baton-node-${randomBytes(8).toString("hex")}` as PeerId,
      shareConfig: this.#rules.shareConfig(),
    });
    // automerge-repo 2.5.6 declares a "document" event but never emits it; every handle it
    // creates, finds or imports passes through synchronizer.addDocument, so watch there.
    const synchronizer = this.repo.synchronizer;
    const addDocument = synchronizer.addDocument.bind(synchronizer);
    synchronizer.addDocument = (handle) => {
      this.#watch(handle as DocHandle<AccountDoc>);
      addDocument(handle);
    };
    this.#rendererAdapter.onPeerChange(() => this.#statusChanged());
    this.#library.on("changed", (id) => this.#accountsChanged(id));
    this.reminderSchedule = new ReminderSchedule({ library: this.#library, profile: () => this.#device.profile, log: this.#reminders, events: this.#events });
  }

  /** Start a node on a data folder; throws DataFolderError when the folder is unusable. */
  static async start(options: SyncNodeOptions): Promise<SyncNode> {
    await ensureWritable(resolve(options.dataDir));
    const node = new SyncNode(options);
    await node.#device.load();
    await node.#library.load();
    await node.#reminders.load();
    await node.#damage.load();
    // Temp files of settings or library writes a crash interrupted (the store sweeps its own).
    await removeStaleTempFiles(node.dataDir).catch(() => 0);
    for (const id of node.#damage.unrestored()) node.#seekFromPeers(id);
    node.#listener = await startListener({
      host: "127.0.0.1",
      port: options.port ?? 0,
      adapter: node.#rendererAdapter,
      authorize: (token, req) => (sameToken(token, node.token) && node.#originAllowed(req) ? { kind: "renderer", label: "this window" } : undefined),
      onHttpRequest: (req, res) => node.#onHttp(req, res),
    });
    const server = node.#device.server;
    if (server) {
      const checked = normaliseServerUrl(server.url);
      if (checked) node.#connectServer(server.url, server.token);
    }
    node.reminderSchedule.start();
    node.#scanForDamage();
    node.#refreshStaleSummaries();
    node.#log(`sync node on ${node.#listener.url} with data in ${node.dataDir}`);
    return node;
  }

  /** Where the renderer connects. */
  endpoint(): Endpoint {
    const port = this.#listener?.port ?? 0;
    return { httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/?token=${this.token}`, token: this.token };
  }

  get port(): number {
    return this.#listener?.port ?? 0;
  }

  // ---- NodeControl (the JSON API) ---------------------------------------------------

  status(): NodeStatus {
    const links: PeerLink[] = [];
    if (this.#hosting) {
      const docs = [this.#hosting.documentId];
      for (const peer of this.#hosting.adapter.connectedPeers()) {
        links.push({ kind: "meeting-guest", label: peer.grant.label, state: "connected", synced: this.#isSynced(peer.peerId, docs) });
      }
    }
    if (this.#joined) {
      const a = this.#joined.adapter;
      links.push(linkOf("meeting-host", this.#joined.info.host, a.state, a.remotePeerId ? this.#isSynced(a.remotePeerId, [this.#joined.info.documentId]) : false));
    }
    if (this.#server) {
      const a = this.#server.adapter;
      links.push(linkOf("team-server", this.#server.label, a.state, a.remotePeerId ? this.#isSynced(a.remotePeerId, this.#library.ids()) : false));
    }
    const damaged: DamagedAccount[] = this.#damage.entries().map(([documentId, entry]) => ({
      documentId,
      name: this.#library.get(documentId)?.name ?? null,
      reason: entry.reason,
      restored: entry.restoredAt !== null,
    }));
    return {
      profile: this.#device.profile,
      links,
      hosting: this.#hosting ? this.#hostedMeeting(this.#hosting) : null,
      joined: this.#joined?.info ?? null,
      server: this.#server ? { url: this.#server.url, hasToken: true } : null,
      damaged,
      dataDir: this.dataDir,
    };
  }

  accounts(): AccountSummary[] {
    return this.#library.list();
  }

  savedHeads(): Record<string, string[]> {
    return Object.fromEntries(this.#saved);
  }

  async setProfile(input: { name: string; role: Profile["role"] }): Promise<Profile> {
    const profile = await this.#device.setProfile(input);
    this.#statusChanged();
    return profile;
  }

  async createAccount(name: string): Promise<{ documentId: string }> {
    const profile = this.#requireProfile();
    const handle = this.repo.create<AccountDoc>();
    handle.change((d) => createAccount(d, { name, by: profile, at: new Date().toISOString() }), {
      message: changeMessage(profile, "Created the account"),
    });
    this.#library.upsert(summarize(handle.documentId, handle.doc()));
    await this.repo.flush([handle.documentId]);
    await this.#library.flush();
    return { documentId: handle.documentId };
  }

  /** Add an account someone shared by link, fetching it from the team server (or a meeting). */
  async openAccount(documentId: string): Promise<{ documentId: string }> {
    this.#requireProfile();
    if (this.#library.has(documentId)) return { documentId };
    this.#opening.add(documentId);
    try {
      const handle = await this.repo.find<AccountDoc>(documentId as DocumentId, { signal: AbortSignal.timeout(15_000) });
      const doc = handle.doc() as unknown as Record<string, unknown>;
      if (doc.name === undefined || doc.schemaVersion === undefined) throw new ApiFailure(422, "That link does not lead to a Baton account.", { link: "That link does not lead to a Baton account." });
      this.#library.upsert(summarize(documentId, handle.doc()));
      await this.#library.flush();
      return { documentId };
    } catch (e) {
      if (e instanceof ApiFailure) throw e;
      const message = this.#server
        ? "Neither the team sync server nor anyone else connected has this account, or you are not allowed to see it."
        : "This device is not connected to the team sync server; set it up in Settings, then open the link again.";
      throw new ApiFailure(404, message, { link: message });
    } finally {
      this.#opening.delete(documentId);
    }
  }

  async hostMeeting(documentId: string): Promise<HostedMeeting> {
    const profile = this.#requireProfile();
    if (!this.#library.has(documentId)) throw new ApiFailure(404, "That account is not on this device.");
    if (this.#hosting?.documentId === documentId) return this.#hostedMeeting(this.#hosting);
    await this.endMeeting();
    const host = new MeetingHost({
      documentId,
      accountName: () => this.#library.get(documentId)?.name ?? "",
      hostName: profile.name,
      bind: this.#options.meetingBind ?? "0.0.0.0",
      advertise: this.#options.meetingAdvertise,
      hostRole: profile.role,
      mdns: this.#mdnsScope(),
      onChange: () => this.#statusChanged(),
      log: (line) => this.#log(line),
    });
    this.#rules.addInbound(host.adapter);
    host.adapter.onPeerChange(() => this.#statusChanged());
    this.repo.networkSubsystem.addNetworkAdapter(host.adapter);
    try {
      await host.start();
    } catch (e) {
      this.repo.networkSubsystem.removeNetworkAdapter(host.adapter);
      this.#rules.removeInbound(host.adapter);
      throw new ApiFailure(500, `Could not start the meeting: ${(e as Error).message}`);
    }
    this.#hosting = host;
    await this.repo.find(documentId as DocumentId);
    this.#statusChanged();
    return this.#hostedMeeting(host);
  }

  async endMeeting(): Promise<void> {
    const host = this.#hosting;
    if (!host) return;
    this.#hosting = null;
    await host.stop();
    this.repo.networkSubsystem.removeNetworkAdapter(host.adapter);
    this.#rules.removeInbound(host.adapter);
    this.#statusChanged();
  }

  async joinMeeting(code: string): Promise<JoinedMeeting> {
    const profile = this.#requireProfile();
    let invitation;
    try {
      invitation = await checkInvitation(code);
    } catch (e) {
      if (e instanceof JoinError) throw new ApiFailure(400, e.message, { code: e.message });
      throw e;
    }
    if (this.#hosting?.documentId === invitation.info.documentId) {
      throw new ApiFailure(400, "You are hosting this meeting yourself; give the code to the other laptop.", { code: "This is your own meeting." });
    }
    await this.leaveMeeting();
    const documentId = invitation.info.documentId;
    const adapter = meetingAdapter(invitation, profile.name);
    adapter.on("peer-candidate", ({ peerId }) => {
      this.#rules.setOutbound(peerId, { kind: "meeting-host", allows: (id) => id === documentId });
      this.#statusChanged();
    });
    adapter.on("peer-disconnected", ({ peerId }) => {
      this.#rules.forgetOutbound(peerId);
      this.#statusChanged();
    });
    adapter.status.on("change", () => this.#statusChanged());
    const info: JoinedMeeting = { documentId, accountName: invitation.info.accountName, host: invitation.info.hostName };
    this.#joined = { adapter, info };
    this.repo.networkSubsystem.addNetworkAdapter(adapter);
    try {
      await waitFor(() => adapter.remotePeerId !== null, 8000);
      const handle = await this.repo.find<AccountDoc>(documentId as DocumentId, { signal: AbortSignal.timeout(20_000) });
      this.#library.upsert(summarize(documentId, handle.doc()));
      await this.#library.flush();
    } catch {
      await this.leaveMeeting();
      const problem = adapter.state.state === "refused" || adapter.state.state === "offline" ? adapter.state.problem : "";
      throw new ApiFailure(502, `Could not get the account from ${invitation.where}. ${problem}`.trim(), { code: "The host did not share the account." });
    }
    this.#statusChanged();
    return info;
  }

  // ---- meetings nearby (mDNS) and knocks -------------------------------------------------

  async nearbyMeetings(): Promise<NearbyMeetings> {
    return this.#lobby.nearby(this.#hosting?.meetingId ?? null);
  }

  /** Knock on a nearby meeting and, once the host lets us in, join it as with its code. */
  async knock(meetingId: string): Promise<JoinedMeeting> {
    const profile = this.#requireProfile();
    let code: string;
    try {
      code = await this.#lobby.knock(meetingId, { name: profile.name, role: profile.role });
    } catch (e) {
      if (e instanceof JoinError) throw new ApiFailure(e.status, e.message);
      throw e;
    }
    return this.joinMeeting(code);
  }

  async cancelKnock(): Promise<void> {
    this.#lobby.cancelKnock();
  }

  async answerKnock(knockId: string, answer: "let-in" | "turn-away"): Promise<void> {
    if (!this.#hosting) throw new ApiFailure(409, "You are not hosting a meeting.");
    if (!this.#hosting.door.answer(knockId, answer)) throw new ApiFailure(404, "That person is no longer waiting to join.");
    this.#statusChanged();
  }

  async leaveMeeting(): Promise<void> {
    const joined = this.#joined;
    if (!joined) return;
    this.#joined = null;
    const peer = joined.adapter.remotePeerId;
    this.repo.networkSubsystem.removeNetworkAdapter(joined.adapter);
    if (peer) this.#rules.forgetOutbound(peer);
    this.#statusChanged();
  }

  async setServer(input: { url: string; token: string }): Promise<ServerSettings> {
    const checked = await checkServer(input);
    if (!checked.ok) throw new ApiFailure(400, checked.message, { [checked.field]: checked.message });
    await this.#device.setServer({ url: input.url.trim(), token: input.token.trim() });
    this.#connectServer(input.url.trim(), input.token.trim());
    this.#statusChanged();
    return { url: input.url.trim(), hasToken: true };
  }

  async removeServer(): Promise<void> {
    this.#disconnectServer();
    await this.#device.setServer(null);
    this.#statusChanged();
  }

  // ---- reminders (device-local, per person) ---------------------------------------------

  reminders(): RemindersState {
    const profile = this.#requireProfile();
    return { fired: this.#reminders.fired(profile.id), callbackNumber: this.#reminders.callbackNumber(profile.id) };
  }

  async claimReminder(key: string): Promise<{ first: boolean }> {
    const profile = this.#requireProfile();
    return { first: await this.#reminders.claim(profile.id, key) };
  }

  async setCallbackNumber(value: string): Promise<RemindersState> {
    const profile = this.#requireProfile();
    await this.#reminders.setCallbackNumber(profile.id, value);
    return this.reminders();
  }

  // ---- lifecycle ------------------------------------------------------------------

  /** Flush every write and close every link. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const t of this.#summaryTimers.values()) clearTimeout(t);
    this.reminderSchedule.stop();
    await this.#lobby.stop().catch(() => undefined);
    await this.endMeeting().catch(() => undefined);
    await this.leaveMeeting().catch(() => undefined);
    this.#disconnectServer();
    this.#events.close();
    await this.repo.flush().catch((e: Error) => this.#log(`flush failed: ${e.message}`));
    await this.#library.flush().catch((e: Error) => this.#log(`library flush failed: ${e.message}`));
    await this.#reminders.flush().catch((e: Error) => this.#log(`reminder log flush failed: ${e.message}`));
    await this.#listener?.close();
    await this.repo.shutdown().catch(() => undefined);
    await this.#storage.close();
  }

  // ---- internals --------------------------------------------------------------------

  #requireProfile(): Profile {
    const p = this.#device.profile;
    if (!p) throw new ApiFailure(409, "Set up your profile first (your name and role).");
    return p;
  }

  #hostedMeeting(host: MeetingHost): HostedMeeting {
    return {
      documentId: host.documentId,
      accountName: this.#library.get(host.documentId)?.name ?? "",
      code: host.code,
      guests: host.guests(),
      knocks: host.knocks(),
      advertised: host.advertised,
    };
  }

  #mdnsScope(): { bind: string; port: number } {
    return { bind: this.#options.meetingBind ?? "0.0.0.0", port: this.#options.mdnsPort ?? DEFAULT_MDNS_PORT };
  }

  #connectServer(url: string, token: string): void {
    this.#disconnectServer();
    const checked = normaliseServerUrl(url);
    if (!checked) return;
    const adapter = teamServerAdapter(checked, token, this.#device.profile?.name ?? "Baton");
    adapter.on("peer-candidate", ({ peerId }) => {
      this.#rules.setOutbound(peerId, { kind: "team-server", allows: (id) => this.#library.has(id) || this.#opening.has(id) });
      this.#statusChanged();
      void this.#openLibraryForSync();
    });
    adapter.on("peer-disconnected", ({ peerId }) => {
      this.#rules.forgetOutbound(peerId);
      this.#statusChanged();
    });
    adapter.status.on("change", () => this.#statusChanged());
    this.#server = { adapter, url, label: new URL(checked.httpUrl).host };
    this.repo.networkSubsystem.addNetworkAdapter(adapter);
  }

  #disconnectServer(): void {
    const link = this.#server;
    if (!link) return;
    this.#server = null;
    const peer = link.adapter.remotePeerId;
    this.repo.networkSubsystem.removeNetworkAdapter(link.adapter);
    if (peer) this.#rules.forgetOutbound(peer);
  }

  /**
   * Keep a damaged account open so automerge-repo asks every peer (the meeting, the team
   * server) for it as soon as one is connected; "remote-heads" then marks it restored.
   */
  #seekFromPeers(id: string): void {
    void this.repo.find(id as DocumentId, { allowableStates: ["ready", "unavailable"] }).catch(() => undefined);
  }

  /** Documents only sync while loaded: open every library account (one at a time) so offline edits reach the server. */
  async #openLibraryForSync(): Promise<void> {
    for (const id of this.#library.ids()) {
      if (this.#stopped || !this.#server) return;
      await this.repo.find(id as DocumentId).catch(() => undefined);
    }
  }

  #watch(handle: DocHandle<AccountDoc>): void {
    const id = handle.documentId;
    if (this.#watched.has(id)) return;
    this.#watched.add(id);
    handle.on("change", () => {
      this.#scheduleSummary(handle);
      this.#statusChanged();
    });
    handle.on("heads-changed", () => void this.#persist(handle));
    handle.on("remote-heads", () => this.#statusChanged());
    // Live edits from a renderer or a meeting peer (shared/live-edits.ts). automerge-repo
    // calls this BEFORE it forwards the message to the document's other peers, and applying
    // a change runs everything that follows one (sync messages to every peer, the summary,
    // the write to disk): applied in a microtask, the message is on its way to the other
    // laptop first, so each hop costs a forward, not a full change.
    handle.on("ephemeral-message", ({ message }) => {
      // A damaged change is never applied (network/change-integrity.ts); the listeners refuse it
      // already, this also covers what comes over an outbound link.
      if (!isLiveChange(message) || !chunksAreIntact(message.change)) return;
      queueMicrotask(() => {
        this.#guarded(id, "apply a live edit", () => {
          if (handle.isReady()) handle.update((doc) => applyLiveChange(doc, message));
        });
      });
    });
    handle
      .whenReady()
      .then(() => {
        this.#guarded(id, "upgrade the account's format", () => {
          const doc = handle.doc() as unknown as Record<string, unknown>;
          // Migrate only real, older account documents; never one still arriving or from a newer app.
          if (this.#library.has(id) && doc.name !== undefined && needsMigration(doc) && !isFromNewerApp(doc)) {
            this.#log(`migrating ${id} from schema ${versionOf(doc)}`);
            // The same change on every laptop that upgrades it (account/migrations.ts).
            handle.update((d) => migrated(d));
          }
        });
        this.#scheduleSummary(handle);
      })
      .catch(() => undefined);
  }

  /**
   * Run a background task of one account so that nothing it meets — whatever a peer wrote
   * into the account — ends the process or stops the other accounts: the failure is logged
   * with the account it belongs to and the node carries on.
   */
  #guarded(id: string, what: string, task: () => void): void {
    try {
      task();
    } catch (e) {
      this.#log(`could not ${what} for account ${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * Read every account's chunks once, in the background, so a damaged account is reported
   * at start rather than when someone opens it. Only checksums are verified here; no
   * document is loaded.
   */
  #scanForDamage(): void {
    const ids = this.#library.ids();
    const timer = setTimeout(async () => {
      for (const id of ids) {
        if (this.#stopped) return;
        await this.#storage.loadRange([id]).catch(() => undefined);
      }
    }, 1500);
    timer.unref();
  }

  /**
   * Summaries written by an older build lack what Today needs: open each such account once,
   * one at a time in the background, and summarise it again (after an upgrade only).
   */
  #refreshStaleSummaries(): void {
    const ids = this.#library.stale();
    if (!ids.length) return;
    const timer = setTimeout(async () => {
      for (const id of ids) {
        if (this.#stopped) return;
        const handle = await this.repo.find<AccountDoc>(id as DocumentId).catch(() => null);
        if (handle?.isReady() && !this.#stopped) this.#guarded(id, "summarise", () => this.#library.upsert(summarize(id, handle.doc())));
      }
    }, 500);
    timer.unref();
  }

  /**
   * Write a changed document to disk now and tell its windows which heads are durable
   * (a "saved" event on the windows' channel, shared/api.ts). One write per document at a time; edits
   * made meanwhile are written right after.
   */
  async #persist(handle: DocHandle<AccountDoc>): Promise<void> {
    const id = handle.documentId;
    const state = this.#persisting.get(id) ?? { running: false, again: false };
    this.#persisting.set(id, state);
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    try {
      do {
        state.again = false;
        if (this.#stopped || !handle.isReady()) return;
        const heads = handle.heads();
        await this.repo.flush([id]);
        // On the windows' own channel: the document's peers (a meeting guest) have no use for it.
        this.#saved.set(id, heads);
        this.#events.send({ type: "saved", documentId: id, heads });
      } while (state.again);
    } catch (e) {
      this.#log(`could not write account ${id}: ${(e as Error).message}`);
    } finally {
      state.running = false;
    }
  }

  #scheduleSummary(handle: DocHandle<AccountDoc>): void {
    const id = handle.documentId;
    if (!this.#library.has(id) || this.#summaryTimers.has(id)) return;
    this.#summaryTimers.set(
      id,
      setTimeout(() => {
        this.#summaryTimers.delete(id);
        if (!handle.isReady()) return;
        // Two laptops that created the same part of the account apart: bring back the items one
        // of them would lose (account/merge-containers.ts), as the same change on every laptop.
        this.#guarded(id, "keep the items of parts created on two laptops", () => {
          if (!isFromNewerApp(handle.doc())) handle.update((d) => withHiddenContainersMerged(d));
        });
        this.#guarded(id, "summarise", () => this.#library.upsert(summarize(id, handle.doc())));
      }, 150),
    );
  }

  #isSynced(peerId: PeerId, documentIds: string[]): boolean {
    const storageId = this.repo.getStorageIdOfPeer(peerId);
    if (!storageId) return false;
    for (const id of documentIds) {
      const handle = this.repo.handles[id as DocumentId];
      if (!handle || !handle.isReady()) continue;
      const theirs = handle.getSyncInfo(storageId)?.lastHeads;
      const ours = handle.heads();
      if (!theirs || theirs.length !== ours.length || !ours.every((h) => theirs.includes(h))) return false;
    }
    return true;
  }

  /**
   * A damaged account is restored once the team server or the meeting's other laptop has
   * given it back: this replica is in sync with that peer and holds a document again
   * (which the repo has then written to disk).
   */
  #checkRestored(): void {
    const peers = [this.#server?.adapter.remotePeerId, this.#joined?.adapter.remotePeerId].filter((p): p is PeerId => !!p);
    for (const id of this.#damage.unrestored()) {
      const handle = this.repo.handles[id as DocumentId];
      if (!handle?.isReady() || handle.heads().length === 0) continue;
      if (!peers.some((p) => this.#isSynced(p, [id]))) continue;
      this.#log(`damaged account ${id} restored from a peer`);
      void this.#damage
        .restored(id)
        .catch(() => undefined)
        .finally(() => this.#statusChanged());
    }
  }

  #statusChanged(): void {
    if (this.#statusTimer || this.#stopped) return;
    this.#statusTimer = setTimeout(() => {
      this.#statusTimer = null;
      this.#checkRestored();
      this.#events.send({ type: "status", status: this.status() });
    }, 100);
  }

  /** Tell the windows which summaries changed (not the whole list: while someone types, that is one account). */
  #accountsChanged(documentId: string): void {
    this.#changedAccounts.add(documentId);
    if (this.#accountsTimer || this.#stopped) return;
    this.#accountsTimer = setTimeout(() => {
      this.#accountsTimer = null;
      const changed = [...this.#changedAccounts].map((id) => this.#library.get(id)).filter((s): s is AccountSummary => s !== undefined);
      this.#changedAccounts.clear();
      if (changed.length) this.#events.send({ type: "accounts-changed", changed });
    }, 100);
  }

  #allowedOrigins(): string[] {
    const port = this.port;
    return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...(this.#options.allowedOrigins ?? [])];
  }

  /** Browsers send Origin on WebSocket upgrades; a page from anywhere else is refused. */
  #originAllowed(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.#allowedOrigins().includes(origin);
  }

  async #onHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another site that re-points its DNS at 127.0.0.1 still sends its own Host: refuse it.
    const hostHeader = req.headers.host ?? "";
    if (hostHeader !== `127.0.0.1:${this.port}` && hostHeader !== `localhost:${this.port}`) {
      res.writeHead(421, { "Content-Type": "text/plain" }).end("Wrong host.\n");
      return;
    }
    const handled = await handleApi(req, res, {
      token: this.token,
      control: this,
      events: this.#events,
      endpoint: () => this.endpoint(),
      allowedOrigins: this.#allowedOrigins(),
      pageLogin: this.pageLogin,
    });
    if (handled) return;
    if (this.#options.staticDir) {
      await serveStatic(resolve(this.#options.staticDir), req, res, {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
      });
      return;
    }
    res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found.\n");
  }

  #log(line: string): void {
    this.#options.log?.(line);
  }
}

function linkOf(kind: PeerLink["kind"], label: string, state: LinkState, synced: boolean): PeerLink {
  if (state.state === "connected") return { kind, label, state: "connected", synced };
  if (state.state === "connecting") return { kind, label, state: "connecting", synced: false };
  return { kind, label, state: state.state, problem: state.problem, synced: false };
}

async function ensureWritable(dir: string): Promise<void> {
  try {
    // Owner-only: the folder holds the sync server token and every account in clear.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(dir, ".baton-write-check"), new Date().toISOString());
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "EACCES" || err.code === "EPERM" ? "permission denied" : err.code === "EROFS" ? "the disk is read-only" : err.code === "ENOSPC" ? "the disk is full" : err.message;
    throw new DataFolderError(`Baton cannot write to its data folder ${dir}: ${why}.`);
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}
