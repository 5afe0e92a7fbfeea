/**
 * Meetings found on the LAN without typing a code (DESIGN.md "Sync topologies", 2). While
 * a meeting is hosted, its node answers mDNS / DNS-SD (RFC 6762/6763) for
 * `_baton-meeting._tcp.local`: which account, who hosts it, where to knock. The meeting's
 * secret is never in an announcement — a guest who finds the meeting still has to be let
 * in by the host (door.ts). A guest's node asks for the service while its Join dialog is
 * open and keeps what it hears until the TTL runs out or a goodbye arrives.
 *
 * Everything heard is untrusted: names are cleaned and checked, ports and addresses
 * checked, the list capped, and a packet that does not decode is dropped. mDNS only uses
 * the interfaces the meeting listens on: bound to 127.0.0.1 (tests,
 * `--meeting-host 127.0.0.1`) it joins the group on loopback only, sends only there and
 * ignores anything from elsewhere, so nothing leaves the machine.
 */
import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import type { RemoteInfo } from "node:dgram";
import { networkInterfaces } from "node:os";
import makeMdns from "multicast-dns";
import type { Answer, Packet, TxtData } from "dns-packet";
import { z } from "zod";
import type { NearbyMeeting } from "../../../shared/api";
import { ROLES, type Role } from "../../../shared/account/schema";
import { ACCOUNT_NAME_MAX, PERSON_NAME_MAX } from "../../../shared/validation/fields";
import { cleanUntrustedText } from "../../../shared/validation/untrusted-text";

export const SERVICE = "_baton-meeting._tcp.local";
export const MDNS_GROUP = "224.0.0.251";
export const DEFAULT_MDNS_PORT = 5353;
/** Seconds a guest keeps an announcement without hearing it again; a host that vanished without a goodbye drops off the list after this. */
export const ANNOUNCEMENT_TTL = 20;
/** A hostile announcement cannot pin itself in the list for longer than this. */
const MAX_TTL = 120;
/** At most this many meetings listed, and this many from one address (one laptop hosts one meeting). */
export const MAX_NEARBY = 20;
export const MAX_NEARBY_PER_ADDRESS = 4;
/** Records looked at in one packet; the rest are ignored. */
const MAX_RECORDS = 64;
const PROTOCOL_VERSION = "1";

/** Which interfaces and UDP port mDNS uses: those the meeting listens on. */
export interface MdnsScope {
  /** The meeting listener's bind address: "0.0.0.0" (all IPv4 interfaces), "127.0.0.1" (this machine only) or one address. */
  bind: string;
  /** UDP port; 5353 is mDNS's own, tests use another so they never meet real traffic. */
  port: number;
}

/** A random meeting id for announcements (never derived from the secret). */
export function newMeetingId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  return [...randomBytes(16)].map((b) => alphabet[b % 32]).join("");
}

const MEETING_ID = /^[a-z2-7]{16}$/;
const instanceOf = (id: string) => `baton-${id}.${SERVICE}`;
const targetOf = (id: string) => `baton-${id}.local`;
const INSTANCE = /^baton-([a-z2-7]{16})\._baton-meeting\._tcp\.local$/;

function isLoopback(address: string): boolean {
  return address.startsWith("127.");
}

function isIPv4(address: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

/** One IPv4 address per interface that can carry multicast (what a "0.0.0.0" meeting listens on). */
function lanInterfaces(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    const v4 = (list ?? []).find((ni) => ni.family === "IPv4" && !ni.internal);
    if (v4) out.push(v4.address);
  }
  return out;
}

type Mdns = ReturnType<typeof makeMdns>;

/** An mDNS socket held to the meeting's interfaces. */
class MdnsLink {
  private constructor(
    readonly mdns: Mdns,
    readonly loopbackOnly: boolean,
  ) {}

