/**
 * Why: automerge-repo relays an ephemeral message (presence, live edits) from peer to
 * peer. Our listener and link client take a relayed message as coming from the neighbour
 * that sent it (its senderId names the originator, whom the access rules do not know), which
 * also changes automerge-repo's duplicate check (per sender and session). So the first
 * node to relabel a message keeps the originator in an `originId` field (relays pass unknown
 * fields on), and each node remembers which originals it has already let in — originator,
 * session and count — and drops a second copy: with three nodes linked in a ring (two
 * laptops and the team server) a message would otherwise come in again by the other way.
 * `originId` only feeds this check; a peer lying in it can at worst hide its own messages.
 */

/** Originals seen, per receiving node (a process can hold several nodes, e.g. in tests). */
const seenByNode = new Map<string, Map<string, true>>();

/** How many originals a node remembers (oldest forgotten first). */
export const EPHEMERAL_SEEN_LIMIT = 4096;

/** True the first time node `nodePeerId` receives this original ephemeral message; false for a copy. */
export function firstSight(nodePeerId: string, originSenderId: string, sessionId: string, count: number): boolean {
  let seen = seenByNode.get(nodePeerId);
  if (!seen) {
    seen = new Map();
    seenByNode.set(nodePeerId, seen);
  }
  const key = `${originSenderId}\u0000${sessionId}\u0000${count}`;
  if (seen.has(key)) return false;
  seen.set(key, true);
  if (seen.size > EPHEMERAL_SEEN_LIMIT) seen.delete(seen.keys().next().value!);
  return true;
}
