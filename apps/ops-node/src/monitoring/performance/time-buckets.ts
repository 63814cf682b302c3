/**
 * Time buckets of the performance store. Every calendar boundary (day, ISO week, month, quarter) is
 * taken in China Standard Time (+08:00, no daylight saving), which is also the wall clock the DB
 * DATETIME columns hold.
 */
export const RESOLUTIONS = ['raw', '5m', '1h', '1d'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export type RollupResolution = Exclude<Resolution, 'raw'>;
export const ROLLUP_RESOLUTIONS: readonly RollupResolution[] = ['5m', '1h', '1d'];

export const PERIODS = ['week', 'month', 'quarter'] as const;
export type Period = (typeof PERIODS)[number];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const CST_OFFSET = 8 * HOUR;

export const BUCKET_MS: Record<RollupResolution, number> = { '5m': 5 * MIN, '1h': HOUR, '1d': DAY };

/** Start of the bucket of the given resolution that contains `t`. */
export function bucketStart(res: RollupResolution, t: Date | number): Date {
  const ms = typeof t === 'number' ? t : t.getTime();
  const size = BUCKET_MS[res];
  // 5 min and 1 h buckets line up in any whole-hour zone; days must be shifted to +08:00 midnight
  const shift = res === '1d' ? CST_OFFSET : 0;
  return new Date(Math.floor((ms + shift) / size) * size - shift);
}

export function bucketEnd(res: RollupResolution, start: Date): Date {
  return new Date(start.getTime() + BUCKET_MS[res]);
}

/** The parent bucket a finer one rolls into (5m → 1h → 1d). */
export function parentResolution(res: RollupResolution): RollupResolution | undefined {
  switch (res) {
    case '5m':
      return '1h';
    case '1h':
      return '1d';
    case '1d':
      return undefined;
  }
}

/** Resolution a chart of this range should use: roughly 50–2000 points per series. */
export function autoResolution(from: Date, to: Date): Resolution {
  const span = to.getTime() - from.getTime();
  if (span <= 6 * HOUR) return 'raw';
  if (span <= 3 * DAY) return '5m';
  if (span <= 62 * DAY) return '1h';
  return '1d';
}

/** Calendar fields of a moment in +08:00. */
function cst(t: Date): { y: number; m: number; d: number; dow: number } {
  const s = new Date(t.getTime() + CST_OFFSET);
  return { y: s.getUTCFullYear(), m: s.getUTCMonth(), d: s.getUTCDate(), dow: (s.getUTCDay() + 6) % 7 };
}

const cstMidnight = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d) - CST_OFFSET);

/** The week (Monday 00:00), month or quarter containing `t`, as [start, end) and a label. */
export function periodOf(period: Period, t: Date): { start: Date; end: Date; label: string } {
  const { y, m, d, dow } = cst(t);
  switch (period) {
    case 'week': {
      const start = cstMidnight(y, m, d - dow);
      const end = cstMidnight(y, m, d - dow + 7);
      return { start, end, label: isoWeekLabel(start) };
    }
    case 'month':
      return { start: cstMidnight(y, m, 1), end: cstMidnight(y, m + 1, 1), label: `${y}-${String(m + 1).padStart(2, '0')}` };
    case 'quarter': {
      const q = Math.floor(m / 3);
      return { start: cstMidnight(y, q * 3, 1), end: cstMidnight(y, q * 3 + 3, 1), label: `${y}-Q${q + 1}` };
    }
  }
}

/** ISO 8601 week label (2026-W47) of a Monday in +08:00. */
function isoWeekLabel(monday: Date): string {
  const { y, m, d } = cst(monday);
  const thursday = new Date(Date.UTC(y, m, d + 3));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Every period that overlaps [from, to), in order. */
export function periodsBetween(period: Period, from: Date, to: Date): { start: Date; end: Date; label: string }[] {
  const out: { start: Date; end: Date; label: string }[] = [];
  for (let p = periodOf(period, from); p.start < to; p = periodOf(period, p.end)) out.push(p);
  return out;
}

/** min/max/sum/count: the shape that merges exactly, so any average over any range is sum / count. */
export interface Agg {
  min: number;
  max: number;
  sum: number;
  count: number;
}

export function mergeAgg(a: Agg | undefined, b: Agg): Agg {
  if (!a) return { ...b };
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), sum: a.sum + b.sum, count: a.count + b.count };
}
