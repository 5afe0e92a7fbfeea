/**
 * The sync node: the source of truth on a device (DESIGN.md "Processes and layers"). It
 * runs without Electron: the desktop app's main process and browser mode's host start the
 * same class. This file only wires the modules that do the work: the Repo on crash-safe
 * storage, the HTTP front door (api/), the control API's handlers (shared/api.ts),
 * meetings (meeting/), the team-server link (team-server/), link status (links/),
 * durability (durability/), summaries (library/), and what the node does with every
 * account it holds (accounts/).
 */
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { Repo, type DocHandle, type DocumentId, type PeerId } from "@automerge/automerge-repo";
import type { AccountDoc, Person } from "../../shared/account/schema";
import type { Endpoint, NodeEvent, NodeHandlers } from "../../shared/api";
import { type EngineWarmUp, warmEngineInWorker } from "./engine-warm-up";
import { Accounts } from "./accounts/accounts";
import { Keeping } from "./accounts/keeping";
import { onEveryAccount } from "./accounts/every-account";
import { upgradeFormatWhenReady } from "./accounts/format-upgrade";
import { applyLiveEdits } from "./accounts/live-edits";
import { WarmAccounts } from "./accounts/warm-accounts";
import { SavedDocuments } from "./accounts/saved-document";
import { EventStream } from "./api/event-stream";
import { Jobs } from "./api/jobs";
import { Backups } from "./backups/backups";
import { FrontDoor } from "./api/front-door";
import type { PageLogin } from "./api/page-login";
import { DeviceSettings } from "./device/device-settings";
import { LocalProfile } from "./device/profile";
import { keepOwnContact } from "./accounts/own-contact";
import { ReminderLog } from "./device/reminder-log";
import { PersonViews } from "./device/person-views";
import { Reminders } from "./device/reminders";
import { Durability } from "./durability/durability";
import { Library } from "./library/library";
import { ReminderSchedule } from "./reminders/reminder-schedule";
import { markReminderShown } from "./reminders/reminders-shown";
import { Summaries } from "./library/summaries";
import { SearchIndex } from "./library/search-index";
import { LinkStatus } from "./links/link-status";
import { DEFAULT_MDNS_PORT } from "./meeting/discovery";
import { Meetings } from "./meeting/meetings";
import { HardenedServerAdapter } from "./network/hardened-server-adapter";
import { startListener, type Listener } from "./network/listener";
import { accountGuard } from "./process-guards";
import { ShareRules } from "./share-rules";
import { removeStaleTempFiles } from "./storage/atomic-file";
import { CrashSafeStorage } from "./storage/crash-safe-storage";
import { ensureWritable } from "./storage/data-folder";
import { accountsFromServer } from "./team-server/server-accounts";
import { TeamServerLink } from "./team-server/team-server-link";
import { CrmIndex } from "./transfer/crm-index";
import { CsvImport } from "./transfer/csv-import";
import { Transfers } from "./transfer/transfers";

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
  /** When to warm Automerge's engine after start, in ms (src/node/engine-warm-up.ts); null: never (most tests). */
  warmEngineAfterMs?: number | null;
  log?: (line: string) => void;
}

export { DataFolderError } from "./storage/data-folder";

/** When the search index is read after start: once a window opening now has had its list. */
const SEARCH_INDEX_READ_AFTER_MS = 2_000;
/**
 * When Automerge's engine is warmed after start: once the window has its list and has
 * likely opened its first account. On two cores a second busy thread during the start
 * slowed the list by ~0.35 s and the first opens by ~0.1 s (warming after 1 s, median of 6 starts).
 */
const ENGINE_WARM_UP_AFTER_MS = 5_000;

