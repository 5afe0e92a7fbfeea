/**
 * Warming Automerge's engine before it is needed.
 *
 * V8 first runs a wasm module with quickly made, slow code, and compiles a function again,
 * fast, only once it has done enough work. Automerge is 3.6 MB of wasm, so right after a
 * start each of its functions ran several times slower than a minute later: a sync node's
 * first ~60 live edits in a meeting took 0.2–0.4 s each to reach the other laptop instead
 * of ~10 ms, and its first account loads were as slow. The compiled code belongs to the
 * module, not to the thread running it, so a worker that goes through the same work once
 * warms it for the thread that serves people, without making anyone wait.
 *
 * `exerciseEngine` must stay self-contained — it is sent to the worker as source text and
 * may use nothing but its parameters (and no helper a bundler would add: no classes, no
 * named inner functions).
 */
import type * as Automerge from "@automerge/automerge/slim";

/**
 * Rounds after the sample is made (~1.8 s of the worker's time on a 2-core laptop). A
 * meeting's live edits reached the other node at p50 12–16 ms after 20, 17–66 ms after 8,
 * and 206–255 ms unwarmed (a meeting starting 7 s after the nodes).
 */
export const WARM_UP_ROUNDS = 20;

/**
 * Go through what opening an account, syncing it and typing in it run in Automerge, on a
 * small made-up account shaped like Baton's (maps of records with fixed strings, text,
 * lists, attributed changes): load it, diff it from nothing (as automerge-repo does when a
 * handle gets its first content), sync it to an empty replica, apply its changes, type
 * and save incrementally — `rounds` times.
 */
export function exerciseEngine(A: typeof Automerge, rounds: number): void {
  const words = "Installed and running by the agreed date with training for twelve people on site";
  type Sample = { name: string; commitments: Record<string, { id: unknown; text: string; status: unknown; due: unknown }>; timeline: { at: unknown; summary: string }[] };
  let doc = A.from<Sample>({ name: "Sample", commitments: {}, timeline: [] });
  for (let i = 0; i < 24; i++) {
    const id = `c${String(i % 8)}`;
    doc = A.change(doc, { message: JSON.stringify({ by: "warm-up", what: "Added a commitment" }), time: 1_767_600_000 + i }, (d) => {
      const c = d.commitments[id];
      if (c) A.updateText(d, ["commitments", id, "text"], `${c.text} ${words.slice(0, 10 + i)}`);
      else d.commitments[id] = { id: new A.ImmutableString(id), text: words.slice(0, 20 + i), status: new A.ImmutableString("agreed"), due: new A.ImmutableString("2026-03-02") };
      d.timeline.push({ at: new A.ImmutableString("2026-01-05T09:00:00.000Z"), summary: words });
    });
  }
  const saved = A.save(doc);
  for (let r = 0; r < rounds; r++) {
    let loaded = A.load<Sample>(saved);
    A.diff(loaded, [], A.getHeads(loaded));
    const [, message] = A.generateSyncMessage(loaded, A.initSyncState());
    if (message) A.receiveSyncMessage(A.init<Sample>(), A.initSyncState(), message);
    A.applyChanges(A.init<Sample>(), A.getAllChanges(loaded));
    loaded = A.change(loaded, (d) => A.updateText(d, ["commitments", "c0", "text"], `${words} ${String(r)}`));
    A.saveIncremental(loaded);
  }
}
