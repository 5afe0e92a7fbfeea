/**
 * Who may get which document from this device (DESIGN.md: "share rules are security,
 * not politeness"). A peer that knows a document id gets it unless `access` refuses, so
 * every peer is classified by the link it came in on — never by what it claims:
 *  - this device's renderer: every document it asks for (none is announced to it);
 *  - a meeting guest (inbound) or the meeting host (outbound): only the meeting's account;
 *  - the team sync server: only accounts in this person's library;
 *  - anyone else: nothing.
 */
import type { DocumentId, PeerId } from "@automerge/automerge-repo/slim";
import type { Repo } from "@automerge/automerge-repo/slim";

type ShareConfig = NonNullable<ConstructorParameters<typeof Repo>[0]>["shareConfig"] & object;
import type { HardenedServerAdapter } from "./network/hardened-server-adapter";
import { grantAllows } from "./network/hardened-server-adapter";

export type PeerScope =
  | { kind: "renderer" }
  | { kind: "meeting-guest"; allows: (documentId: string) => boolean }
  | { kind: "meeting-host"; allows: (documentId: string) => boolean }
  | { kind: "team-server"; allows: (documentId: string) => boolean };

export class ShareRules {
  #inbound = new Set<HardenedServerAdapter>();
  #outbound = new Map<PeerId, PeerScope>();

  addInbound(adapter: HardenedServerAdapter): void {
    this.#inbound.add(adapter);
  }

  removeInbound(adapter: HardenedServerAdapter): void {
    this.#inbound.delete(adapter);
  }

  /** Record the remote peer of an outbound link once it has answered. */
  setOutbound(peerId: PeerId, scope: PeerScope): void {
    this.#outbound.set(peerId, scope);
  }

  forgetOutbound(peerId: PeerId): void {
    this.#outbound.delete(peerId);
  }

  /** What a peer may see; undefined for a stranger or an ambiguous claim. */
  scopeOf(peerId: PeerId): PeerScope | undefined {
    const found: PeerScope[] = [];
    for (const adapter of this.#inbound) {
      const grant = adapter.grantOf(peerId);
      if (!grant) continue;
      if (grant.kind === "renderer") found.push({ kind: "renderer" });
      else found.push({ kind: "meeting-guest", allows: (id) => grantAllows(grant, id) });
    }
    const out = this.#outbound.get(peerId);
    if (out) found.push(out);
    // The same peer id on two links is someone claiming to be someone else: trust neither.
    return found.length === 1 ? found[0] : undefined;
  }

  allows(peerId: PeerId, documentId: DocumentId | undefined): boolean {
    const scope = this.scopeOf(peerId);
    if (!scope) return false;
    if (scope.kind === "renderer") return true;
    return documentId !== undefined && scope.allows(documentId);
  }

  /** The automerge-repo share configuration built from these rules. */
  shareConfig(): ShareConfig {
    return {
      // A window is sent the accounts it asks for, never the others the node has loaded (with
      // a team server linked that is every account): its thread must not load them in bulk.
      announce: async (peerId, documentId) => this.scopeOf(peerId)?.kind !== "renderer" && this.allows(peerId, documentId),
      access: async (peerId, documentId) => this.allows(peerId, documentId),
    };
  }
}
