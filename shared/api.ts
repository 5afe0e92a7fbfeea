/**
 * The contract between the renderer and its sync node. Documents travel over the
 * automerge-repo WebSocket; everything else (profile, library, meetings, server
 * settings, status) is this small JSON API on the same token-protected listener.
 */
import type { Profile, Role } from "./account/schema";
import type { AccountSummary } from "./queries/summary";
import type { DueReminder } from "./queries/reminders";

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

export interface KnockInput {
  meetingId: string;
}

export interface AnswerKnockInput {
  knockId: string;
  answer: "let-in" | "turn-away";
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
  profile: Profile | null;
  links: PeerLink[];
  hosting: HostedMeeting | null;
  joined: JoinedMeeting | null;
  server: ServerSettings | null;
  damaged: DamagedAccount[];
  /** Where this device keeps its data (shown in settings). */
  dataDir: string;
}

export interface ProfileInput {
  name: string;
  role: Role;
}

export interface CreateAccountInput {
  name: string;
}

export interface OpenAccountInput {
  /** An account link, as shown by "Share account". */
  link: string;
}

export interface HostMeetingInput {
  documentId: string;
}

export interface JoinMeetingInput {
  code: string;
}

export interface ServerSettingsInput {
  url: string;
  token: string;
}

/** The local person's reminders on this device: which have fired (keys, see `reminderKey`) and the number they give on voicemails. */
export interface RemindersState {
  fired: string[];
  callbackNumber: string;
}

/** Ask to show a reminder: `first` is true for exactly one claim per person and key. */
export interface ClaimReminderInput {
  key: string;
}

/** Browser mode: the one-time ticket of a sign-in link, traded once for the Endpoint. */
export interface SessionInput {
  ticket: string;
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

export const API = {
  status: "/api/status",
  profile: "/api/profile",
  accounts: "/api/accounts",
  openAccount: "/api/accounts/open",
  hostMeeting: "/api/meeting/host",
  joinMeeting: "/api/meeting/join",
  nearbyMeetings: "/api/meeting/nearby",
  knock: "/api/meeting/knock",
  answerKnock: "/api/meeting/knock/answer",
  server: "/api/server",
  events: "/api/events",
  reminders: "/api/reminders",
  claimReminder: "/api/reminders/claim",
  callbackNumber: "/api/reminders/callback-number",
  /** Browser mode only; the one route without the token (it takes a one-time ticket). */
  session: "/api/session",
  pageLink: "/api/page-link",
} as const;
