/**
 * The contract between the renderer and its sync node. Documents travel over the
 * automerge-repo WebSocket; everything else (profile, library, meetings, server
 * settings, status) is this small JSON API on the same token-protected listener.
 *
 * The API is one table, `operations`: each operation's name, HTTP method, path, input
 * schema and result type. The node's dispatcher (src/node/api/) and the window's client
 * (`apiClient`, used by src/renderer/sync/api.ts) are both derived from it, and the node
 * implements `NodeHandlers` with `satisfies`, so a name or a shape cannot differ between
 * the two sides (Actual Budget's handler interfaces are the model).
 */
import { z } from "zod";
import type { ProfileSettings, Role } from "./account/schema";
import { accountLinkSchema } from "./account-link";
import type { AccountSummary } from "./queries/summary";
import type { DueReminder } from "./queries/reminders";
import { SEARCH_QUERY_MAX, type SearchHit } from "./queries/search";
import { STAY_CLOSE_MAX_DAYS } from "./queries/pipeline";
import { phoneSchema } from "./validation/contacts";
import { accountNameSchema } from "./validation/fields";
import { profileInputSchema } from "./validation/profile";
import {
  ACCOUNT_FILE_MAX_BYTES,
  CSV_MAX_BYTES,
  exportInputSchema,
  importFixInputSchema,
  importMappingInputSchema,
  type DownloadFile,
  type ImportPreview,
} from "./import/transfer-api";
import { JOB_KINDS, type JobProgress } from "./jobs";
import { STATUS_PATH } from "./api-paths";

export type { JobAccount, JobKind, JobProgress } from "./jobs";

/** Where the renderer finds its sync node. */
export interface Endpoint {
  /** Base URL of the JSON API, e.g. http://127.0.0.1:5173 */
  httpUrl: string;
  /** automerge-repo WebSocket URL, token included as ?token= */
  wsUrl: string;
  token: string;
}

/** A peer link of the sync node, as shown in the sync status. */
export interface PeerLink {
  kind: "meeting-host" | "meeting-guest" | "team-server";
  /** Who or what is on the other side ("Dana (delivery lead)", "sync.example.com"). */
  label: string;
  state: "connecting" | "connected" | "offline" | "refused";
  /** Why it is offline or refused, in words for the person. */
  problem?: string;
  /** True when every shared account is known to be identical on both sides. */
  synced: boolean;
}

export interface HostedMeeting {
  documentId: string;
  accountName: string;
  code: string;
  guests: string[];
  /** People on the LAN who found the meeting nearby and ask to join; the host lets them in or turns them away. */
  knocks: Knock[];
  /** Laptops on the same network see this meeting under "Meetings nearby" (mDNS); false when that could not start. */
  advertised: boolean;
}

/** Someone at the door of the hosted meeting (their name and role as they typed them, sanitised). */
export interface Knock {
  id: string;
  name: string;
  role: Role;
}

/** A meeting another laptop on the LAN announces (mDNS); everything here came from the network, validated. */
export interface NearbyMeeting {
  /** The meeting's random id (never its secret). */
  id: string;
  accountName: string;
  hostName: string;
  hostRole: Role;
  /** IPv4 address and port of the host's meeting listener, e.g. 192.168.1.20:41873. */
  where: string;
}

export interface NearbyMeetings {
  meetings: NearbyMeeting[];
  /** Why this laptop cannot look for meetings nearby (the join code still works). */
  problem: string | null;
}

export interface JoinedMeeting {
  documentId: string;
  accountName: string;
  host: string;
}

export interface ServerSettings {
  url: string;
  /** Never sent back to the renderer in full. */
  hasToken: boolean;
}

/** A damaged account on this device. */
export interface DamagedAccount {
  documentId: string;
  name: string | null;
  reason: string;
  /** Restored from a peer, the server or a backup since. */
  restored: boolean;
  /** The newest backup that holds this account intact, to restore it from while no peer has it. */
  backup: { id: string; at: string } | null;
}

/** Automatic backups of this device's accounts (src/node/backups/). */
export interface BackupStatus {
  /** Where backups are written (a synced drive, say); every `everyMinutes` while something changed, and on quit. */
  folder: string;
  keep: number;
  everyMinutes: number;
  /** The newest backup, if any. */
  last: { id: string; at: string; accounts: number } | null;
  /** Why the last backup failed (in words for the person), until one succeeds. */
  problem: string | null;
}

