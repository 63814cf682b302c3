import { beijingTime } from '../time';

/*
 * The time ranges of the 告警统计 pages (district and city): today, the last 7 and 30 days, as whole
 * Beijing-time days, and every hour/day bucket of a range — also the empty ones, which the servers
 * leave out — in the servers' bucket keys (`YYYY-MM-DD HH:00`, `YYYY-MM-DD`, Beijing time).
 */
const DAY = 86_400_000;
export type Bucket = 'hour' | 'day';
export const STATS_RANGES = [
  { key: 'today', label: '今天', bucket: 'hour' as Bucket },
  { key: '7d', label: '近 7 天', bucket: 'day' as Bucket },
  { key: '30d', label: '近 30 天', bucket: 'day' as Bucket },
];

/** midnight of today in Beijing time, as an instant */
export function beijingMidnight(now: Date): Date {
  const day = beijingTime(now.toISOString()).slice(0, 10);
  return new Date(`${day}T00:00:00+08:00`);
}

/** [from, to) of a range key, ending at the end of today (Beijing time) */
export function statsRange(key: string, now = new Date()): { from: Date; to: Date } {
  const midnight = beijingMidnight(now);
  const from = key === 'today' ? midnight : new Date(midnight.getTime() - (key === '7d' ? 6 : 29) * DAY);
  return { from, to: new Date(midnight.getTime() + DAY) };
}

/** every bucket key of [from, to), at most a month of hours */
export function bucketKeys(from: string, to: string, bucket: Bucket): string[] {
  const out: string[] = [];
  const step = bucket === 'hour' ? 3_600_000 : DAY;
  for (let t = Date.parse(from); t < Date.parse(to) && out.length < 24 * 31; t += step) {
    const at = beijingTime(new Date(t).toISOString());
    out.push(bucket === 'hour' ? `${at.slice(0, 13)}:00` : at.slice(0, 10));
  }
  return out;
}