  /**
   * Open the socket, join the group on the scope's interfaces and pin where multicast goes
   * out. Nothing is sent before this has succeeded, so a failure can never leak a packet
   * onto another interface.
   */
  static async open(scope: MdnsScope, sendFrom: string | null, log: (line: string) => void): Promise<MdnsLink> {
    if (!Number.isInteger(scope.port) || scope.port < 1 || scope.port > 65535) throw new Error(`the mDNS port ${String(scope.port)} is not a port`);
    const loopbackOnly = isLoopback(scope.bind);
    const everywhere = scope.bind === "0.0.0.0" || scope.bind === "::" || scope.bind === "";
    const joinOn = loopbackOnly ? ["127.0.0.1"] : everywhere ? lanInterfaces() : [scope.bind];
    if (joinOn.length === 0) throw new Error("this laptop is on no network");
    const socket = dgram.createSocket({ type: "udp4", reuseAddr: true });
    // multicast: false — this module joins the group and sets the interface itself (below).
    const mdns = makeMdns({ socket, port: scope.port, bind: "0.0.0.0", multicast: false });
    mdns.on("warning", () => undefined); // a packet that does not decode: dropped
    let bound = false;
    // Always listened to: an unheard "error" event would take the process down.
    const failed = new Promise<never>((_, reject) =>
      mdns.on("error", (e: Error) => {
        if (bound) log(`mDNS: ${e.message}`);
        else reject(e);
      }),
    );
    try {
      await Promise.race([new Promise<void>((resolve) => mdns.once("ready", resolve)), failed]);
      bound = true;
      let joined = 0;
      for (const address of joinOn) {
        try {
          socket.addMembership(MDNS_GROUP, address);
          joined++;
        } catch (e) {
          log(`mDNS: cannot listen on ${address}: ${(e as Error).message}`);
        }
      }
      if (joined === 0) throw new Error(`cannot join the mDNS group on ${joinOn.join(", ")}`);
      // One interface to send on: the meeting's own address, else the first LAN one (never
      // left to the routing table: a network with no internet may have no default route).
      const outOn = loopbackOnly ? "127.0.0.1" : !everywhere ? scope.bind : sendFrom && joinOn.includes(sendFrom) ? sendFrom : joinOn[0]!;
      socket.setMulticastInterface(outOn);
      socket.setMulticastLoopback(true); // a second Baton on this machine hears us
      socket.setMulticastTTL(loopbackOnly ? 1 : 255);
    } catch (e) {
      try {
        mdns.destroy();
      } catch {
        // the socket never opened
      }
      throw e;
    }
    return new MdnsLink(mdns, loopbackOnly);
  }

  /** Whether a packet from there is in the meeting's scope. */
  accepts(rinfo: RemoteInfo): boolean {
    return rinfo.family === "IPv4" && isIPv4(rinfo.address) && (!this.loopbackOnly || isLoopback(rinfo.address));
  }

  respond(answers: Answer[], additionals: Answer[]): Promise<void> {
    return new Promise((resolve) => this.mdns.respond({ answers, additionals }, () => resolve()));
  }

  query(): void {
    this.mdns.query({ questions: [{ name: SERVICE, type: "PTR" }] });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.mdns.destroy(() => resolve()));
  }
}

// ---- host: announce the meeting -------------------------------------------------------

export interface AnnouncedMeeting {
  meetingId: string;
  /** The meeting listener's TCP port. */
  port: number;
  /** The IPv4 address guests reach the listener on (the A record). */
  address: string;
  accountName: () => string;
  hostName: string;
  hostRole: Role;
}

/** A TXT string `key=value`, cut to the 255 bytes DNS allows (never half a character). */
function txtString(key: string, value: string): string {
  let points = [...`${key}=${value}`];
  while (Buffer.byteLength(points.join(""), "utf8") > 255) points = points.slice(0, -1);
  return points.join("");
}

/** Answers mDNS questions for one hosted meeting; announces it at start and says goodbye at the end. */
export class MeetingAdvertiser {
  #link: MdnsLink | null = null;
  #lastAnswer = 0;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #scope: MdnsScope;
  readonly #meeting: AnnouncedMeeting;
  readonly #log: (line: string) => void;

  constructor(scope: MdnsScope, meeting: AnnouncedMeeting, log: (line: string) => void = () => undefined) {
    if (!MEETING_ID.test(meeting.meetingId)) throw new Error("not a meeting id");
    this.#scope = scope;
    this.#meeting = meeting;
    this.#log = log;
  }