/** One backup in the backup folder. */
export interface BackupInfo {
  id: string;
  /** When it was made (ISO). */
  at: string;
  accounts: number;
  bytes: number;
  /** Why it cannot be read (damaged or from a newer version); such a backup is listed, never restored. */
  problem: string | null;
}

/** What a backup holds, account by account, before anything is restored. */
export interface BackupPreview {
  id: string;
  at: string;
  accounts: Array<{
    documentId: string;
    name: string;
    stage: string;
    /** The account is on this device now (restoring merges the backup into it). */
    here: boolean;
    /** Why this account cannot be restored from this backup (a damaged chunk), or null. */
    problem: string | null;
  }>;
}

export interface NodeStatus {
  profile: ProfileSettings | null;
  links: PeerLink[];
  hosting: HostedMeeting | null;
  joined: JoinedMeeting | null;
  server: ServerSettings | null;
  damaged: DamagedAccount[];
  /** Where this device keeps its data (shown in settings). */
  dataDir: string;
  /** Accounts archived on this device: hidden from lists and Today. */
  archived: string[];
  backups: BackupStatus;
  /** Long work running now or just ended (one entry per kind). */
  jobs: JobProgress[];
}

/** What deleting an account from this device did. */
export interface DeletedAccount {
  /** The team server: took the person off the account's members ("left"); could not, because the account itself lists them ("listed"); no server set up; not reachable or refused (then it still has them as a member). */
  server: "left" | "listed" | "no-server" | "unreachable" | "refused";
}

/** What erasing an account's history did. */
export interface ErasedAccount {
  /** The fresh account without history that replaces it. */
  documentId: string;
  /** The old account's erasure reached the team server before it was removed here (others' laptops learn of it from there). */
  reachedServer: boolean;
}

/** The local person's reminders on this device: which have fired (keys, see `reminderKey`) and the number they give on voicemails. */
export interface RemindersState {
  fired: string[];
  callbackNumber: string;
}

/** How this person likes their lists on this laptop. */
export interface ViewSettings {
  /** Today flags promised, ordered and delivering accounts with no contact for this many days ("stay close"). */
  stayCloseDays: number;
}

/** The heads of an account when this person last had it open on this laptop, and when; null: never opened here. */
export type LastSeen = { heads: string[]; at: string } | null;

/** Browser mode: a new one-time sign-in link, for another window. */
export interface PageLink {
  url: string;
}

/** Error body of every non-2xx answer. */
export interface ApiError {
  error: string;
  /** Per-field messages for forms. */
  fields?: Record<string, string>;
}

/**
 * Server-sent events on /api/events: the window's own channel from its node, apart from
 * the document sync (which peers share).
 */
export type NodeEvent =
  | { type: "status"; status: NodeStatus }
  /** The whole account list: when the stream opens. */
  | { type: "accounts"; accounts: AccountSummary[] }
  /** The summaries that changed since the last event (while someone types, one account's). */
  | { type: "accounts-changed"; changed: AccountSummary[] }
  /**
   * The heads of an account this node has written to disk. The window shows "All changes
   * saved" only when its own heads are these: an acknowledgement from the node's memory
   * would not survive the node being killed.
   */
  | { type: "saved"; documentId: string; heads: string[] }
  /**
   * Calls whose agreed time has come for this device's person and that nobody has shown
   * yet (the node keeps the schedule: src/node/reminders/). A window claims each one
   * (`claimReminder`) and shows it only when it was first; every window that connects gets
   * the current list.
   */
  | { type: "reminders-due"; reminders: DueReminder[] }
  /** Progress of long work (getting accounts from the server, a restore, a backup): "312 of 1,000". */
  | { type: "job"; job: JobProgress };

/** A random document id as automerge-repo makes them (base58). */
const documentIdSchema = z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{20,60}$/, { error: "That is not an account id." });
/** `<document>/<call>@<agreed ISO time>` (shared/queries/reminders.ts). */
const reminderKeySchema = z.string().max(300).regex(/^[1-9A-HJ-NP-Za-km-z]{20,60}\/[^/@\s]{1,120}@\d{4}-\d{2}-\d{2}T[\d:.]+Z$/, { error: "That is not a reminder." });
/** A change hash (hex) as Automerge writes heads. */
const headSchema = z.string().regex(/^[0-9a-f]{64}$/, { error: "That is not a point in an account's history." });
const meetingIdSchema = z.string().regex(/^[a-z2-7]{16}$/, { error: "That is not a meeting nearby." });
const knockIdSchema = z.string().regex(/^[0-9a-f]{16}$/, { error: "That is not someone at the door." });

