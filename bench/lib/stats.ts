/** Small statistics and formatting helpers for the bench table. */

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export interface Distribution {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(samples: readonly number[]): Distribution {
  const n = samples.length;
  return {
    n,
    min: n ? Math.min(...samples) : NaN,
    p50: percentile(samples, 50),
    p90: percentile(samples, 90),
    p99: percentile(samples, 99),
    max: n ? Math.max(...samples) : NaN,
    mean: n ? samples.reduce((a, b) => a + b, 0) / n : NaN,
  };
}

/** Round to a sensible number of digits for a table cell / JSON. */
export function round(v: number, digits = 2): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function fmt(v: number | null | undefined, unit = ""): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  const abs = Math.abs(v);
  const s = abs >= 1000 ? v.toFixed(0) : abs >= 100 ? v.toFixed(0) : abs >= 10 ? v.toFixed(1) : v.toFixed(2);
  return unit ? `${s} ${unit}` : s;
}

export function mib(bytes: number): number {
  return bytes / (1024 * 1024);
}

/** A distribution rounded for results.json (n, min, p50, p90, p99, max, mean). */
export function distributionRow(samples: readonly number[]): Record<string, number> {
  const d = distribution(samples);
  return { n: d.n, min: round(d.min), p50: round(d.p50), p90: round(d.p90), p99: round(d.p99), max: round(d.max), mean: round(d.mean) };
}
