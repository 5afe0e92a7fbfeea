/**
 * A change that every replica makes identically. Automerge identifies a change by the hash
 * of its bytes: actor, sequence number, dependencies, time, message and operations. Made
 * with an actor derived from the document's heads and the change's purpose, with time 0,
 * the same function run on two laptops holding the same heads yields the same bytes — one
 * change, applied once, instead of two that conflict. Baton uses it for what every laptop
 * may do on its own at the same moment: upgrading an account's format, repairing a
 * container two laptops created apart.
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
  const twin = clone(doc, { actor: actorFor(`${purpose}\n${heads.join(",")}`) });
  const changed = change(twin, { message, time: 0 }, fn);
  const made = getLastLocalChange(changed);
  if (!made || getHeads(changed).every((h) => heads.includes(h))) return doc;
  const [next] = applyChanges(doc, [made]);
  return next;
}