/** The team sync server's address and token (the node checks both with the server before keeping them). */
export const serverSettingsInputSchema = z.object({ url: z.string().max(500), token: z.string().max(500) });
export type ServerSettingsInput = z.output<typeof serverSettingsInputSchema>;

/** Where and how often this device backs up. */
export const backupSettingsInputSchema = z.object({
  folder: z.string().trim().min(1, { error: "Choose a folder for the backups." }).max(1000, { error: "That path is too long." }),
  keep: z.coerce.number({ error: "Enter how many backups to keep." }).int({ error: "Enter a whole number." }).min(1, { error: "Keep at least one backup." }).max(500, { error: "Keep at most 500 backups." }),
  everyMinutes: z.coerce.number({ error: "Enter how often, in minutes." }).int({ error: "Enter a whole number of minutes." }).min(1, { error: "At most once a minute." }).max(1440, { error: "At least once a day (1,440 minutes)." }),
});

/** A backup's id is its folder's name. */
const backupIdSchema = z.string().regex(/^baton-backup-[0-9TZ-]{15,40}$/, { error: "That is not a backup." });

/** Open an account someone shared: the person pastes a link, the node gets the id it names. */
export const openAccountInputSchema = z.object({ link: accountLinkSchema }).transform(({ link }) => ({ documentId: link }));

declare const RESULT: unique symbol;
/** The type an operation answers with: a marker for the type checker, nothing at run time. */
export interface Returns<T> {
  readonly [RESULT]?: T;
}
const returns = <T>(): Returns<T> => ({});

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** One row of the table. */
export interface Operation {
  readonly method: HttpMethod;
  readonly path: `/api/${string}`;
  /** Checks the JSON body (the form's own schema where a form asks for it); absent: the operation takes no body. */
  readonly input?: z.ZodType;
  /** The body is a file's bytes (at most `maxBytes`), not JSON; the handler gets them as they came. */
  readonly upload?: { readonly maxBytes: number };
  /** The answer is a file (`DownloadFile`) the window saves, not JSON. */
  readonly download?: true;
  readonly result: Returns<unknown>;
}

/**
 * Every operation of the node's JSON API. Each needs the per-launch token; an answer that
 * is not 2xx carries an `ApiError`; an operation whose result is `void` answers `{ ok: true }`.
 */
