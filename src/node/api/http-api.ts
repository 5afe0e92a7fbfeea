/**
 * The sync node's JSON API for its renderer (contract: shared/api.ts). Every route needs
 * the per-launch token; every body is validated with the same rules the forms use, and a
 * refusal names the field and says why.
 */
import type http from "node:http";
import { z } from "zod";
import type { ApiError, Endpoint, HostedMeeting, JoinedMeeting, NearbyMeetings, NodeEvent, NodeStatus, PageLink, RemindersState, ServerSettings } from "../../../shared/api";
import { API } from "../../../shared/api";
import type { Profile } from "../../../shared/account/schema";
import type { AccountSummary } from "../../../shared/queries/summary";
import { accountNameSchema, check, profileInputSchema } from "../../../shared/validation/fields";
import { phoneSchema } from "../../../shared/validation/contacts";
import { sameToken, tokenFrom } from "../network/listener";
import { ACCOUNT_LINK_HELP, parseAccountLink } from "../../../shared/account-link";
import type { EventStream } from "./event-stream";
import type { PageLogin } from "./page-login";

/** A refusal with words for the person (and per-field messages for forms). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

/** What the API needs from the sync node. */
export interface NodeControl {
  status(): NodeStatus;
  accounts(): AccountSummary[];
  /** The heads of each open account last written to disk (for a window that connects now). */
  savedHeads(): Record<string, string[]>;
  setProfile(input: { name: string; role: Profile["role"] }): Promise<Profile>;
  createAccount(name: string): Promise<{ documentId: string }>;
  openAccount(documentId: string): Promise<{ documentId: string }>;
  hostMeeting(documentId: string): Promise<HostedMeeting>;
  endMeeting(): Promise<void>;
  joinMeeting(code: string): Promise<JoinedMeeting>;
  leaveMeeting(): Promise<void>;
  nearbyMeetings(): Promise<NearbyMeetings>;
  knock(meetingId: string): Promise<JoinedMeeting>;
  cancelKnock(): Promise<void>;
  answerKnock(knockId: string, answer: "let-in" | "turn-away"): Promise<void>;
  setServer(input: { url: string; token: string }): Promise<ServerSettings>;
  removeServer(): Promise<void>;
  reminders(): RemindersState;
  claimReminder(key: string): Promise<{ first: boolean }>;
  setCallbackNumber(value: string): Promise<RemindersState>;
}

const MAX_BODY = 64 * 1024;
/** `<document>/<call>@<agreed ISO time>` (shared/queries/reminders.ts). */
const reminderKeySchema = z.string().max(300).regex(/^[1-9A-HJ-NP-Za-km-z]{20,60}\/[^/@\s]{1,120}@\d{4}-\d{2}-\d{2}T[\d:.]+Z$/, { error: "That is not a reminder." });
const meetingIdSchema = z.string().regex(/^[a-z2-7]{16}$/, { error: "That is not a meeting nearby." });
const knockIdSchema = z.string().regex(/^[0-9a-f]{16}$/, { error: "That is not someone at the door." });
const documentIdSchema = z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{20,60}$/, { error: "That is not an account id." });

export interface ApiOptions {
  token: string;
  control: NodeControl;
  events: EventStream;
  endpoint: () => Endpoint;
  /** Origins allowed to call the API from another origin (the Electron app's). */
  allowedOrigins: string[];
  /** Browser mode: the page signs in with a one-time ticket from this (page-login.ts). */
  pageLogin: PageLogin | null;
}

/** Handle an HTTP request if it is an API route; returns false when it is not one. */
export async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, o: ApiOptions): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://x");
  const path = url.pathname;
  const headers = corsHeaders(req, o.allowedOrigins);
  if (!path.startsWith("/api/")) return false;
  if (path === API.session && o.pageLogin !== null) {
    await signIn(req, res, o.pageLogin, o);
    return true;
  }
  if (req.method === "OPTIONS") {
    res.writeHead(204, { ...headers, "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE", "Access-Control-Allow-Headers": "Authorization, Content-Type", "Access-Control-Max-Age": "600" }).end();
    return true;
  }
  if (!sameToken(tokenFrom(req), o.token)) {
    send(res, 401, { error: "This window is not connected to Baton's sync node (missing or wrong token)." }, headers);
    return true;
  }
  try {
    const result = await route(req, path, o);
    if (result === EVENTS) {
      o.events.attach(req, res, initialEvents(o.control), headers);
      return true;
    }
    if (result === NOT_FOUND) send(res, 404, { error: `No such API route: ${req.method} ${path}` }, headers);
    else send(res, 200, result ?? { ok: true }, headers);
  } catch (e) {
    if (e instanceof ApiFailure) send(res, e.status, { error: e.message, ...(e.fields ? { fields: e.fields } : {}) } satisfies ApiError, headers);
    else send(res, 500, { error: `Baton's sync node failed: ${(e as Error).message}` } satisfies ApiError, headers);
  }
  return true;
}

const EVENTS = Symbol("events");
const NOT_FOUND = Symbol("not-found");

