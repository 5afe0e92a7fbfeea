/**
 * Scenario 8 — the account at any moment: open the account as it was at a point of its
 * 2,000-entry timeline (the cached account of scenario 7a), the way the window does when
 * "Open the account as it was before this" is clicked: the heads of that point from the
 * open account's `TimelineReader` (already read, as when the timeline is on screen), then
 * `accountAt` — the document viewed at those heads and checked. Twenty points spread over
 * the whole year, oldest to newest.
 *
 * Baseline: opening the same account as it is now, in the same process — `Automerge.load`
 * of its bytes and `checkAccount` (what opening any account costs before its first screen).
 */
import { readFile } from "node:fs/promises";
import * as A from "@automerge/automerge";
import { accountAt, checkAccount, commitmentsOf, TimelineReader, type AccountDoc } from "../../shared";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { distribution, round } from "../lib/stats";
import { ensureTimelineSet } from "./named";

const dist = (samples: number[]) => {
  const d = distribution(samples);
  return { n: d.n, min: round(d.min), p50: round(d.p50), p90: round(d.p90), p99: round(d.p99), max: round(d.max) };
};

export async function history(cfg: BenchConfig): Promise<ScenarioResult[]> {
  const set = await ensureTimelineSet(cfg.log);
  const bytes = new Uint8Array(await readFile(set.bytesFile));
  const doc = A.load<AccountDoc>(bytes);
  const reader = new TimelineReader();
  const entries = reader.read(doc);
  const points = cfg.quick ? 10 : 20;
  const picked = Array.from({ length: points }, (_, i) => entries[Math.floor(((i + 0.5) * entries.length) / points)]!);
  const name = `8. Open an account as it was, ${entries.length.toLocaleString("en-US")}-entry timeline`;
  cfg.log(`  ${String(points)} points of ${String(entries.length)} entries (${String(set.changes)} changes); accountAt vs load + check of the account now…`);
  const open: number[] = [];
  const now: number[] = [];
  let commitments = 0;
  for (let round_ = -1; round_ < 2; round_++) {
    for (const entry of picked) {
      let t0 = performance.now();
      const heads = reader.pointOf(doc, entry.id, "before");
      const past = heads && accountAt(doc, heads);
      if (!past) throw new Error(`no point before ${entry.id}`);
      commitments = commitmentsOf(past.account).length; // the first screen's query
      const ms = performance.now() - t0;
      t0 = performance.now();
      const loaded = A.load<AccountDoc>(bytes);
      commitmentsOf(checkAccount(loaded).account);
      const nowMs = performance.now() - t0;
      if (round_ < 0) continue; // warm-up
      open.push(ms);
      now.push(nowMs);
    }
  }
  const value = distribution(open).p50;
  return [
    row({
      name,
      value: round(value, 2),
      unit: "ms",
      goal: "≤ 100 ms",
      baseline: round(distribution(now).p50, 2),
      baselineIs: "opening the same account as it is now: Automerge.load of its bytes + checkAccount + the commitments query",
      pass: distribution(open).p90 <= 100,
      distribution: dist(open),
      baselineDistribution: dist(now),
      notes: `median of ${String(open.length)} opens at ${String(points)} points spread over the timeline (pass on p90); the heads from the open account's TimelineReader, then accountAt (view at the heads + checkAccount) and the commitments query; the last point holds ${String(commitments)} commitments`,
      details: { entries: entries.length, changes: set.changes, documentBytes: bytes.byteLength, p90Ms: round(distribution(open).p90, 2) },
    }),
  ];
}