export class SyncNode {
  readonly dataDir: string;
  readonly repo: Repo;
  readonly token = randomBytes(24).toString("base64url");
  /** The last update of this person's phone and email on their accounts after a profile change (how many accounts changed); tests wait on it. */
  ownContactUpdated: Promise<number> = Promise.resolve(0);
  /** The control API (shared/api.ts): each operation answered by the module that does the work. */
  readonly handlers = {
    status: () => ({
      profile: this.#device.profile,
      links: [...this.#meetings.links(), ...this.#teamServer.links()],
      hosting: this.#meetings.hosted(),
      joined: this.#meetings.joined(),
      server: this.#teamServer.settings(),
      damaged: this.#durability.damagedAccounts(
        (id) => this.#library.get(id)?.name ?? null,
        (id) => this.#backups.offerFor(id),
      ),
      dataDir: this.dataDir,
      archived: [...this.#device.archived],
      backups: this.#backups.status(),
      jobs: this.#jobs.list(),
    }),
    saveProfile: async (input) => {
      const before = this.#device.profile;
      const profile = await this.#profile.saveProfile(input);
      // New phone or email: the accounts this person owns take them, in the background.
      if (before && (before.phone !== profile.phone || before.email !== profile.email || before.id !== profile.id)) {
        this.ownContactUpdated = keepOwnContact({ repo: this.repo, accounts: () => this.#library.list(), log: this.#log }, profile).catch(() => 0);
      }
      return profile;
    },
    accounts: () => this.#library.list(),
    createAccount: (input) => this.#accounts.createAccount(input),
    warmAccount: ({ documentId }) => this.#warm.warm(documentId),
    openAccount: (input) => this.#accounts.openAccount(input),
    archiveAccount: (input) => this.#keeping.archiveAccount(input),
    deleteAccount: (input) => this.#keeping.deleteAccount(input),
    eraseAccount: (input) => this.#keeping.eraseAccount(input),
    hostMeeting: (input) => this.#meetings.hostMeeting(input),
    endMeeting: () => this.#meetings.endMeeting(),
    joinMeeting: (input) => this.#meetings.joinMeeting(input),
    leaveMeeting: () => this.#meetings.leaveMeeting(),
    nearbyMeetings: () => this.#meetings.nearbyMeetings(),
    knock: (input) => this.#meetings.knock(input),
    cancelKnock: () => this.#meetings.cancelKnock(),
    answerKnock: (input) => this.#meetings.answerKnock(input),
    saveServer: async (input) => {
      const saved = await this.#teamServer.saveServer(input);
      // A new laptop (or one that lost its list) gets every account the server lists for its person.
      this.handlers.accountsFromServer();
      return saved;
    },
    removeServer: () => this.#teamServer.removeServer(),
    reminders: () => this.#reminders.reminders(),
    claimReminder: (input) => this.#reminders.claimReminder(input),
    saveCallbackNumber: (input) => this.#reminders.saveCallbackNumber(input),
    search: async ({ query }) => {
      await this.#searchIndex.ready();
      return this.#searchIndex.search(query, (id) => this.#library.has(id));
    },
    viewSettings: () => this.#views.viewSettings(),
    saveViewSettings: (input) => this.#views.saveViewSettings(input),
    lastSeen: (input) => this.#views.lastSeen(input),
    markSeen: (input) => this.#views.markSeen(input),
    pageLink: () => this.#frontDoor.pageLink(),
    importCsv: (bytes) => this.#csvImport.importCsv(bytes),
    mapImportCsv: (input) => this.#csvImport.mapImportCsv(input),
    fixImportRow: (input) => this.#csvImport.fixImportRow(input),
    startImport: () => this.#csvImport.startImport(),
    importProgress: () => this.#jobs.progress("import"),
    importAccountFile: (bytes) => this.#transfers.importAccountFile(bytes),
    startExport: (input) => this.#transfers.startExport(input),
    exportProgress: () => this.#jobs.progress("export"),
    exportFile: () => this.#transfers.exportFile(),
    saveBackupSettings: (input) => this.#backups.saveSettings(input),
    backUpNow: () => this.#backups.backUpNow(),
    backups: () => this.#backups.list(),
    backupPreview: (input) => this.#backups.preview(input),
    restoreBackup: (input) => this.#backups.restore(input),
    accountsFromServer: () => {
      const accounts = this.#accounts;
      const library = this.#library;
      const teamServer = this.#teamServer;
      return this.#jobs.start("server-accounts", (job) =>
        accountsFromServer(
          {
            server: () => this.#device.server,
            connected: (signal) => teamServer.whenConnected(signal),
            has: (id) => library.has(id),
            fetch: (id, signal) => accounts.fetch(id, signal),
            flush: () => library.flush(),
            log: this.#log,
          },
          job,
        ),
      ).progress;
    },
    cancelJob: ({ job }) => this.#jobs.cancel(job),
  } satisfies NodeHandlers;
  readonly #log: (line: string) => void;
  readonly #events = new EventStream();
  readonly #rules = new ShareRules();
  readonly #rendererAdapter = new HardenedServerAdapter();
  readonly #storage: CrashSafeStorage;
  readonly #device: DeviceSettings;
  readonly #library: Library;
  readonly #searchIndex: SearchIndex;
  readonly #profile: LocalProfile;
  readonly #reminders: Reminders;
  readonly #views: PersonViews;
  /** When each reminder is due; Electron main listens to it too (it shows the OS notification). */
  readonly reminderSchedule: ReminderSchedule;
  readonly #linkStatus: LinkStatus;
  readonly #durability: Durability;
  readonly #summaries: Summaries;
  readonly #accounts: Accounts;
  readonly #keeping: Keeping;
  readonly #meetings: Meetings;
  readonly #teamServer: TeamServerLink;
  readonly #frontDoor: FrontDoor;
  readonly #warm: WarmAccounts;
  readonly #csvImport: CsvImport;
  readonly #transfers: Transfers;
  readonly #jobs: Jobs;
  readonly #backups: Backups;
  #listener: Listener | null = null;
  #engineWarmUp: EngineWarmUp | null = null;
  #stopped = false;

  private constructor(options: SyncNodeOptions) {
    const log = (this.#log = (line: string) => options.log?.(line));
    const stopped = () => this.#stopped;
    const statusChanged = () => this.#linkStatus.changed();
    const profile = () => this.#profile.required();
    const guard = accountGuard(log);
    const dataDir = (this.dataDir = resolve(options.dataDir));
    const events = this.#events;

    this.#storage = new CrashSafeStorage(join(dataDir, "accounts"), { onDamaged: (report) => this.#durability.onDamaged(report) });
    this.#rules.addInbound(this.#rendererAdapter);
    const repo = (this.repo = new Repo({
      storage: this.#storage,
      network: [this.#rendererAdapter],
      peerId: `baton-node-${randomBytes(8).toString("hex")}` as PeerId,
      shareConfig: this.#rules.shareConfig(),
    }));
    const library = (this.#library = new Library(dataDir));
    const index = (this.#searchIndex = new SearchIndex(dataDir));
    const device = (this.#device = new DeviceSettings(dataDir));

    this.#profile = new LocalProfile(device, statusChanged);
    const reminderLog = new ReminderLog(dataDir);
    const shown = (person: Person, key: string) =>
      void markReminderShown(repo, person, key, new Date().toISOString()).catch((e: Error) => log(`could not record reminder ${key} in its account: ${e.message}`));
    this.#reminders = new Reminders(reminderLog, profile, shown);
    this.#views = new PersonViews(dataDir, profile);
    this.reminderSchedule = new ReminderSchedule({ library, profile: () => device.profile, log: reminderLog, events, onFirst: shown });
    this.#linkStatus = new LinkStatus({
      events,
      status: () => this.handlers.status(),
      beforeSend: () => this.#durability.checkRestored([...this.#teamServer.serverPeers(), this.#meetings.hostPeer()]),
      stopped,
    });
    this.#durability = new Durability({ dataDir, repo, storage: this.#storage, events, statusChanged, stopped, log, damageFound: () => void this.#backups.findOffers() });
    this.#jobs = new Jobs(events);
    this.#backups = new Backups({
      dataDir,
      repo,
      storage: this.#storage,
      library,
      jobs: this.#jobs,
      damaged: () => this.#durability.unrestored(),
      restored: (id) => this.#durability.restoredFromBackup(id),
      statusChanged,
      stopped,
      log,
    });
    this.#summaries = new Summaries({ repo, library, index, events, guard, stopped });
    this.#accounts = new Accounts({ repo, library, profile, hasServer: () => this.#teamServer.hasServer() });
    this.#meetings = new Meetings({
      repo,
      rules: this.#rules,
      library,
      profile,
      bind: options.meetingBind ?? "0.0.0.0",
      advertise: options.meetingAdvertise,
      mdns: { bind: options.meetingBind ?? "0.0.0.0", port: options.mdnsPort ?? DEFAULT_MDNS_PORT },
      statusChanged,
      log,
    });
    this.#teamServer = new TeamServerLink({ repo, rules: this.#rules, device, library, isOpening: (id) => this.#accounts.isOpening(id) || this.#keeping.inTransit(id), statusChanged, stopped });
    this.#keeping = new Keeping({
      repo,
      library,
      device,
      profile,
      leaveOnServer: (id) => this.#teamServer.leave(id),
      serverPeer: (id) => this.#teamServer.serverPeer(id),
      statusChanged,
      listChanged: () => events.send({ type: "accounts", accounts: library.list() }),
    });
    const summarise = (id: string, doc: AccountDoc) => this.#summaries.summarise(id, doc);
    this.#csvImport = new CsvImport({ repo, library, index: new CrmIndex(dataDir), jobs: this.#jobs, profile, summarise, added: (ids) => this.#teamServer.shareAdded(ids) });
    this.#transfers = new Transfers({ repo, library, jobs: this.#jobs, profile, summarise, added: (ids) => this.#teamServer.shareAdded(ids) });
    const savedDocuments = new SavedDocuments({ repo, storage: this.#storage, library });
    const inMeeting = (id: string) => this.#meetings.hosted()?.documentId === id || this.#meetings.joined()?.documentId === id;
    this.#warm = new WarmAccounts({ repo, library, pinned: inMeeting, log });
    this.#frontDoor = new FrontDoor({
      token: this.token,
      port: () => this.port,
      endpoint: () => this.endpoint(),
      handlers: this.handlers,
      events,
      initialEvents: () => this.#initialEvents(),
      allowedOrigins: options.allowedOrigins,
      staticDir: options.staticDir,
      savedDocument: (id) => {
        // A window opening the account: it counts as used, so it stays loaded a while.
        this.#warm.used(id);
        return savedDocuments.bytes(id);
      },
    });

