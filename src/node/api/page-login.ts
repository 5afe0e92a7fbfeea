/**
 * How the page of browser mode learns its node's token without handing it to anyone else.
 *
 * It used to fetch it from `GET /endpoint.json`, which any local process could do as well.
 * Now the host prints an address carrying a one-time ticket (as Jupyter prints one with its
 * token); the page trades the ticket once, at `POST /api/session`, for the endpoint, and keeps
 * that for itself (sessionStorage), so reloads work. A ticket works once; one the terminal
 * shows is replaced by a new one as soon as it has been used, and a window already signed in
 * may ask for more (`POST /api/page-link`, with the token). Nothing hands the token to a
 * process that does not already hold it or a ticket.
 */
import { createHash, randomBytes } from "node:crypto";
import { TICKET_PARAM } from "../../../shared/api-paths";

/** Extra links outstanding at once (the oldest is dropped past it). */
const MAX_EXTRA_LINKS = 16;

const digest = (ticket: string) => createHash("sha256").update(ticket, "utf8").digest("hex");

export class PageLogin {
  readonly #base: () => string;
  /** The terminal's ticket (digest), while unused. */
  #terminal: string | null = null;
  /** Other tickets (digests), oldest first. */
  readonly #extra = new Set<string>();
  /** Called with the next terminal link when the previous one has been used. */
  onTerminalLinkUsed: ((next: string) => void) | null = null;

  /** @param base the page's address, e.g. http://127.0.0.1:5391/ */
  constructor(base: () => string) {
    this.#base = base;
  }

  /** A new link for the terminal; the one it replaces stops working. */
  terminalLink(): string {
    const ticket = newTicket();
    this.#terminal = digest(ticket);
    return this.#link(ticket);
  }

  /** One more link, for another window of someone already signed in. */
  extraLink(): string {
    const ticket = newTicket();
    this.#extra.add(digest(ticket));
    if (this.#extra.size > MAX_EXTRA_LINKS) this.#extra.delete(this.#extra.values().next().value!);
    return this.#link(ticket);
  }

  /** True, once, for a ticket this host gave out. */
  redeem(ticket: string): boolean {
    if (typeof ticket !== "string" || ticket.length === 0 || ticket.length > 200) return false;
    const d = digest(ticket);
    if (d === this.#terminal) {
      this.#terminal = null;
      this.onTerminalLinkUsed?.(this.terminalLink());
      return true;
    }
    return this.#extra.delete(d);
  }

  #link(ticket: string): string {
    const url = new URL(this.#base());
    url.searchParams.set(TICKET_PARAM, ticket);
    return url.toString();
  }
}

function newTicket(): string {
  return randomBytes(24).toString("base64url");
}
