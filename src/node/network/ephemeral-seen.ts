/**
 * Why: automerge-repo relays an ephemeral message (presence, live edits) from peer to
 * peer. Our listener and link client take a relayed message as coming from the neighbour
 * that sent it (its senderId names the originator, whom the access rules do not know), which
 * also changes automerge-repo's duplicate check (per sender and session). So the first
 * node to relabel a message keeps the originator, its session and its count in `originId`,
 * `originSessionId` and `originCount` (relays pass unknown fields on), and each node
 * remembers which originals it has already let in and drops a second copy: with three nodes
 * linked in a ring (two laptops and the team server) a message would otherwise come in again
 * by the other way. The origin fields only feed this check; a peer lying in them can at worst
 * hide its own messages.
 *
 * Memory: automerge-repo's NetworkSubsystem keeps the highest count it saw per
 * (sender, session) in a private map it never prunes, and each window's Repo does the same
 * for what its node forwards. A peer sending each message under a fresh session id grew a
 * node by hundreds of MiB a minute, and that memory stayed after it left. So before a
 * message reaches the Repo its session becomes one per process ({@link RELAYED_SESSION})
 * and its count a number that only grows in this process: automerge-repo then keeps one
 * entry per neighbour, and this module's own record of originals is bounded.
 */

/** Originals seen, per receiving node (a process can hold several nodes, e.g. in tests). */
const seenByNode = new Map<string, Map<string, true>>();

/** How many originals a node remembers (oldest forgotten first). */
export const EPHEMERAL_SEEN_LIMIT = 4096;

/** The session every relabelled ephemeral message carries towards the Repo. */
export const RELAYED_SESSION = "baton-relayed";

const MAX_ORIGIN_ID_LENGTH = 256;
const MAX_SESSION_ID_LENGTH = 128;

/** Who first sent an ephemeral message, under which session, with which count. */
export interface EphemeralOriginal {
  originId: string;
  originSessionId: string;
  originCount: number;
}

let relayedCount = 0;

/**
 * The original of an ephemeral message as it arrived: the origin fields a relay kept, when
 * all three are well-formed, else the message's own sender, session and count (null when
 * those are not well-formed either).
 */
export function originalOf(raw: Record<string, unknown>): EphemeralOriginal | null {
  const { originId, originSessionId, originCount } = raw;
  if (isId(originId, MAX_ORIGIN_ID_LENGTH) && isId(originSessionId, MAX_SESSION_ID_LENGTH) && isCount(originCount)) {
    return { originId, originSessionId, originCount };
  }
  const { senderId, sessionId, count } = raw;
  if (isId(senderId, MAX_ORIGIN_ID_LENGTH) && isId(sessionId, MAX_SESSION_ID_LENGTH) && isCount(count)) {
    return { originId: senderId, originSessionId: sessionId, originCount: count };
  }
  return null;
}

/** True the first time node `nodePeerId` receives this original ephemeral message; false for a copy. */
export function firstSight(nodePeerId: string, original: EphemeralOriginal): boolean {
  let seen = seenByNode.get(nodePeerId);
  if (!seen) {
    seen = new Map();
    seenByNode.set(nodePeerId, seen);
  }
  const key = `${original.originId}\u0000${original.originSessionId}\u0000${original.originCount}`;
  if (seen.has(key)) return false;
  seen.set(key, true);
  if (seen.size > EPHEMERAL_SEEN_LIMIT) seen.delete(seen.keys().next().value!);
  return true;
}

/**
 * Give a message that is let in its original (for the next node's duplicate check) and the
 * one relayed session with the next count of this process (for automerge-repo's).
 */
export function relabel(message: Record<string, unknown>, original: EphemeralOriginal): void {
  message["originId"] = original.originId;
  message["originSessionId"] = original.originSessionId;
  message["originCount"] = original.originCount;
  message["sessionId"] = RELAYED_SESSION;
  message["count"] = ++relayedCount;
}

function isId(value: unknown, max: number): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= max;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