  async start(): Promise<void> {
    const link = await MdnsLink.open(this.#scope, this.#meeting.address, this.#log);
    this.#link = link;
    link.mdns.on("query", (packet: Packet, rinfo: RemoteInfo) => {
      try {
        if (link.accepts(rinfo) && this.#asksForUs(packet)) this.#answerSoon();
      } catch {
        // a question we cannot read is no question
      }
    });
    // RFC 6762 §8.3: announce at least twice, a second apart.
    void this.#announce();
    for (const ms of [1000, 3000]) this.#later(ms, () => void this.#announce());
  }

  /** Goodbye (TTL 0) so guests drop the meeting at once, then close. */
  async stop(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    const link = this.#link;
    this.#link = null;
    if (!link) return;
    await Promise.race([link.respond(this.#records(0).answers, this.#records(0).additionals), new Promise((r) => setTimeout(r, 500))]);
    await link.close();
  }

  #later(ms: number, run: () => void): void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      run();
    }, ms);
    t.unref();
    this.#timers.add(t);
  }

  #asksForUs(packet: Packet): boolean {
    const id = this.#meeting.meetingId;
    for (const q of (packet.questions ?? []).slice(0, 16)) {
      const name = String(q.name).toLowerCase();
      const any = (q.type as string) === "ANY";
      if (name === SERVICE && (q.type === "PTR" || any)) return true;
      if (name === instanceOf(id) && (q.type === "SRV" || q.type === "TXT" || any)) return true;
      if (name === targetOf(id) && (q.type === "A" || any)) return true;
    }
    return false;
  }

  /** RFC 6762 §6: a short random delay, and not more than once a second (a flood of questions is not amplified). */
  #answerSoon(): void {
    const now = Date.now();
    if (now - this.#lastAnswer < 1000) return;
    this.#lastAnswer = now;
    this.#later(20 + Math.floor(Math.random() * 100), () => void this.#announce());
  }

  async #announce(): Promise<void> {
    const link = this.#link;
    if (!link) return;
    const { answers, additionals } = this.#records(ANNOUNCEMENT_TTL);
    this.#lastAnswer = Date.now();
    await link.respond(answers, additionals);
  }

  #records(ttl: number): { answers: Answer[]; additionals: Answer[] } {
    const m = this.#meeting;
    const instance = instanceOf(m.meetingId);
    const target = targetOf(m.meetingId);
    // Names in clear (the LAN sees them); never the secret.
    const txt = [
      txtString("v", PROTOCOL_VERSION),
      txtString("id", m.meetingId),
      txtString("account", m.accountName()),
      txtString("host", m.hostName),
      txtString("role", m.hostRole),
    ];
    return {
      answers: [{ name: SERVICE, type: "PTR", ttl, data: instance }],
      additionals: [
        { name: instance, type: "SRV", ttl, flush: true, data: { port: m.port, target, priority: 0, weight: 0 } },
        { name: instance, type: "TXT", ttl, flush: true, data: txt },
        { name: target, type: "A", ttl, flush: true, data: m.address },
      ],
    };
  }
}

// ---- guest: look for meetings nearby ----------------------------------------------------

const ipv4Schema = z.string().refine(isIPv4, { error: "not an IPv4 address" });

/** An announcement as heard, before it is shown: every field checked. */
const announcementSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  id: z.string().regex(MEETING_ID),
  accountName: z.string().min(1).max(ACCOUNT_NAME_MAX),
  hostName: z.string().min(1).max(PERSON_NAME_MAX),
  hostRole: z.enum(ROLES),
  address: ipv4Schema,
  // A meeting listener is on an ephemeral port: never a well-known service's.
  port: z.number().int().min(1024).max(65535),
});

/** TXT strings → fields; the first of a key wins (RFC 6763 §6.4); at most 16 strings read. */
function txtFields(data: TxtData): Map<string, string> {
  const list = Array.isArray(data) ? data : [data];
  const fields = new Map<string, string>();
  for (const item of list.slice(0, 16)) {
    const text = Buffer.isBuffer(item) ? item.subarray(0, 255).toString("utf8") : String(item).slice(0, 255);
    const eq = text.indexOf("=");
    if (eq <= 0) continue;
    const key = text.slice(0, eq).toLowerCase();
    if (!fields.has(key)) fields.set(key, text.slice(eq + 1));
  }
  return fields;
}

interface Heard {
  meeting: NearbyMeeting;
  address: string;
  port: number;
  expires: number;
}

export interface BrowserOptions {
  log?: (line: string) => void;
  /** How often to ask again while looking. */
  queryEveryMs?: number;
  now?: () => number;
}

/** Asks for meetings on the LAN and keeps the valid answers until they expire. */
export class MeetingBrowser {
  readonly #heard = new Map<string, Heard>();
  readonly #scope: MdnsScope;
  readonly #options: BrowserOptions;
  #link: MdnsLink | null = null;
  #timer: NodeJS.Timeout | null = null;
  /** Announcements dropped as invalid or over a cap (for logs and tests). */
  ignored = 0;

