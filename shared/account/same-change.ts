/**
 * A change that every replica makes identically. Automerge identifies a change by the hash
 * of its bytes: actor, sequence number, dependencies, time, message and operations. Made
 * with time 0 and an actor derived from the document's heads, the change's purpose and
 * what the change holds, the same function run on two laptops holding the same heads
 * yields the same bytes — one change, applied once, instead of two that conflict. Baton
 * uses it for what every laptop may do on its own at the same moment: upgrading an
 * account's format, repairing a container two laptops created apart.
 *
 * What the change holds is part of the actor because two replicas that disagree (two
 * builds whose upgrade differs, or a peer who knows the scheme) must never make two
 * different changes under the same actor and sequence number: Automerge refuses the
 * second, and the two replicas would stop syncing for good. They make two changes instead.
 */
import { applyChanges, change, clone, getHeads, getLastLocalChange, type Doc } from "@automerge/automerge/slim";

/** 32 hex digits from `text` (four FNV-1a hashes with different offsets): deterministic, not secret. */
function actorFor(text: string): string {
  let out = "";
  for (const seed of [0x811c9dc5, 0x01000193, 0x5bd1e995, 0x27d4eb2f]) {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}

/**
 * `doc` after `fn`, made as the change every replica with the same heads makes for the
 * same `purpose`. Returns `doc` unchanged when `fn` changes nothing.
 */
export function sameChangeEverywhere<T>(doc: Doc<T>, purpose: string, message: string, fn: (d: T) => void): Doc<T> {
  const heads = [...getHeads(doc)].sort();
  // First with a placeholder actor, to learn what the change holds…
  const probe = getLastLocalChange(change(clone(doc, { actor: PLACEHOLDER }), { message, time: 0 }, fn));
  if (!probe) return doc;
  // …then as its own actor: from the heads, the purpose and those bytes.
  const twin = clone(doc, { actor: actorFor(`${purpose}\n${heads.join(",")}\n${hexOf(probe)}`) });
  const made = getLastLocalChange(change(twin, { message, time: 0 }, fn));
  if (!made) return doc;
  const [next] = applyChanges(doc, [made]);
  return next;
}

/** The actor of the probe: never one of a real change. */
const PLACEHOLDER = "ba70ba70ba70ba70ba70ba70ba70ba70";

function hexOf(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}
