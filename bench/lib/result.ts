/** One row of the bench table and of bench/results.json. */
export interface ScenarioResult {
  name: string;
  /** Baton's figure; null when not measured. */
  value: number | null;
  unit: string;
  /** The goal in words, e.g. "≤ 5 ms"; "—" for an informational row. */
  goal: string;
  /** The same measurement with the baseline, in the same run. */
  baseline: number | null;
  /** value / baseline (below 1: Baton needs less than the baseline). */
  ratio: number | null;
  /** null when the row has no goal or was not measured. */
  pass: boolean | null;
  /** The baseline stopped early: its figure is a lower bound (shown as "≥"). */
  baselineLowerBound?: boolean;
  /** What the baseline is. */
  baselineIs?: string;
  /** Distribution of Baton's samples and the baseline's, where the figure is one. */
  distribution?: Record<string, number>;
  baselineDistribution?: Record<string, number>;
  notes?: string;
  details?: Record<string, number | string>;
}

export function row(r: Omit<ScenarioResult, "ratio"> & { ratio?: number | null }): ScenarioResult {
  const ratio = r.ratio !== undefined ? r.ratio : r.value !== null && r.baseline !== null && r.baseline !== 0 ? r.value / r.baseline : null;
  return { ...r, ratio };
}

/** The bench's run-wide settings. */
export interface BenchConfig {
  quick: boolean;
  /** Extra flags for every child node process (e.g. --cpu-prof). */
  nodeArgs: string[];
  /** Where CPU profiles go (--profile), or null. */
  profileDir: string | null;
  /** Also run diagnostic variants (e.g. scenario 1 with the node's live handler attached by the bench). */
  diagnose: boolean;
  log: (line: string) => void;
}