async function route(req: http.IncomingMessage, path: string, o: ApiOptions): Promise<unknown> {
  const c = o.control;
  const m = req.method ?? "GET";
  switch (`${m} ${path}`) {
    case `GET ${API.status}`:
      return c.status();
    case `GET ${API.events}`:
      return EVENTS;
    case `PUT ${API.profile}`: {
      const input = valid(profileInputSchema, await readBody(req));
      return c.setProfile(input);
    }
    case `GET ${API.accounts}`:
      return c.accounts();
    case `POST ${API.accounts}`: {
      const body = await readBody(req);
      const name = valid(z.object({ name: accountNameSchema }), body);
      return c.createAccount(name.name);
    }
    case `POST ${API.openAccount}`: {
      const { link } = valid(z.object({ link: z.string().max(500, { error: ACCOUNT_LINK_HELP }) }), await readBody(req));
      const documentId = parseAccountLink(link);
      if (!documentId) throw new ApiFailure(400, `That is not an account link. ${ACCOUNT_LINK_HELP}`, { link: `That is not an account link. ${ACCOUNT_LINK_HELP}` });
      return c.openAccount(documentId);
    }
    case `POST ${API.hostMeeting}`: {
      const { documentId } = valid(z.object({ documentId: documentIdSchema }), await readBody(req));
      return c.hostMeeting(documentId);
    }
    case `DELETE ${API.hostMeeting}`:
      return c.endMeeting();
    case `POST ${API.joinMeeting}`: {
      const { code } = valid(z.object({ code: z.string().max(200, { error: "That is not a join code." }) }), await readBody(req));
      return c.joinMeeting(code);
    }
    case `DELETE ${API.joinMeeting}`:
      return c.leaveMeeting();
    case `GET ${API.nearbyMeetings}`:
      return c.nearbyMeetings();
    case `POST ${API.knock}`: {
      const { meetingId } = valid(z.object({ meetingId: meetingIdSchema }), await readBody(req));
      return c.knock(meetingId);
    }
    case `DELETE ${API.knock}`:
      return c.cancelKnock();
    case `POST ${API.answerKnock}`: {
      const input = valid(z.object({ knockId: knockIdSchema, answer: z.enum(["let-in", "turn-away"], { error: "Answer let-in or turn-away." }) }), await readBody(req));
      return c.answerKnock(input.knockId, input.answer);
    }
    case `PUT ${API.server}`: {
      const input = valid(z.object({ url: z.string().max(500), token: z.string().max(500) }), await readBody(req));
      return c.setServer(input);
    }
    case `DELETE ${API.server}`:
      return c.removeServer();
    case `GET ${API.reminders}`:
      return c.reminders();
    case `POST ${API.claimReminder}`: {
      const { key } = valid(z.object({ key: reminderKeySchema }), await readBody(req));
      return c.claimReminder(key);
    }
    case `POST ${API.pageLink}`: {
      if (o.pageLogin === null) return NOT_FOUND;
      return { url: o.pageLogin.extraLink() } satisfies PageLink;
    }
    case `PUT ${API.callbackNumber}`: {
      const { callbackNumber } = valid(z.object({ callbackNumber: phoneSchema }), await readBody(req));
      return c.setCallbackNumber(callbackNumber ?? "");
    }
    default:
      return NOT_FOUND;
  }
}

const SIGN_IN_REFUSED = "This sign-in link has been used already or is not one of this Baton's. Open the newest address `npm run web` printed in its terminal.";

/**
 * `POST /api/session { ticket }`: the page of browser mode trades its one-time ticket for
 * the endpoint. Same-origin only (no CORS headers; a browser's Origin must be this host's;
 * the caller's Host check stops DNS rebinding), so no other site's page can spend a ticket.
 */
async function signIn(req: http.IncomingMessage, res: http.ServerResponse, login: PageLogin, o: ApiOptions): Promise<void> {
  const noStore = { "Cache-Control": "no-store" };
  if (req.method !== "POST") return send(res, 405, { error: "Sign in with POST." }, noStore);
  const origin = req.headers.origin;
  if (origin !== undefined && !o.allowedOrigins.includes(origin)) return send(res, 403, { error: "Sign in from Baton's own page." }, noStore);
  let ticket: string;
  try {
    ticket = valid(z.object({ ticket: z.string().max(200) }), await readBody(req)).ticket;
  } catch (e) {
    if (e instanceof ApiFailure) return send(res, e.status, { error: e.message }, noStore);
    throw e;
  }
  if (!login.redeem(ticket)) return send(res, 401, { error: SIGN_IN_REFUSED } satisfies ApiError, noStore);
  send(res, 200, o.endpoint(), noStore);
}

function initialEvents(c: NodeControl): NodeEvent[] {
  return [
    { type: "status", status: c.status() },
    { type: "accounts", accounts: c.accounts() },
    ...Object.entries(c.savedHeads()).map(([documentId, heads]): NodeEvent => ({ type: "saved", documentId, heads })),
  ];
}

function valid<T>(schema: z.ZodType<T, unknown>, input: unknown): T {
  const r = check(schema, input);
  if (!r.ok) throw new ApiFailure(400, r.message, r.errors);
  return r.value;
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiFailure(413, "That is too much data for one request.");
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ApiFailure(400, "The request was not valid JSON.");
  }
}

function corsHeaders(req: http.IncomingMessage, allowed: string[]): Record<string, string> {
  const origin = req.headers.origin;
  return origin && allowed.includes(origin) ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : {};
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "X-Content-Type-Options": "nosniff",
    "Content-Length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}