export const operations = {
  status: { method: "GET", path: STATUS_PATH, result: returns<NodeStatus>() },
  saveProfile: { method: "PUT", path: "/api/profile", input: profileInputSchema, result: returns<ProfileSettings>() },
  /** Summaries of the accounts on this device, sorted by name. */
  accounts: { method: "GET", path: "/api/accounts", result: returns<AccountSummary[]>() },
  createAccount: { method: "POST", path: "/api/accounts", input: z.object({ name: accountNameSchema }), result: returns<{ documentId: string }>() },
  /** The window is about to open this account (pointer or focus on it): load it now. Answers at once; repeating it is harmless. */
  warmAccount: { method: "POST", path: "/api/accounts/warm", input: z.object({ documentId: documentIdSchema }), result: returns<void>() },
  /** Add an account someone shared by link, fetched from the team server (or a meeting). */
  openAccount: { method: "POST", path: "/api/accounts/open", input: openAccountInputSchema, result: returns<{ documentId: string }>() },
  /** Hide an account from lists and Today on this device (or bring it back); the account itself is not changed. */
  archiveAccount: { method: "POST", path: "/api/accounts/archive", input: z.object({ documentId: documentIdSchema, archived: z.boolean() }), result: returns<void>() },
  /** Remove an account from this device and the person from its members on the team server; others keep their copies. */
  deleteAccount: { method: "POST", path: "/api/accounts/delete", input: z.object({ documentId: documentIdSchema }), result: returns<DeletedAccount>() },
  /** Replace an account by a fresh one made from its current state, without its history, for everyone who shares it. */
  eraseAccount: { method: "POST", path: "/api/accounts/erase", input: z.object({ documentId: documentIdSchema }), result: returns<ErasedAccount>() },
  hostMeeting: { method: "POST", path: "/api/meeting/host", input: z.object({ documentId: documentIdSchema }), result: returns<HostedMeeting>() },
  endMeeting: { method: "DELETE", path: "/api/meeting/host", result: returns<void>() },
  joinMeeting: { method: "POST", path: "/api/meeting/join", input: z.object({ code: z.string().max(200, { error: "That is not a join code." }) }), result: returns<JoinedMeeting>() },
  leaveMeeting: { method: "DELETE", path: "/api/meeting/join", result: returns<void>() },
  /** Meetings announced on this network (the node looks while this is asked for). */
  nearbyMeetings: { method: "GET", path: "/api/meeting/nearby", result: returns<NearbyMeetings>() },
  /** Knock and wait (up to about two minutes) for the host; answers once joined. */
  knock: { method: "POST", path: "/api/meeting/knock", input: z.object({ meetingId: meetingIdSchema }), result: returns<JoinedMeeting>() },
  /** Stop waiting at the door of a meeting nearby. */
  cancelKnock: { method: "DELETE", path: "/api/meeting/knock", result: returns<void>() },
  /** The host's answer to someone at the door. */
  answerKnock: {
    method: "POST",
    path: "/api/meeting/knock/answer",
    input: z.object({ knockId: knockIdSchema, answer: z.enum(["let-in", "turn-away"], { error: "Answer let-in or turn-away." }) }),
    result: returns<void>(),
  },
  saveServer: { method: "PUT", path: "/api/server", input: serverSettingsInputSchema, result: returns<ServerSettings>() },
  removeServer: { method: "DELETE", path: "/api/server", result: returns<void>() },
  /** The local person's reminders on this device. */
  reminders: { method: "GET", path: "/api/reminders", result: returns<RemindersState>() },
  /** Ask to show a reminder: `first` is true for exactly one claim per person and key (then show it). */
  claimReminder: { method: "POST", path: "/api/reminders/claim", input: z.object({ key: reminderKeySchema }), result: returns<{ first: boolean }>() },
  /** The number the person gives on voicemails. */
  saveCallbackNumber: { method: "PUT", path: "/api/reminders/callback-number", input: z.object({ callbackNumber: phoneSchema }), result: returns<RemindersState>() },
  /** Accounts, contacts, commitments and milestones whose words match, best first (from the node's search index; no account is opened). */
  search: {
    method: "POST",
    path: "/api/search",
    input: z.object({ query: z.string().max(SEARCH_QUERY_MAX, { error: `Search looks at up to ${SEARCH_QUERY_MAX} characters.` }) }),
    result: returns<SearchHit[]>(),
  },
  /** This person's list settings on this laptop. */
  viewSettings: { method: "GET", path: "/api/view-settings", result: returns<ViewSettings>() },
  saveViewSettings: {
    method: "PUT",
    path: "/api/view-settings",
    input: z.object({
      stayCloseDays: z
        .number({ error: "Enter a number of days." })
        .int({ error: "Enter a whole number of days." })
        .min(1, { error: "At least 1 day." })
        .max(STAY_CLOSE_MAX_DAYS, { error: `At most ${STAY_CLOSE_MAX_DAYS} days.` }),
    }),
    result: returns<ViewSettings>(),
  },
  /** What this person last saw of an account on this laptop ("since you last looked"). */
  lastSeen: { method: "POST", path: "/api/seen/get", input: z.object({ documentId: documentIdSchema }), result: returns<LastSeen>() },
  /** Remember the heads this person now has seen of an account. */
  markSeen: { method: "PUT", path: "/api/seen", input: z.object({ documentId: documentIdSchema, heads: z.array(headSchema).min(1).max(64) }), result: returns<void>() },
  /** Where and how often to back up; the node checks it can write there first. */
  saveBackupSettings: { method: "PUT", path: "/api/backups/settings", input: backupSettingsInputSchema, result: returns<BackupStatus>() },
  /** Back up now (even if nothing changed); answers when it is written. */
  backUpNow: { method: "POST", path: "/api/backups", result: returns<BackupInfo>() },
  /** The backups in the backup folder, newest first. */
  backups: { method: "GET", path: "/api/backups", result: returns<BackupInfo[]>() },
  /** What a backup holds, before restoring it. */
  backupPreview: { method: "POST", path: "/api/backups/preview", input: z.object({ id: backupIdSchema }), result: returns<BackupPreview>() },
  /**
   * Restore accounts from a backup (with progress as "job" events): "merge" joins the
   * backup's history into the account here, so nothing current is lost; "missing" only
   * brings back accounts this device does not have.
   */
  restoreBackup: {
    method: "POST",
    path: "/api/backups/restore",
    input: z.object({
      id: backupIdSchema,
      documentIds: z.array(documentIdSchema).min(1, { error: "Choose at least one account to restore." }).max(100_000),
      mode: z.enum(["merge", "missing"], { error: "Choose merge or missing." }),
    }),
    result: returns<JobProgress>(),
  },
  /** Get every account the team server lists for this person (a new laptop), with progress as "job" events. */
  accountsFromServer: { method: "POST", path: "/api/server/accounts", result: returns<JobProgress>() },
  /** Stop long work (any kind: an import or export too); what was finished stays whole, the rest is untouched. */
  cancelJob: { method: "POST", path: "/api/jobs/cancel", input: z.object({ job: z.enum(JOB_KINDS, { error: "That is not work Baton does." }) }), result: returns<void>() },
  /** Browser mode only (404 elsewhere): a new one-time sign-in link, for another window. */
  pageLink: { method: "POST", path: "/api/page-link", result: returns<PageLink>() },
  /** Read a CRM's CSV export (its bytes) and preview the import with columns mapped from the headers. */
  importCsv: { method: "POST", path: "/api/import/csv", upload: { maxBytes: CSV_MAX_BYTES }, result: returns<ImportPreview>() },
  /** The person's mapping of columns and deal stages. */
  mapImportCsv: { method: "PUT", path: "/api/import/csv/mapping", input: importMappingInputSchema, result: returns<ImportPreview>() },
  /** The person's fix of one row the preview flagged. */
  fixImportRow: { method: "PUT", path: "/api/import/csv/row", input: importFixInputSchema, result: returns<ImportPreview>() },
  /** Import the previewed rows (progress: `importProgress`, cancel: `cancelJob`); a cancel keeps the accounts already in, whole. */
  startImport: { method: "POST", path: "/api/import/csv/run", result: returns<JobProgress>() },
  /** The progress of the import running or last ended (a CSV's or an account file's). */
  importProgress: { method: "GET", path: "/api/import", result: returns<JobProgress>() },
  /**
   * Bring in an account file (one or more accounts with their history), checked whole first,
   * then each account merged into the same account or added, as an "import" job.
   */
  importAccountFile: { method: "POST", path: "/api/import/account-file", upload: { maxBytes: ACCOUNT_FILE_MAX_BYTES }, result: returns<JobProgress>() },
  /** Start an export (progress: `exportProgress`, the file: `exportFile`). */
  startExport: { method: "POST", path: "/api/export", input: exportInputSchema, result: returns<JobProgress>() },
  exportProgress: { method: "GET", path: "/api/export", result: returns<JobProgress>() },
  /** The finished export's file. */
  exportFile: { method: "POST", path: "/api/export/file", download: true, result: returns<DownloadFile>() },
} as const satisfies Record<string, Operation>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
type InputSchemaOf<K extends OperationName> = Operations[K] extends { input: infer S extends z.ZodType } ? S : never;
/** What the window sends for operation K. */
export type OperationInput<K extends OperationName> = z.input<InputSchemaOf<K>>;
/** What the node's handler of K receives: the input as its schema made it (trimmed, parsed). */
export type CheckedInput<K extends OperationName> = z.output<InputSchemaOf<K>>;
export type OperationResult<K extends OperationName> = Operations[K]["result"] extends Returns<infer T> ? T : never;

