/**
 * Scenario 2 — live edit, screen to screen: two browser-mode pages in Chromium, an edit
 * typed in one until it is rendered in the other. Goal p50 ≤ 50 ms, p99 ≤ 150 ms.
 *
 * SLOT — NOT MEASURED YET. The meeting UI is still being built; the lead adds this
 * scenario once typing in one page and seeing it in the other works end to end. Until
 * then the row says "not measured yet" and carries no number.
 */
import { type BenchConfig, type ScenarioResult } from "../lib/result";

export async function liveScreenToScreen(cfg: BenchConfig): Promise<ScenarioResult[]> {
  cfg.log("  not measured yet (slot kept for the lead; see bench/scenarios/live-screen.ts)");
  return [
    {
      name: "2. Live edit, screen to screen",
      value: null,
      unit: "ms",
      goal: "p50 ≤ 50 ms, p99 ≤ 150 ms",
      baseline: null,
      ratio: null,
      pass: null,
      notes: "not measured yet: the meeting UI is being built; the lead adds this scenario (bench/scenarios/live-screen.ts)",
    },
  ];
}
