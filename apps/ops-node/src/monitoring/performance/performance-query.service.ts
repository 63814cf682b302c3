import { Clock } from '@app/common';
import { Injectable } from '@nestjs/common';
import { BucketAgg, RollupRepository, SeriesFilter } from './rollup.repository';
import { Agg, autoResolution, bucketStart, mergeAgg, Period, periodsBetween, Resolution, RollupResolution } from './time-buckets';

const MAX_RAW_POINTS = 20_000;
const round = (v: number) => Math.round(v * 1e6) / 1e6;

export interface SeriesPoint {
  t: Date;
  avg: number;
  min: number;
  max: number;
  count: number;
}

/**
 * Reads performance data at the resolution a range needs. Rolled-up buckets come from perf_rollup;
 * the part after the rollup horizon (not rolled up yet: the open bucket, late samples) is computed
 * from finer data on the fly, so every answer is exact and current.
 */
@Injectable()
export class PerformanceQueryService {
  constructor(
    private readonly rollups: RollupRepository,
    private readonly clock: Clock,
  ) {}

  async series(f: SeriesFilter, from: Date, to: Date, requested: Resolution | 'auto') {
    const resolution = requested === 'auto' ? autoResolution(from, to) : requested;
    const unit = await this.rollups.unitOf(f);
    if (resolution === 'raw') {
      const rows = await this.rollups.readRaw(f, from, to, MAX_RAW_POINTS);
      return {
        resolution,
        unit,
        truncated: rows.length === MAX_RAW_POINTS,
        points: rows.map((r) => ({ t: r.t, value: r.value, resourceId: r.resourceId, subResourceId: r.subResourceId })),
      };
    }
    const buckets = await this.buckets(resolution, f, from, to);
    return { resolution, unit, truncated: false, points: buckets.map(toPoint) };
  }

  /** Exact min/max/avg/count of every week, month or quarter overlapping the range (avg = sum / count). */
  async summary(f: SeriesFilter, period: Period, from: Date, to: Date) {
    const periods = periodsBetween(period, from, to);
    if (!periods.length) return { period, unit: null, periods: [] };
    const days = await this.buckets('1d', f, periods[0].start, periods[periods.length - 1].end);
    const unit = await this.rollups.unitOf(f);
    return {
      period,
      unit,
      periods: periods.map((p) => {
        let agg: Agg | undefined;
        for (const d of days) if (d.t >= p.start.getTime() && d.t < p.end.getTime()) agg = mergeAgg(agg, d);
        return {
          label: p.label,
          start: p.start,
          end: p.end,
          count: agg?.count ?? 0,
          avg: agg && agg.count ? round(agg.sum / agg.count) : null,
          min: agg?.min ?? null,
          max: agg?.max ?? null,
          sum: agg?.sum ?? 0,
        };
      }),
    };
  }

  /** Buckets of `res` over [floor(from), to): stored rollups before the horizon, finer data after it. */
  async buckets(res: RollupResolution, f: SeriesFilter, from: Date, to: Date): Promise<BucketAgg[]> {
    const start = bucketStart(res, from);
    const horizon = await this.rollups.horizon(this.clock.now());
    const stored = new Date(Math.min(to.getTime(), bucketStart(res, horizon).getTime()));
    const out = new Map<number, Agg>();
    const add = (list: BucketAgg[]) => {
      for (const b of list) {
        const k = bucketStart(res, b.t).getTime();
        out.set(k, mergeAgg(out.get(k), b));
      }
    };
    if (start < stored) add(await this.rollups.read(res, f, start, stored));
    const fiveFrom = new Date(Math.max(start.getTime(), stored.getTime()));
    const fiveTo = new Date(Math.min(to.getTime(), horizon.getTime()));
    if (res !== '5m' && fiveFrom < fiveTo) add(await this.rollups.read('5m', f, fiveFrom, fiveTo));
    const rawFrom = new Date(Math.max(start.getTime(), horizon.getTime()));
    if (rawFrom < to) add(await this.rollups.readRaw5m(f, rawFrom, to));
    return [...out].sort((a, b) => a[0] - b[0]).map(([t, a]) => ({ t, ...a }));
  }
}

function toPoint(b: BucketAgg): SeriesPoint {
  return { t: new Date(b.t), avg: round(b.sum / b.count), min: b.min, max: b.max, count: b.count };
}