  constructor(scope: MdnsScope, options: BrowserOptions = {}) {
    this.#scope = scope;
    this.#options = options;
  }

  async start(): Promise<void> {
    const link = await MdnsLink.open(this.#scope, null, this.#options.log ?? (() => undefined));
    this.#link = link;
    link.mdns.on("response", (packet: Packet, rinfo: RemoteInfo) => {
      try {
        if (link.accepts(rinfo)) this.#hear(packet, rinfo.address);
        else this.ignored++;
      } catch {
        this.ignored++;
      }
    });
    link.query();
    this.#timer = setInterval(() => this.#link?.query(), this.#options.queryEveryMs ?? 3000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    const link = this.#link;
    this.#link = null;
    this.#heard.clear();
    await link?.close();
  }

  /** The meetings heard and not expired, in the order first heard. */
  list(): NearbyMeeting[] {
    this.#expire();
    return [...this.#heard.values()].map((h) => h.meeting);
  }

  /** Where to knock for a meeting still on the list. */
  find(id: string): { meeting: NearbyMeeting; address: string; port: number } | undefined {
    this.#expire();
    const h = this.#heard.get(id);
    return h && { meeting: h.meeting, address: h.address, port: h.port };
  }

  /** Drop a meeting whose host no longer answers. */
  forget(id: string): void {
    this.#heard.delete(id);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #expire(): void {
    const now = this.#now();
    for (const [id, h] of this.#heard) if (h.expires <= now) this.#heard.delete(id);
  }

  #hear(packet: Packet, from: string): void {
    const records = [...(packet.answers ?? []), ...(packet.additionals ?? [])].slice(0, MAX_RECORDS);
    const byName = new Map<string, Answer[]>();
    for (const r of records) {
      const name = String(r.name).toLowerCase();
      byName.set(name, [...(byName.get(name) ?? []), r]);
    }
    for (const ptr of byName.get(SERVICE) ?? []) {
      if (ptr.type !== "PTR") continue;
      const instance = String(ptr.data).toLowerCase();
      const id = INSTANCE.exec(instance)?.[1];
      if (!id) {
        this.ignored++;
        continue;
      }
      const own = byName.get(instance) ?? [];
      const srv = own.find((r) => r.type === "SRV");
      const txt = own.find((r) => r.type === "TXT");
      const goodbye = ptr.ttl === 0 || srv?.ttl === 0 || txt?.ttl === 0;
      if (goodbye) {
        // Only the laptop that announced a meeting can take it off the list.
        if (this.#heard.get(id)?.address === from) this.#heard.delete(id);
        continue;
      }
      if (srv?.type !== "SRV" || txt?.type !== "TXT") continue;
      const fields = txtFields(txt.data);
      const checked = announcementSchema.safeParse({
        v: fields.get("v"),
        id: fields.get("id"),
        accountName: cleanUntrustedText(fields.get("account") ?? "", Infinity),
        hostName: cleanUntrustedText(fields.get("host") ?? "", Infinity),
        hostRole: fields.get("role"),
        // The address the announcement came from, not what it claims: a hostile packet
        // cannot point a guest's knock at a third machine.
        address: from,
        port: srv.data.port,
      });
      if (!checked.success || checked.data.id !== id) {
        this.ignored++;
        continue;
      }
      this.#keep(checked.data, Math.min(ptr.ttl ?? 0, srv.ttl ?? 0, txt.ttl ?? 0, MAX_TTL));
    }
  }

  #keep(a: z.infer<typeof announcementSchema>, ttl: number): void {
    const expires = this.#now() + Math.max(1, ttl) * 1000;
    const meeting: NearbyMeeting = { id: a.id, accountName: a.accountName, hostName: a.hostName, hostRole: a.hostRole, where: `${a.address}:${String(a.port)}` };
    const known = this.#heard.get(a.id);
    if (known && known.address !== a.address) {
      this.ignored++; // another laptop claiming a meeting it did not announce first
      return;
    }
    if (!known) {
      this.#expire();
      const fromThere = [...this.#heard.values()].filter((h) => h.address === a.address).length;
      if (this.#heard.size >= MAX_NEARBY || fromThere >= MAX_NEARBY_PER_ADDRESS) {
        this.ignored++;
        return;
      }
    }
    this.#heard.set(a.id, { meeting, address: a.address, port: a.port, expires });
  }
}
