/**
 * Meetings on the LAN, both sides: hosting one (a listener that shares exactly one
 * account, announced nearby, with a door people knock on), and joining one by its code or
 * by knocking on a meeting found nearby. One hosted and one joined meeting at a time; each
 * link's share rule lets only the meeting's account through.
 */
import type { DocumentId, PeerId, Repo } from "@automerge/automerge-repo";
import type { CheckedInput, HostedMeeting, JoinedMeeting, NearbyMeetings, PeerLink } from "../../../shared/api";
import type { AccountDoc, Profile } from "../../../shared/account/schema";
import { summarize } from "../../../shared/queries/summary";
import { ApiFailure } from "../api/api-failure";
import type { Library } from "../library/library";
import type { LinkClientAdapter } from "../links/link-client-adapter";
import { isSynced, linkOf } from "../links/link-status";
import type { ShareRules } from "../share-rules";
import type { MdnsScope } from "./discovery";
import { checkInvitation, JoinError, meetingAdapter } from "./meeting-guest";
import { MeetingHost } from "./meeting-host";
import { Lobby } from "./nearby";

export interface MeetingsOptions {
  repo: Repo;
  rules: ShareRules;
  library: Library;
  /** The person at this keyboard; refuses when there is no profile yet. */
  profile: () => Profile;
  /** Where meeting listeners bind: "0.0.0.0" for the LAN, "127.0.0.1" for tests. */
  bind: string;
  /** Address written into join codes (default: this machine's LAN address). */
  advertise?: string;
  /** Meetings nearby (mDNS): the interfaces and UDP port. */
  mdns: MdnsScope;
  statusChanged: () => void;
  log: (line: string) => void;
}

interface JoinedLink {
  adapter: LinkClientAdapter;
  info: JoinedMeeting;
}

export class Meetings {
  readonly #o: MeetingsOptions;
  #hosting: MeetingHost | null = null;
  #joined: JoinedLink | null = null;
  /** Meetings nearby and knocks on their doors (the guest's side of discovery). */
  readonly #lobby: Lobby;

  constructor(options: MeetingsOptions) {
    this.#o = options;
    this.#lobby = new Lobby({ scope: options.mdns, log: options.log });
  }

  // ---- hosting -------------------------------------------------------------------------

