/**
 * Client of the sync node's JSON API (contract in shared/api.ts). Every failure comes
 * back as an ApiRequestError carrying the node's words: `message` for where the person
 * is looking, `fields` for messages next to form fields.
 */
import type {
  AccountSummary,
  ApiError,
  Endpoint,
  HostedMeeting,
  JoinedMeeting,
  NearbyMeetings,
  NodeStatus,
  Profile,
  ProfileInput,
  RemindersState,
  ServerSettings,
  ServerSettingsInput,
} from "../../../shared";
import { API, type AnswerKnockInput, type KnockInput } from "../../../shared/api";

export class ApiRequestError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the node could not be reached at all. */
    readonly status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/** The person-facing message of any error thrown by the API client or a command. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && typeof (value as { error?: unknown }).error === "string";
}

export interface NodeApi {
  status(): Promise<NodeStatus>;
  saveProfile(input: ProfileInput): Promise<Profile>;
  accounts(): Promise<AccountSummary[]>;
  createAccount(name: string): Promise<{ documentId: string }>;
  openAccount(link: string): Promise<{ documentId: string }>;
  hostMeeting(documentId: string): Promise<HostedMeeting>;
  endMeeting(): Promise<void>;
  joinMeeting(code: string): Promise<JoinedMeeting>;
  leaveMeeting(): Promise<void>;
  /** Meetings announced on this network (the node looks while this is asked for). */
  nearbyMeetings(): Promise<NearbyMeetings>;
  /** Knock and wait (up to about two minutes) for the host; resolves once joined. */
  knock(meetingId: string): Promise<JoinedMeeting>;
  stopWaiting(): Promise<void>;
  /** The host's answer to someone at the door. */
  answerKnock(input: AnswerKnockInput): Promise<void>;
  saveServer(input: ServerSettingsInput): Promise<ServerSettings>;
  removeServer(): Promise<void>;
  /** The local person's reminders on this device. */
  reminders(): Promise<RemindersState>;
  /** Claim a reminder: `first` is true once per person and key (then show it). */
  claimReminder(key: string): Promise<{ first: boolean }>;
  /** The number the person gives on voicemails. */
  saveCallbackNumber(callbackNumber: string): Promise<RemindersState>;
  /** URL of the server-sent event stream (token in the query: EventSource cannot send headers). */
  eventsUrl(): string;
}

/** `endpoint` is read at each call: the node may move (new port or token after a restart). */
export function createApi(endpointOf: () => Endpoint): NodeApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const endpoint = endpointOf();
    let res: Response;
    try {
      res = await fetch(endpoint.httpUrl + path, {
        method,
        headers: {
          Authorization: `Bearer ${endpoint.token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiRequestError("This device's sync node is not answering. Your edits are kept in this window until it is back.", 0);
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!res.ok) {
      if (isApiError(parsed)) throw new ApiRequestError(parsed.error, res.status, parsed.fields ?? {});
      throw new ApiRequestError(`The sync node refused this (HTTP ${String(res.status)}).`, res.status);
    }
    return parsed as T;
  }

  return {
    status: () => call<NodeStatus>("GET", API.status),
    saveProfile: (input) => call<Profile>("PUT", API.profile, input),
    accounts: () => call<AccountSummary[]>("GET", API.accounts),
    createAccount: (name) => call<{ documentId: string }>("POST", API.accounts, { name }),
    openAccount: (link) => call<{ documentId: string }>("POST", API.openAccount, { link }),
    hostMeeting: (documentId) => call<HostedMeeting>("POST", API.hostMeeting, { documentId }),
    endMeeting: () => call<void>("DELETE", API.hostMeeting),
    joinMeeting: (code) => call<JoinedMeeting>("POST", API.joinMeeting, { code }),
    leaveMeeting: () => call<void>("DELETE", API.joinMeeting),
    nearbyMeetings: () => call<NearbyMeetings>("GET", API.nearbyMeetings),
    knock: (meetingId) => call<JoinedMeeting>("POST", API.knock, { meetingId } satisfies KnockInput),
    stopWaiting: () => call<void>("DELETE", API.knock),
    answerKnock: (input) => call<void>("POST", API.answerKnock, input),
    saveServer: (input) => call<ServerSettings>("PUT", API.server, input),
    removeServer: () => call<void>("DELETE", API.server),
    reminders: () => call<RemindersState>("GET", API.reminders),
    claimReminder: (key) => call<{ first: boolean }>("POST", API.claimReminder, { key }),
    saveCallbackNumber: (callbackNumber) => call<RemindersState>("PUT", API.callbackNumber, { callbackNumber }),
    eventsUrl: () => `${endpointOf().httpUrl}${API.events}?token=${encodeURIComponent(endpointOf().token)}`,
  };
}
