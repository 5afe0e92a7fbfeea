/**
 * Hosting a meeting on the LAN: a second listener, protected by a per-meeting secret
 * carried in the join code, that shares exactly one account. Ending the meeting closes
 * the listener and every guest's socket, so the code stops working at once. While it
 * runs, laptops nearby find it by mDNS (discovery.ts) and may knock (door.ts); the secret
 * only leaves this laptop in the code or in the answer to a knock the host let in.
 */
import type http from "node:http";
import { networkInterfaces } from "node:os";
import type { Knock } from "../../../shared/api";
import type { Role } from "../../../shared/account/schema";
import { formatMeetingCode, newMeetingSecret } from "../../../shared/meeting-code";
import { MeetingAdvertiser, newMeetingId, type MdnsScope } from "./discovery";
import { Door } from "./door";
import { HardenedServerAdapter } from "../network/hardened-server-adapter";
import { sameToken, startListener, tokenFrom, type Listener } from "../network/listener";

/** What a guest learns from GET /meeting before joining. */
export interface MeetingInfo {
  documentId: string;
  accountName: string;
  hostName: string;
}

export interface MeetingHostOptions {
  documentId: string;
  accountName: () => string;
  hostName: string;
  /** Interface to listen on: "0.0.0.0" for the LAN, "127.0.0.1" for tests. */
  bind: string;
  /** Address written into the join code; default: this machine's first LAN IPv4. */
  advertise?: string;
  /** The host person's role, announced with their name. */
  hostRole?: Role;
  /** Announce the meeting by mDNS on the listener's interfaces; absent: not announced. */
  mdns?: MdnsScope;
  /** Someone knocked, was answered, or stopped waiting. */
  onChange?: () => void;
  log?: (line: string) => void;
}

export class MeetingHost {
  readonly adapter = new HardenedServerAdapter();
  readonly documentId: string;
  readonly secret = newMeetingSecret();
  /** Names the meeting in announcements and knocks; unrelated to the secret. */
  readonly meetingId = newMeetingId();
  readonly door: Door;
  #advertiser: MeetingAdvertiser | null = null;
  #listener: Listener | null = null;
  #code = "";
  #options: MeetingHostOptions;

  constructor(options: MeetingHostOptions) {
    this.#options = options;
    this.documentId = options.documentId;
    this.door = new Door({ meetingId: this.meetingId, secret: this.secret, onChange: () => options.onChange?.() });
  }

  /** People waiting at the door. */
  knocks(): Knock[] {
    return this.door.knocks();
  }

  /** Laptops nearby can see the meeting (mDNS started). */
  get advertised(): boolean {
    return this.#advertiser !== null;
  }

  get code(): string {
    return this.#code;
  }

  /** Names of the guests connected now. */
  guests(): string[] {
    return this.adapter.connectedPeers().map((p) => p.grant.label);
  }

  async start(): Promise<void> {
    const allowed = new Set([this.documentId]);
    this.#listener = await startListener({
      host: this.#options.bind,
      port: 0,
      adapter: this.adapter,
      authorize: (token, req) =>
        sameToken(token, this.secret) ? { kind: "meeting-guest", label: guestName(req), documentIds: allowed } : undefined,
      onHttpRequest: (req, res) => this.#onHttp(req, res),
    });
    const address = this.#options.advertise ?? advertisedAddress(this.#options.bind);
    this.#code = formatMeetingCode({ host: address, port: this.#listener.port, secret: this.secret });
    if (this.#options.mdns) await this.#announce(this.#options.mdns, address, this.#listener.port);
  }

  /** Without mDNS the meeting still runs: the code works, it is just not listed nearby. */
  async #announce(scope: MdnsScope, address: string, port: number): Promise<void> {
    const o = this.#options;
    const advertiser = new MeetingAdvertiser(
      scope,
      { meetingId: this.meetingId, port, address, accountName: o.accountName, hostName: o.hostName, hostRole: o.hostRole ?? "rep" },
      (line) => o.log?.(line),
    );
    try {
      await advertiser.start();
      this.#advertiser = advertiser;
    } catch (e) {
      o.log?.(`the meeting is not announced nearby (mDNS): ${(e as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    this.door.close();
    const advertiser = this.#advertiser;
    this.#advertiser = null;
    await advertiser?.stop().catch(() => undefined);
    this.adapter.disconnectWhere(() => true, "the meeting has ended");
    await this.#listener?.close();
    this.#listener = null;
  }

  #onHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/knock" && req.method === "POST") {
      void this.door.handle(req, res).catch(() => res.destroy());
      return;
    }
    if (path !== "/meeting" || req.method !== "GET") {
      res.writeHead(404).end();
      return;
    }
    if (!sameToken(tokenFrom(req), this.secret)) {
      res.writeHead(401, { "Content-Type": "text/plain" }).end("invalid meeting code\n");
      return;
    }
    const info: MeetingInfo = { documentId: this.documentId, accountName: this.#options.accountName(), hostName: this.#options.hostName };
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(info));
  }
}

function guestName(req: http.IncomingMessage): string {
  const raw = new URL(req.url ?? "/", "http://x").searchParams.get("name") ?? "";
  // eslint-disable-next-line no-control-regex -- strip control characters from a name shown to the host
  const clean = raw.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 80);
  return clean || "A guest";
}

/** The address other laptops reach this one on. */
export function advertisedAddress(bind: string): string {
  if (bind !== "0.0.0.0" && bind !== "::") return bind;
  for (const list of Object.values(networkInterfaces())) {
    for (const ni of list ?? []) {
      if (ni.family === "IPv4" && !ni.internal) return ni.address;
    }
  }
  return "127.0.0.1";
}
