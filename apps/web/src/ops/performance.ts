import { beijingTime } from '@web/shared/time';
import type { Schemas } from './api';

export type RawPoint = Schemas['RawPointDto'];
export type AggregatePoint = Schemas['AggregatePointDto'];
export type Series = Schemas['RawSeriesDto'] | Schemas['AggregateSeriesDto'];

const HOUR = 3_600_000;
/** 时间范围 presets of 性能监管 */
export const RANGES = [
  { key: '1h', label: '近 1 小时', ms: HOUR },
  { key: '24h', label: '近 24 小时', ms: 24 * HOUR },
  { key: '7d', label: '近 7 天', ms: 7 * 24 * HOUR },
  { key: '30d', label: '近 30 天', ms: 30 * 24 * HOUR },
  { key: '90d', label: '近 90 天', ms: 90 * 24 * HOUR },
] as const;
export type RangeKey = (typeof RANGES)[number]['key'];

export const RESOLUTION_LABEL: Record<string, string> = { auto: '自动', raw: '原始数据', '5m': '5 分钟', '1h': '1 小时', '1d': '1 天' };
export const PERIOD_LABEL: Record<'week' | 'month' | 'quarter', string> = { week: '周', month: '月', quarter: '季度' };

export const isRaw = (s: Series): s is Schemas['RawSeriesDto'] => s.resolution === 'raw';

/** The numbers beside the chart: over the points shown, weighted by the samples each aggregate holds. */
export function seriesStats(s: Series): { count: number; avg: number | null; min: number | null; max: number | null } {
  if (isRaw(s)) {
    const v = s.points.map((p) => p.value);
    if (!v.length) return { count: 0, avg: null, min: null, max: null };
    return { count: v.length, avg: v.reduce((a, b) => a + b, 0) / v.length, min: Math.min(...v), max: Math.max(...v) };
  }
  const pts = s.points.filter((p) => p.count > 0);
  const count = pts.reduce((a, p) => a + p.count, 0);
  if (!count) return { count: 0, avg: null, min: null, max: null };
  return {
    count,
    avg: pts.reduce((a, p) => a + (p.avg ?? 0) * p.count, 0) / count,
    min: Math.min(...pts.map((p) => p.min ?? Infinity)),
    max: Math.max(...pts.map((p) => p.max ?? -Infinity)),
  };
}

/** The effective sampling interval of a resource's metric: exact, then the resource's, then the metric's, then the default. */
export function effectiveInterval(list: Schemas['IntervalListDto'], resourceId: string, metric: string): { seconds: number; from: string } {
  const find = (r: string, m: string) => list.settings.find((x) => x.resourceId === r && x.metric === m);
  const hit = find(resourceId, metric) ?? find(resourceId, '') ?? find('', metric);
  if (!hit) return { seconds: list.defaultSeconds, from: '默认' };
  const from = hit.resourceId && hit.metric ? '本资源本指标' : hit.resourceId ? '本资源全部指标' : '全部资源本指标';
  return { seconds: hit.intervalSeconds, from };
}

/** `12-03 16:54` in Beijing time for an axis label */
export const axisTime = (ms: number) => beijingTime(new Date(ms).toISOString()).slice(5, 16);
export const round = (v: number | null | undefined, digits = 2) =>
  v == null || !Number.isFinite(v) ? '—' : String(Math.round(v * 10 ** digits) / 10 ** digits);
