/**
 * The HTTP front door of the node's renderer endpoint on 127.0.0.1: who may come in (the
 * per-launch token, this host's own origins, its own Host name), then the JSON API (the
 * operations of shared/api.ts, through the dispatcher), the windows' event stream,
 * browser mode's one-time sign-in and the built renderer's files. Every refusal names
 * what was wrong, in words for the person and, for forms, per field.
 */
import type http from "node:http";
import { resolve } from "node:path";
import { EVENTS_PATH, SAVED_DOCUMENT_PATH, SESSION_PATH } from "../../../shared/api-paths";
import { operations, sessionInputSchema, type ApiError, type Endpoint, type NodeEvent, type NodeHandlers, type PageLink } from "../../../shared/api";
import type { DownloadFile } from "../../../shared/import/transfer-api";
import type { PeerGrant } from "../network/hardened-server-adapter";
import { sameToken, tokenFrom } from "../network/listener";
import { ApiFailure } from "./api-failure";
import { Dispatcher } from "./dispatcher";
import type { EventStream } from "./event-stream";
import { checked, readJsonBody, sendFile, sendJson } from "./http-json";
import { PageLogin } from "./page-login";
import { serveStatic } from "./static-files";

export interface FrontDoorOptions {
  /** The per-launch token every request and WebSocket must carry. */
  token: string;
  /** The listener's port (known once it listens). */
  port: () => number;
  /** Where the renderer connects; browser mode's sign-in hands it over. */
  endpoint: () => Endpoint;
  /** The API: one handler per operation. */
  handlers: NodeHandlers;
  events: EventStream;
  /** What a window that opens the event stream is told first. */
  initialEvents: () => NodeEvent[];
  /** Origins besides this host's own that may call the API (the Electron app's). */
  allowedOrigins?: string[];
  /** Browser mode: serve the built renderer from this folder, and sign its page in with one-time links. */
  staticDir?: string;
  /** An account as one saved document; null when it is not on this device. */
  savedDocument: (documentId: string) => Promise<Uint8Array | null>;
}

const DOCUMENT_ID = /^[1-9A-HJ-NP-Za-km-z]{20,60}$/;

const SIGN_IN_REFUSED = "This sign-in link has been used already or is not one of this Baton's. Open the newest address `npm run web` printed in its terminal.";
const SECURITY_HEADERS = { "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer" };

export class FrontDoor {
  /** Browser mode (a `staticDir`): the one-time sign-in links of the page. */
  readonly pageLogin: PageLogin | null;
  readonly #o: FrontDoorOptions;
  readonly #dispatcher: Dispatcher;

  constructor(options: FrontDoorOptions) {
    this.#o = options;
    this.#dispatcher = new Dispatcher(options.handlers);
    this.pageLogin = options.staticDir !== undefined ? new PageLogin(() => `http://127.0.0.1:${options.port()}/`) : null;
  }

