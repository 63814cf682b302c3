/**
 * Values no collector can measure: a percentage outside 0–100 (CPU −50 %, memory 130 %) or a negative
 * figure of something counted (bps, connections, latency). Pure: the ingest refuses a batch holding one.
 */
export function impossibleValue(s: { metric: string; value: number; unit: string }): string | null {
  const percent = s.unit === '%' || /\.(usage|pct|percent)$/.test(s.metric);
  if (percent && (s.value < 0 || s.value > 100)) return `百分比应在 0 到 100 之间，实际为 ${s.value}`;
  if (!percent && s.value < 0 && COUNTED.test(s.metric)) return `不能为负数，实际为 ${s.value}`;
  return null;
}

/** metrics that count or measure something that cannot be negative */
const COUNTED = /(\.bps|\.qps|\.latency|\.lag_seconds|connections|sessions|threads_connected|\.up|\.status|\.ok|\.state)$/;
