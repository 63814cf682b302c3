export interface Percentiles {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a sample (ms); zeros for an empty sample. */
export function percentiles(values: number[]): Percentiles {
  const v = [...values].sort((a, b) => a - b);
  const at = (p: number) => (v.length === 0 ? 0 : v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)]);
  return { n: v.length, p50: at(50), p90: at(90), p99: at(99), max: v.length ? v[v.length - 1] : 0 };
}

export function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