  /** Who a WebSocket is: this window, when it carries the token and comes from an allowed page. */
  authorize(token: string | undefined, req: http.IncomingMessage): PeerGrant | undefined {
    return sameToken(token, this.#o.token) && this.#originAllowed(req) ? { kind: "renderer", label: "this window" } : undefined;
  }

  /** The `pageLink` operation: a new one-time sign-in link (browser mode only). */
  pageLink(): PageLink {
    if (this.pageLogin === null) throw new ApiFailure(404, `No such API route: ${operations.pageLink.method} ${operations.pageLink.path}`);
    return { url: this.pageLogin.extraLink() };
  }

  /** Every `METHOD /path` of the API's operations. */
  routes(): string[] {
    return this.#dispatcher.routes();
  }

  /** Every request that is not a WebSocket upgrade. */
  async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another site that re-points its DNS at 127.0.0.1 still sends its own Host: refuse it.
    const port = this.#o.port();
    const hostHeader = req.headers.host ?? "";
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      res.writeHead(421, { "Content-Type": "text/plain" }).end("Wrong host.\n");
      return;
    }
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path.startsWith("/api/")) return this.#api(req, res, path);
    if (this.#o.staticDir) return serveStatic(resolve(this.#o.staticDir), req, res, SECURITY_HEADERS);
    res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found.\n");
  }

  async #api(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    const headers = this.#corsHeaders(req);
    if (path === SESSION_PATH && this.pageLogin !== null) return this.#signIn(req, res, this.pageLogin);
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...headers, "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE", "Access-Control-Allow-Headers": "Authorization, Content-Type", "Access-Control-Max-Age": "600" }).end();
      return;
    }
    if (!sameToken(tokenFrom(req), this.#o.token)) {
      sendJson(res, 401, { error: "This window is not connected to Baton's sync node (missing or wrong token)." } satisfies ApiError, headers);
      return;
    }
    try {
      if (req.method === "GET" && path === EVENTS_PATH) {
        this.#o.events.attach(req, res, this.#o.initialEvents(), headers);
        return;
      }
      if (req.method === "GET" && path === SAVED_DOCUMENT_PATH) {
        const id = new URL(req.url ?? "/", "http://x").searchParams.get("id") ?? "";
        if (!DOCUMENT_ID.test(id)) throw new ApiFailure(400, "That is not an account id.");
        const bytes = await this.#o.savedDocument(id);
        if (!bytes) throw new ApiFailure(404, "That account is not on this device.");
        res.writeHead(200, { ...headers, "Content-Type": "application/octet-stream", "Content-Length": String(bytes.length), "Cache-Control": "no-store" }).end(bytes);
        return;
      }
      const method = req.method ?? "GET";
      const answer = this.#dispatcher.answer(method, path);
      if (!answer) sendJson(res, 404, { error: `No such API route: ${req.method} ${path}` } satisfies ApiError, headers);
      else if (this.#dispatcher.isDownload(method, path)) sendFile(res, (await answer(req)) as DownloadFile, headers);
      else sendJson(res, 200, (await answer(req)) ?? { ok: true }, headers);
    } catch (e) {
      if (e instanceof ApiFailure) sendJson(res, e.status, { error: e.message, ...(e.fields ? { fields: e.fields } : {}) } satisfies ApiError, headers);
      else sendJson(res, 500, { error: `Baton's sync node failed: ${(e as Error).message}` } satisfies ApiError, headers);
    }
  }

  /**
   * `POST /api/session { ticket }`: the page of browser mode trades its one-time ticket for
   * the endpoint. Same-origin only (no CORS headers; a browser's Origin must be this host's;
   * the Host check stops DNS rebinding), so no other site's page can spend a ticket.
   */
  async #signIn(req: http.IncomingMessage, res: http.ServerResponse, login: PageLogin): Promise<void> {
    const noStore = { "Cache-Control": "no-store" };
    if (req.method !== "POST") return sendJson(res, 405, { error: "Sign in with POST." }, noStore);
    const origin = req.headers.origin;
    if (origin !== undefined && !this.#allowedOrigins().includes(origin)) return sendJson(res, 403, { error: "Sign in from Baton's own page." }, noStore);
    let ticket: string;
    try {
      ticket = checked(sessionInputSchema, await readJsonBody(req)).ticket;
    } catch (e) {
      if (e instanceof ApiFailure) return sendJson(res, e.status, { error: e.message }, noStore);
      throw e;
    }
    if (!login.redeem(ticket)) return sendJson(res, 401, { error: SIGN_IN_REFUSED } satisfies ApiError, noStore);
    sendJson(res, 200, this.#o.endpoint(), noStore);
  }

  #allowedOrigins(): string[] {
    const port = this.#o.port();
    return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...(this.#o.allowedOrigins ?? [])];
  }

  /** Browsers send Origin on WebSocket upgrades; a page from anywhere else is refused. */
  #originAllowed(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.#allowedOrigins().includes(origin);
  }

  #corsHeaders(req: http.IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    return origin && this.#allowedOrigins().includes(origin) ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : {};
  }
}
