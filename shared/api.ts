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
import { phoneSchema } from "./validation/contacts";
import { accountNameSchema } from "./validation/fields";
import { profileInputSchema } from "./validation/profile";

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
  /** Restored from a peer or the server since. */
  restored: boolean;
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
}

/** The local person's reminders on this device: which have fired (keys, see `reminderKey`) and the number they give on voicemails. */
export interface RemindersState {
  fired: string[];
  callbackNumber: string;
}

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
  | { type: "reminders-due"; reminders: DueReminder[] };

/** A random document id as automerge-repo makes them (base58). */
const documentIdSchema = z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{20,60}$/, { error: "That is not an account id." });
/** `<document>/<call>@<agreed ISO time>` (shared/queries/reminders.ts). */
const reminderKeySchema = z.string().max(300).regex(/^[1-9A-HJ-NP-Za-km-z]{20,60}\/[^/@\s]{1,120}@\d{4}-\d{2}-\d{2}T[\d:.]+Z$/, { error: "That is not a reminder." });
const meetingIdSchema = z.string().regex(/^[a-z2-7]{16}$/, { error: "That is not a meeting nearby." });
const knockIdSchema = z.string().regex(/^[0-9a-f]{16}$/, { error: "That is not someone at the door." });

/** The team sync server's address and token (the node checks both with the server before keeping them). */
export const serverSettingsInputSchema = z.object({ url: z.string().max(500), token: z.string().max(500) });
export type ServerSettingsInput = z.output<typeof serverSettingsInputSchema>;

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
  readonly result: Returns<unknown>;
}

/**
 * Every operation of the node's JSON API. Each needs the per-launch token; an answer that
 * is not 2xx carries an `ApiError`; an operation whose result is `void` answers `{ ok: true }`.
 */
export const operations = {
  status: { method: "GET", path: "/api/status", result: returns<NodeStatus>() },
  saveProfile: { method: "PUT", path: "/api/profile", input: profileInputSchema, result: returns<ProfileSettings>() },
  /** Summaries of the accounts on this device, sorted by name. */
  accounts: { method: "GET", path: "/api/accounts", result: returns<AccountSummary[]>() },
  createAccount: { method: "POST", path: "/api/accounts", input: z.object({ name: accountNameSchema }), result: returns<{ documentId: string }>() },
  /** Add an account someone shared by link, fetched from the team server (or a meeting). */
  openAccount: { method: "POST", path: "/api/accounts/open", input: openAccountInputSchema, result: returns<{ documentId: string }>() },
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
  /** Browser mode only (404 elsewhere): a new one-time sign-in link, for another window. */
  pageLink: { method: "POST", path: "/api/page-link", result: returns<PageLink>() },
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
    : () => OperationResult<K> | Promise<OperationResult<K>>;
};

/** The window's side: one call per operation. */
export type NodeApi = {
  [K in OperationName]: Operations[K] extends { input: z.ZodType } ? (input: OperationInput<K>) => Promise<OperationResult<K>> : () => Promise<OperationResult<K>>;
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

/** The server-sent event stream (`NodeEvent`s); EventSource cannot send headers, so the token goes in the query. */
export const EVENTS_PATH = "/api/events";

/**
 * Browser mode's sign-in: the one route without the token. The page trades the one-time
 * ticket of the address it was opened with (`?login=…`) for the Endpoint, once.
 */
export const SESSION_PATH = "/api/session";
export const TICKET_PARAM = "login";
export const sessionInputSchema = z.object({ ticket: z.string().max(200) });
