/**
 * The guest's side of discovery as the Join dialog uses it. Looking for meetings runs only
 * while someone is looking: the dialog asks every few seconds, and when nobody has asked
 * for a while the mDNS socket is closed again. One knock at a time waits at a host's door;
 * a new one, or "Stop waiting", ends the one before.
 */
import type { NearbyMeetings } from "../../../shared/api";
import type { Role } from "../../../shared/account/schema";
import { MeetingBrowser, type MdnsScope } from "./discovery";
import { JoinError, knockOnDoor } from "./meeting-guest";

/** Stop looking this long after the last time the dialog asked. */
const IDLE_MS = 15_000;

export interface LobbyOptions {
  scope: MdnsScope;
  log?: (line: string) => void;
  idleMs?: number;
  queryEveryMs?: number;
  /** How long a guest waits at a door (tests shorten it). */
  giveUpMs?: number;
}

export class Lobby {
  readonly #options: LobbyOptions;
  #browser: MeetingBrowser | null = null;
  #starting: Promise<void> | null = null;
  #problem: string | null = null;
  #idle: NodeJS.Timeout | null = null;
  #knocking: AbortController | null = null;
  #stopped = false;

  constructor(options: LobbyOptions) {
    this.#options = options;
  }

  /** Meetings heard nearby (starting to look if not yet), without the one `ownMeetingId` this laptop hosts. */
  async nearby(ownMeetingId: string | null): Promise<NearbyMeetings> {
    if (this.#stopped) return { meetings: [], problem: null };
    this.#keepLooking();
    if (!this.#browser && !this.#starting) this.#starting = this.#start();
    await this.#starting;
    const meetings = (this.#browser?.list() ?? []).filter((m) => m.id !== ownMeetingId);
    return { meetings, problem: this.#browser ? null : this.#problem };
  }

  /** Knock on a meeting on the list; resolves with its join code once the host lets us in. */
  async knock(meetingId: string, me: { name: string; role: Role }): Promise<string> {
    const found = this.#browser?.find(meetingId);
    if (!found) throw new JoinError("That meeting is no longer nearby: it ended, or its laptop left the network. Ask for the join code.", 404);
    this.cancelKnock();
    const controller = new AbortController();
    this.#knocking = controller;
    try {
      return await knockOnDoor({ meetingId, address: found.address, port: found.port, hostName: found.meeting.hostName }, me, controller.signal, this.#options.giveUpMs);
    } catch (e) {
      if (e instanceof JoinError && e.status === 410) this.#browser?.forget(meetingId);
      throw e;
    } finally {
      if (this.#knocking === controller) this.#knocking = null;
    }
  }

  /** Stop waiting at the door (the guest closed the dialog or changed their mind). */
  cancelKnock(): void {
    this.#knocking?.abort();
    this.#knocking = null;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.cancelKnock();
    await this.#stopLooking();
  }

  async #start(): Promise<void> {
    const browser = new MeetingBrowser(this.#options.scope, { log: this.#options.log, queryEveryMs: this.#options.queryEveryMs });
    try {
      await browser.start();
      if (this.#stopped) await browser.stop();
      else {
        this.#browser = browser;
        this.#problem = null;
      }
    } catch (e) {
      this.#problem = `This laptop cannot look for meetings nearby (${(e as Error).message}); type the join code instead.`;
      this.#options.log?.(`mDNS browse failed: ${(e as Error).message}`);
    } finally {
      this.#starting = null;
    }
  }

  #keepLooking(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => void this.#stopLooking(), this.#options.idleMs ?? IDLE_MS);
    this.#idle.unref();
  }

  async #stopLooking(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    // A knock in progress keeps the list: the join needs the meeting's address.
    if (this.#knocking) return this.#keepLooking();
    const browser = this.#browser;
    this.#browser = null;
    await browser?.stop().catch(() => undefined);
  }
}
