import { EntityManager } from 'typeorm';
import { Agg, bucketEnd, bucketStart, RollupResolution } from './time-buckets';

export interface SeriesFilter {
  resourceId?: string;
  /** '' = the resource itself; undefined = every sub-resource */
  subResourceId?: string;
  metric: string;
}

export interface BucketAgg extends Agg {
  t: number;
}

const UPSERT = `ON DUPLICATE KEY UPDATE min_value = VALUES(min_value), max_value = VALUES(max_value), sum_value = VALUES(sum_value), sample_count = VALUES(sample_count), computed_at = VALUES(computed_at)`;
/** a DATETIME floored to its 5-minute bucket, in SQL (wall-clock arithmetic, no time-zone conversion) */
const FLOOR_5M = `CAST(DATE_FORMAT(sampled_at, '%Y-%m-%d %H:00:00') AS DATETIME) + INTERVAL (MINUTE(sampled_at) DIV 5 * 5) MINUTE`;

function where(f: SeriesFilter, timeCol: string, params: unknown[], from: Date, to: Date): string {
  const w = ['metric = ?', `${timeCol} >= ?`, `${timeCol} < ?`];
  params.push(f.metric, from, to);
  if (f.resourceId !== undefined) {
    w.push('resource_id = ?');
    params.push(f.resourceId);
  }
  if (f.subResourceId !== undefined) {
    w.push('sub_resource_id = ?');
    params.push(f.subResourceId);
  }
  return w.join(' AND ');
}

/**
 * The rollup store (perf_rollup): min/max/sum/count per series and bucket. Every write is a
 * recomputation from the level below (raw → 5m → 1h → 1d) that replaces the bucket, so running it
 * twice, after a restart or after a late sample, gives the same numbers — nothing is ever added twice.
 */
export class RollupRepository {
  constructor(private readonly db: EntityManager) {}

  /** Dirty 5-minute buckets up to `until`, oldest first. */
  async dirty(until: Date, limit: number): Promise<{ bucket: Date; seq: number }[]> {
    const rows = (await this.db.query(`SELECT bucket_start, seq FROM perf_rollup_dirty WHERE bucket_start <= ? ORDER BY bucket_start LIMIT ${limit}`, [
      until,
    ])) as { bucket_start: Date; seq: number }[];
    return rows.map((r) => ({ bucket: r.bucket_start, seq: Number(r.seq) }));
  }

  /** Everything before this instant is rolled up (no dirty bucket earlier); later data must be read from raw. */
  async horizon(now: Date): Promise<Date> {
    const [r] = (await this.db.query('SELECT MIN(bucket_start) AS b FROM perf_rollup_dirty')) as { b: Date | null }[];
    return r.b ?? bucketEnd('5m', bucketStart('5m', now));
  }

  async markDirtyRange(from: Date, to: Date, now: Date): Promise<number> {
    const r = (await this.db.query(
      `INSERT INTO perf_rollup_dirty (bucket_start, seq, marked_at) SELECT DISTINCT ${FLOOR_5M}, 1, ? FROM perf_sample WHERE sampled_at >= ? AND sampled_at < ?
       ON DUPLICATE KEY UPDATE seq = seq + 1, marked_at = VALUES(marked_at)`,
      [now, from, to],
    )) as { affectedRows: number };
    return r.affectedRows;
  }