    const upgrade = { isInLibrary: (id: string) => library.has(id), guard, log };
    onEveryAccount(repo, (handle) => {
      upgradeFormatWhenReady(handle, upgrade);
      this.#summaries.watch(handle);
      this.#linkStatus.watch(handle);
      this.#durability.watch(handle);
      applyLiveEdits(handle, guard);
      this.#keeping.followErasure(handle);
    });
    let shareRecheck: { timer: NodeJS.Timeout; again: boolean } | null = null;
    const recheckShares = () => {
      if (shareRecheck) return void (shareRecheck.again = true);
      if (!stopped()) repo.shareConfigChanged();
      const timer = setTimeout(() => {
        const again = shareRecheck?.again;
        shareRecheck = null;
        if (again) recheckShares();
      }, 250);
      timer.unref();
      shareRecheck = { timer, again: false };
    };
    library.on("added", (id) => {
      // automerge-repo decided whether to offer the document to each connected peer when
      // its handle was made, before it was in the library: ask again, or an account created
      // while linked reaches the team server only once someone asks for it there. At once,
      // then at most every 250 ms: each re-check walks every document, and a new laptop
      // adds a thousand in a minute (once per account was quadratic: 2.05× the baseline).
      recheckShares();
      // Its handle was ready before it was the person's own, so it was not upgraded then.
      const handle = repo.handles[id as DocumentId] as DocHandle<AccountDoc> | undefined;
      if (handle) upgradeFormatWhenReady(handle, upgrade);
    });
    this.#rendererAdapter.onPeerChange(statusChanged);
  }

  /** Start a node on a data folder; throws DataFolderError when the folder is unusable. */
  static async start(options: SyncNodeOptions): Promise<SyncNode> {
    await ensureWritable(resolve(options.dataDir));
    const node = new SyncNode(options);
    await node.#device.load();
    await node.#library.load();
    // Read once the window has had its list, or at the first search (SearchIndex.loadLater).
    node.#searchIndex.loadLater(SEARCH_INDEX_READ_AFTER_MS, (e) => node.#log(`search index not read: ${e.message}`));
    await node.#reminders.load();
    await node.#views.load();
    await node.#durability.load();
    await node.#backups.load();
    // Temp files of settings or library writes a crash interrupted (the store sweeps its own).
    await removeStaleTempFiles(node.dataDir).catch(() => 0);
    node.#durability.seekUnrestored();
    node.#listener = await startListener({
      host: "127.0.0.1",
      port: options.port ?? 0,
      adapter: node.#rendererAdapter,
      authorize: (token, req) => node.#frontDoor.authorize(token, req),
      onHttpRequest: (req, res) => node.#frontDoor.onRequest(req, res),
    });
    node.#teamServer.connectSaved();
    node.reminderSchedule.start();
    node.#durability.scanForDamage(node.#library.ids());
    node.#summaries.refreshStale();
    node.#backups.start();
    void node.#backups.findOffers();
    const warmAfter = options.warmEngineAfterMs === undefined ? ENGINE_WARM_UP_AFTER_MS : options.warmEngineAfterMs;
    if (warmAfter !== null) node.#engineWarmUp = warmEngineInWorker(warmAfter, node.#log);
    node.#log(`sync node on ${node.#listener.url} with data in ${node.dataDir}`);
    return node;
  }

  /** Where the renderer connects. */
  endpoint(): Endpoint {
    const port = this.port;
    return { httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/?token=${this.token}`, token: this.token };
  }

  get port(): number {
    return this.#listener?.port ?? 0;
  }

  /** Browser mode (a `staticDir`): the one-time sign-in links of the page. */
  get pageLogin(): PageLogin | null {
    return this.#frontDoor.pageLogin;
  }

  /** Flush every write and close every link. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#engineWarmUp?.stop();
    this.#summaries.stop();
    this.reminderSchedule.stop();
    await this.#meetings.stop();
    this.#teamServer.disconnect();
    // Long work stops after the step it is in (each account whole); then a last backup if anything changed.
    await this.#jobs.stopAll();
    await this.#backups.stop();
    this.#events.close();
    await this.repo.flush().catch((e: Error) => this.#log(`flush failed: ${e.message}`));
    await this.#library.flush().catch((e: Error) => this.#log(`library flush failed: ${e.message}`));
    await this.#searchIndex.flush().catch((e: Error) => this.#log(`search index flush failed: ${e.message}`));
    await this.#reminders.flush().catch((e: Error) => this.#log(`reminder log flush failed: ${e.message}`));
    await this.#views.flush().catch((e: Error) => this.#log(`views flush failed: ${e.message}`));
    await this.#listener?.close();
    await this.repo.shutdown().catch(() => undefined);
    await this.#storage.close();
  }

  /** What a window learns when it opens the event stream: status, the account list, what is on disk. */
  #initialEvents(): NodeEvent[] {
    return [
      { type: "status", status: this.handlers.status() },
      { type: "accounts", accounts: this.#library.list() },
      ...this.#durability.saved().map(([documentId, heads]): NodeEvent => ({ type: "saved", documentId, heads })),
    ];
  }
}