/** The node's side: one handler per operation. The node implements it with `satisfies NodeHandlers`. */
export type NodeHandlers = {
  [K in OperationName]: Operations[K] extends { input: z.ZodType }
    ? (input: CheckedInput<K>) => OperationResult<K> | Promise<OperationResult<K>>
    : Operations[K] extends { upload: object }
      ? (bytes: Uint8Array) => OperationResult<K> | Promise<OperationResult<K>>
      : () => OperationResult<K> | Promise<OperationResult<K>>;
};

/** The window's side: one call per operation. */
export type NodeApi = {
  [K in OperationName]: Operations[K] extends { input: z.ZodType }
    ? (input: OperationInput<K>) => Promise<OperationResult<K>>
    : Operations[K] extends { upload: object }
      ? (file: Blob | Uint8Array) => Promise<OperationResult<K>>
      : () => Promise<OperationResult<K>>;
};

/**
 * The client of the table: one function per operation, each handing its row and input to
 * `send` (the window's sends it with fetch and the token; tests may send it otherwise).
 */
export function apiClient(send: (operation: Operation, input: unknown) => Promise<unknown>): NodeApi {
  const client: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const [name, operation] of Object.entries(operations)) client[name] = (input?: unknown) => send(operation, input);
  return client as NodeApi;
}

/** Browser mode's sign-in body (`SESSION_PATH`, api-paths.ts). */
export const sessionInputSchema = z.object({ ticket: z.string().max(200) });
