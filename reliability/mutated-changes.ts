/**
 * How often does Automerge accept a corrupted change? `npx tsx reliability/mutated-changes.ts [--tries 3000] [--seed S]`
 *
 * Takes a real change, flips 1–3 random bits, and applies it to the document it came from.
 * Counts: rejected (what we want), accepted as a no-op, and accepted as a *new, different*
 * change (new heads) — a corrupted change that any write path (a sync message, a live
 * edit) would let into a document. Why it matters: the bad-peer fuzz sends exactly such
 * frames (docs/RELIABILITY.md, bad peers). Also counts how many of those Baton's checksum
 * check (src/node/network/change-integrity.ts), which every listener runs before Automerge,
 * lets through: it must be none.
 */
import * as A from "@automerge/automerge";
import { arg } from "./lib/args";
import { chunksAreIntact } from "../src/node/network/change-integrity";
import { Rng, seedFrom } from "./lib/prng";

const tries = Number(arg("tries", "3000"));
const seed = Number(arg("seed", String(seedFrom("BATON_MUTATE_SEED"))));
const rng = new Rng(seed);
let doc = A.from<{ items: Record<string, { text: string; n: number }> }>({ items: {} });
for (let i = 0; i < 5; i++) doc = A.change(doc, (d) => void (d.items[`i${i}`] = { text: `hello world ${i}`, n: i }));
const original = A.getLastLocalChange(doc)!;
const saved = A.save(doc);
let rejected = 0;
let noop = 0;
let accepted = 0;
let brokeLaterChange = 0;
let damagedPassedCheck = 0;
let damaged = 0;
const examples: string[] = [];
for (let t = 0; t < tries; t++) {
  const bytes = new Uint8Array(original);
  for (let f = 0; f <= t % 3; f++) {
    const at = rng.int(bytes.length);
    bytes[at] = bytes[at]! ^ (1 << rng.int(8));
  }
  if (bytes.some((b, i) => b !== original[i])) {
    damaged++;
    if (chunksAreIntact(bytes)) damagedPassedCheck++;
  }
  const base = A.load<typeof doc extends A.Doc<infer T> ? T : never>(saved);
  let next: A.Doc<unknown>;
  try {
    [next] = A.applyChanges(base, [bytes]);
  } catch {
    rejected++;
    continue;
  }
  if (A.getHeads(next).join() === A.getHeads(base).join()) {
    noop++;
    continue;
  }
  accepted++;
  if (examples.length < 3) examples.push(`change ${A.decodeChange(bytes).hash.slice(0, 12)}… (actor ${A.decodeChange(bytes).actor.slice(0, 8)}…, seq ${A.decodeChange(bytes).seq}) accepted next to the original ${A.decodeChange(original).hash.slice(0, 12)}…`);
  try {
    A.change(next as A.Doc<Record<string, unknown>>, (d) => void (d.after = true));
  } catch {
    brokeLaterChange++;
  }
}
console.log(`mutated-changes: seed ${seed}, ${tries} corrupted copies of one change: ${rejected} rejected, ${noop} accepted as no-ops, ${accepted} accepted as NEW changes (${brokeLaterChange} of which broke the next local change)`);
for (const e of examples) console.log(`  ${e}`);
console.log(`Baton's checksum check: ${damaged - damagedPassedCheck} of ${damaged} damaged copies refused, ${damagedPassedCheck} let through`);
if (damagedPassedCheck > 0) process.exitCode = 1;