  async clearDirty(bucket: Date, seq: number): Promise<boolean> {
    const r = (await this.db.query('DELETE FROM perf_rollup_dirty WHERE bucket_start = ? AND seq = ?', [bucket, seq])) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  /** Recomputes one bucket of `res` from the level below. Run it in a READ COMMITTED unit: the source is read without locks, ingestion is never blocked. */
  async compute(res: RollupResolution, start: Date, now: Date): Promise<number> {
    const end = bucketEnd(res, start);
    const r = (
      res === '5m'
        ? await this.db.query(
            `INSERT INTO perf_rollup (resolution, resource_id, metric, sub_resource_id, bucket_start, min_value, max_value, sum_value, sample_count, computed_at)
           SELECT '5m', resource_id, metric, sub_resource_id, ?, MIN(value), MAX(value), SUM(value), COUNT(*), ? FROM perf_sample WHERE sampled_at >= ? AND sampled_at < ?
           GROUP BY resource_id, metric, sub_resource_id ${UPSERT}`,
            [start, now, start, end],
          )
        : await this.db.query(
            `INSERT INTO perf_rollup (resolution, resource_id, metric, sub_resource_id, bucket_start, min_value, max_value, sum_value, sample_count, computed_at)
           SELECT ?, resource_id, metric, sub_resource_id, ?, MIN(min_value), MAX(max_value), SUM(sum_value), SUM(sample_count), ? FROM perf_rollup
           WHERE resolution = ? AND bucket_start >= ? AND bucket_start < ? GROUP BY resource_id, metric, sub_resource_id ${UPSERT}`,
            [res, start, now, res === '1h' ? '5m' : '1h', start, end],
          )
    ) as { affectedRows: number };
    return r.affectedRows;
  }

  /** Stored buckets of one resolution, merged over the filter's series. */
  async read(res: RollupResolution, f: SeriesFilter, from: Date, to: Date): Promise<BucketAgg[]> {
    const params: unknown[] = [res];
    const rows = (await this.db.query(
      `SELECT bucket_start AS b, MIN(min_value) AS mn, MAX(max_value) AS mx, SUM(sum_value) AS s, SUM(sample_count) AS c FROM perf_rollup
       WHERE resolution = ? AND ${where(f, 'bucket_start', params, from, to)} GROUP BY bucket_start ORDER BY bucket_start`,
      params,
    )) as { b: Date; mn: number; mx: number; s: number; c: string }[];
    return rows.map((r) => ({ t: r.b.getTime(), min: Number(r.mn), max: Number(r.mx), sum: Number(r.s), count: Number(r.c) }));
  }

  /** Raw samples aggregated per 5-minute bucket (the part of a range that is not rolled up yet). */
  async readRaw5m(f: SeriesFilter, from: Date, to: Date): Promise<BucketAgg[]> {
    const params: unknown[] = [];
    const rows = (await this.db.query(
      `SELECT ${FLOOR_5M} AS b, MIN(value) AS mn, MAX(value) AS mx, SUM(value) AS s, COUNT(*) AS c FROM perf_sample WHERE ${where(f, 'sampled_at', params, from, to)} GROUP BY b ORDER BY b`,
      params,
    )) as { b: Date; mn: number; mx: number; s: number; c: string }[];
    return rows.map((r) => ({ t: r.b.getTime(), min: Number(r.mn), max: Number(r.mx), sum: Number(r.s), count: Number(r.c) }));
  }

  async readRaw(
    f: SeriesFilter,
    from: Date,
    to: Date,
    limit: number,
  ): Promise<{ t: Date; value: number; resourceId: string; subResourceId: string; unit: string }[]> {
    const params: unknown[] = [];
    const rows = (await this.db.query(
      `SELECT sampled_at, value, resource_id, sub_resource_id, unit FROM perf_sample WHERE ${where(f, 'sampled_at', params, from, to)} ORDER BY sampled_at LIMIT ${limit}`,
      params,
    )) as { sampled_at: Date; value: number; resource_id: string; sub_resource_id: string; unit: string }[];
    return rows.map((r) => ({ t: r.sampled_at, value: Number(r.value), resourceId: r.resource_id, subResourceId: r.sub_resource_id, unit: r.unit }));
  }

  async unitOf(f: SeriesFilter): Promise<string | null> {
    const params: unknown[] = [f.metric];
    const [r] = (await this.db.query(
      `SELECT unit FROM perf_sample WHERE metric = ?${f.resourceId !== undefined ? ' AND resource_id = ?' : ''} ORDER BY id DESC LIMIT 1`,
      f.resourceId !== undefined ? [...params, f.resourceId] : params,
    )) as { unit: string }[];
    return r?.unit ?? null;
  }

  /** Retention: one batch of buckets of `res` that start before `before`; returns how many went. */
  async purgeBefore(res: RollupResolution, before: Date, limit: number): Promise<number> {
    const r = (await this.db.query(`DELETE FROM perf_rollup WHERE resolution = '${res}' AND bucket_start < ? LIMIT ${limit}`, [before])) as {
      affectedRows: number;
    };
    return r.affectedRows;
  }
}