  async hostMeeting({ documentId }: CheckedInput<"hostMeeting">): Promise<HostedMeeting> {
    const { repo, rules, library, statusChanged } = this.#o;
    const profile = this.#o.profile();
    if (!library.has(documentId)) throw new ApiFailure(404, "That account is not on this device.");
    if (this.#hosting?.documentId === documentId) return this.#hostedMeeting(this.#hosting);
    await this.endMeeting();
    const host = new MeetingHost({
      documentId,
      accountName: () => library.get(documentId)?.name ?? "",
      hostName: profile.name,
      bind: this.#o.bind,
      advertise: this.#o.advertise,
      hostRole: profile.role,
      mdns: this.#o.mdns,
      onChange: statusChanged,
      log: this.#o.log,
    });
    rules.addInbound(host.adapter);
    host.adapter.onPeerChange(statusChanged);
    repo.networkSubsystem.addNetworkAdapter(host.adapter);
    try {
      await host.start();
    } catch (e) {
      repo.networkSubsystem.removeNetworkAdapter(host.adapter);
      rules.removeInbound(host.adapter);
      throw new ApiFailure(500, `Could not start the meeting: ${(e as Error).message}`);
    }
    this.#hosting = host;
    await repo.find(documentId as DocumentId);
    statusChanged();
    return this.#hostedMeeting(host);
  }

  async endMeeting(): Promise<void> {
    const host = this.#hosting;
    if (!host) return;
    this.#hosting = null;
    await host.stop();
    this.#o.repo.networkSubsystem.removeNetworkAdapter(host.adapter);
    this.#o.rules.removeInbound(host.adapter);
    this.#o.statusChanged();
  }

  /** The host's answer to someone at the door. */
  async answerKnock({ knockId, answer }: CheckedInput<"answerKnock">): Promise<void> {
    if (!this.#hosting) throw new ApiFailure(409, "You are not hosting a meeting.");
    if (!this.#hosting.door.answer(knockId, answer)) throw new ApiFailure(404, "That person is no longer waiting to join.");
    this.#o.statusChanged();
  }

  // ---- joining -------------------------------------------------------------------------

  async joinMeeting({ code }: CheckedInput<"joinMeeting">): Promise<JoinedMeeting> {
    const { repo, rules, library, statusChanged } = this.#o;
    const profile = this.#o.profile();
    let invitation;
    try {
      invitation = await checkInvitation(code);
    } catch (e) {
      if (e instanceof JoinError) throw new ApiFailure(400, e.message, { code: e.message });
      throw e;
    }
    if (this.#hosting?.documentId === invitation.info.documentId) {
      throw new ApiFailure(400, "You are hosting this meeting yourself; give the code to the other laptop.", { code: "This is your own meeting." });
    }
    await this.leaveMeeting();
    const documentId = invitation.info.documentId;
    const adapter = meetingAdapter(invitation, profile.name);
    adapter.on("peer-candidate", ({ peerId }) => {
      rules.setOutbound(peerId, { kind: "meeting-host", allows: (id) => id === documentId });
      statusChanged();
    });
    adapter.on("peer-disconnected", ({ peerId }) => {
      rules.forgetOutbound(peerId);
      statusChanged();
    });
    adapter.status.on("change", statusChanged);
    const info: JoinedMeeting = { documentId, accountName: invitation.info.accountName, host: invitation.info.hostName };
    this.#joined = { adapter, info };
    repo.networkSubsystem.addNetworkAdapter(adapter);
    try {
      await waitFor(() => adapter.remotePeerId !== null, 8000);
      const handle = await repo.find<AccountDoc>(documentId as DocumentId, { signal: AbortSignal.timeout(20_000) });
      library.upsert(summarize(documentId, handle.doc()));
      await library.flush();
    } catch {
      await this.leaveMeeting();
      const problem = adapter.state.state === "refused" || adapter.state.state === "offline" ? adapter.state.problem : "";
      throw new ApiFailure(502, `Could not get the account from ${invitation.where}. ${problem}`.trim(), { code: "The host did not share the account." });
    }
    statusChanged();
    return info;
  }

  async leaveMeeting(): Promise<void> {
    const joined = this.#joined;
    if (!joined) return;
    this.#joined = null;
    const peer = joined.adapter.remotePeerId;
    this.#o.repo.networkSubsystem.removeNetworkAdapter(joined.adapter);
    if (peer) this.#o.rules.forgetOutbound(peer);
    this.#o.statusChanged();
  }

  // ---- meetings nearby (mDNS) and knocks -------------------------------------------------

  async nearbyMeetings(): Promise<NearbyMeetings> {
    return this.#lobby.nearby(this.#hosting?.meetingId ?? null);
  }

  /** Knock on a nearby meeting and, once the host lets us in, join it as with its code. */
  async knock({ meetingId }: CheckedInput<"knock">): Promise<JoinedMeeting> {
    const profile = this.#o.profile();
    let code: string;
    try {
      code = await this.#lobby.knock(meetingId, { name: profile.name, role: profile.role });
    } catch (e) {
      if (e instanceof JoinError) throw new ApiFailure(e.status, e.message);
      throw e;
    }
    return this.joinMeeting({ code });
  }

  async cancelKnock(): Promise<void> {
    this.#lobby.cancelKnock();
  }

  // ---- what the status shows -------------------------------------------------------------

  hosted(): HostedMeeting | null {
    return this.#hosting ? this.#hostedMeeting(this.#hosting) : null;
  }

  joined(): JoinedMeeting | null {
    return this.#joined?.info ?? null;
  }

  /** The guests of the hosted meeting, then the host of the joined one. */
  links(): PeerLink[] {
    const repo = this.#o.repo;
    const links: PeerLink[] = [];
    if (this.#hosting) {
      const docs = [this.#hosting.documentId];
      for (const peer of this.#hosting.adapter.connectedPeers()) {
        links.push({ kind: "meeting-guest", label: peer.grant.label, state: "connected", synced: isSynced(repo, peer.peerId, docs) });
      }
    }
    if (this.#joined) {
      const a = this.#joined.adapter;
      links.push(linkOf("meeting-host", this.#joined.info.host, a.state, a.remotePeerId ? isSynced(repo, a.remotePeerId, [this.#joined.info.documentId]) : false));
    }
    return links;
  }

  /** The joined meeting's host, while connected. */
  hostPeer(): PeerId | null {
    return this.#joined?.adapter.remotePeerId ?? null;
  }

  /** Stop looking nearby, end the hosted meeting and leave the joined one. */
  async stop(): Promise<void> {
    await this.#lobby.stop().catch(() => undefined);
    await this.endMeeting().catch(() => undefined);
    await this.leaveMeeting().catch(() => undefined);
  }

  #hostedMeeting(host: MeetingHost): HostedMeeting {
    return {
      documentId: host.documentId,
      accountName: this.#o.library.get(host.documentId)?.name ?? "",
      code: host.code,
      guests: host.guests(),
      knocks: host.knocks(),
      advertised: host.advertised,
    };
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}
