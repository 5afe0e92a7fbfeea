/** The sync status in words: this device's node, then each peer link (pure, unit-tested). */
import type { PeerLink } from "../../../shared/api";

export type Tone = "ok" | "busy" | "warn" | "off";

export interface Phrase {
  text: string;
  tone: Tone;
}

export function localPhrase(nodeConnected: boolean, unsaved: boolean | null): Phrase {
  if (!nodeConnected) {
    return unsaved
      ? { text: "Not saved: this device's sync node is not connected", tone: "warn" }
      : { text: "Not connected to this device's sync node", tone: "warn" };
  }
  if (unsaved) return { text: "Saving…", tone: "busy" };
  return { text: "All changes saved", tone: "ok" };
}

function withProblem(text: string, problem: string | undefined): string {
  return problem ? `${text} (${problem})` : text;
}

export function linkPhrase(link: PeerLink): Phrase {
  if (link.kind === "team-server") {
    switch (link.state) {
      case "connected":
        return link.synced ? { text: "Team server: synced", tone: "ok" } : { text: "Team server: syncing", tone: "busy" };
      case "connecting":
        return { text: "Team server: connecting…", tone: "busy" };
      case "refused":
        return { text: withProblem("Team server: refused", link.problem), tone: "warn" };
      case "offline":
        return { text: withProblem("Team server: unreachable", link.problem), tone: "warn" };
    }
  }
  switch (link.state) {
    case "connected":
      return { text: `In meeting with ${link.label}`, tone: link.synced ? "ok" : "busy" };
    case "connecting":
      return { text: `Meeting: connecting to ${link.label}…`, tone: "busy" };
    case "refused":
      return { text: withProblem(`Meeting: ${link.label} refused the connection`, link.problem), tone: "warn" };
    case "offline":
      return { text: withProblem(`Meeting: ${link.label} is unreachable`, link.problem), tone: "warn" };
  }
}

export function peerPhrases(links: readonly PeerLink[]): Phrase[] {
  if (links.length === 0) return [{ text: "Offline", tone: "off" }];
  return links.map(linkPhrase);
}
