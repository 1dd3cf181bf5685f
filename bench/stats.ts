/** Small numeric summaries for the benchmark's figures. */

/** The nearest-rank percentile (p in 0..100) of `values`; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export type Spread = { count: number; p50: number; p99: number; max: number };

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { count: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  return {
    count: values.length,
    p50: round(percentile(values, 50), 1),
    p99: round(percentile(values, 99), 1),
    max: round(values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY), 1),
  };
}

export function perSecond(count: number, ms: number): number {
  return ms > 0 ? Math.round((count * 1000) / ms) : 0;
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
