import { EntityManager } from 'typeorm';
import { EvalSample } from '../alerting';
import { bucketStart } from './performance/time-buckets';

const CHUNK = 1000;

export class SampleRepository {
  constructor(private readonly db: EntityManager) {}

  /**
   * Stores samples and marks their 5-minute buckets dirty in the same transaction (run it in a unit),
   * so a bucket is
   * never left out of the rollups. The dirty row's seq moves on every mark: the rollup job only
   * clears the mark it has read, and a bucket that got samples meanwhile is computed again.
   */
  async insert(samples: EvalSample[], now: Date): Promise<void> {
    if (!samples.length) return;
    const buckets = [...new Set(samples.map((s) => bucketStart('5m', s.sampledAt).getTime()))].sort((a, b) => a - b);
    for (let i = 0; i < samples.length; i += CHUNK) {
      const chunk = samples.slice(i, i + CHUNK);
      await this.db.query(
        `INSERT INTO perf_sample (resource_id, sub_resource_id, metric, value, unit, sampled_at, inserted_at) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?)').join(',')}`,
        chunk.flatMap((s) => [s.resourceId, s.subResourceId, s.metric, s.value, s.unit, s.sampledAt, now]),
      );
    }
    // last statement: the hot dirty row is locked only until the commit right after it
    await this.db.query(
      `INSERT INTO perf_rollup_dirty (bucket_start, seq, marked_at) VALUES ${buckets.map(() => '(?,1,?)').join(',')} ON DUPLICATE KEY UPDATE seq = seq + 1, marked_at = VALUES(marked_at)`,
      buckets.flatMap((b) => [new Date(b), now]),
    );
  }

  async search(f: { resourceId?: string; metric?: string; from?: Date; to?: Date; limit: number }): Promise<Record<string, unknown>[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.resourceId) {
      where.push('resource_id = ?');
      params.push(f.resourceId);
    }
    if (f.metric) {
      where.push('metric = ?');
      params.push(f.metric);
    }
    if (f.from) {
      where.push('sampled_at >= ?');
      params.push(f.from);
    }
    if (f.to) {
      where.push('sampled_at < ?');
      params.push(f.to);
    }
    return (await this.db.query(
      `SELECT id, resource_id AS resourceId, sub_resource_id AS subResourceId, metric, value, unit, sampled_at AS sampledAt FROM perf_sample ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${Math.min(10_000, Math.max(1, f.limit))}`,
      params,
    )) as Record<string, unknown>[];
  }

  /**
   * The latest value of every series of a resource sampled since `since`: latest by sampling time (a
   * late or backfilled sample does not become the current value), the last received among equals.
   */
  async latest(resourceId: string, since: Date): Promise<Record<string, unknown>[]> {
    return (await this.db.query(
      `SELECT resourceId, subResourceId, metric, value, unit, sampledAt FROM (
         SELECT resource_id AS resourceId, sub_resource_id AS subResourceId, metric, value, unit, sampled_at AS sampledAt,
                ROW_NUMBER() OVER (PARTITION BY metric, sub_resource_id ORDER BY sampled_at DESC, id DESC) AS rn
         FROM perf_sample WHERE resource_id = ? AND sampled_at >= ?) l
       WHERE rn = 1 ORDER BY metric, subResourceId`,
      [resourceId, since],
    )) as Record<string, unknown>[];
  }

  // ---- the PERFORMANCE report (samples are append-only: its watermark is the last sample id sent)

  /** The highest sample id inserted up to `upper` (0 when none). */
  async maxIdInsertedBy(upper: Date): Promise<number> {
    const [{ maxId }] = (await this.db.query('SELECT COALESCE(MAX(id), 0) AS maxId FROM perf_sample WHERE inserted_at <= ?', [upper])) as { maxId: string }[];
    return Number(maxId);
  }

  /**
   * The latest sample of every series sampled since `since`, among ids up to `maxId`: latest by
   * sampled_at (a late or backfilled sample does not become the current value), the last received
   * among equals — the same rule as `latest`.
   */
  async latestPerSeries(maxId: number, since: Date): Promise<Record<string, unknown>[]> {
    return (await this.db.query(
      `SELECT l.* FROM (
         SELECT p.*, ROW_NUMBER() OVER (PARTITION BY resource_id, sub_resource_id, metric ORDER BY sampled_at DESC, id DESC) AS rn
         FROM perf_sample p WHERE id <= ? AND sampled_at >= ?) l
       WHERE l.rn = 1 ORDER BY l.id`,
      [maxId, since],
    )) as Record<string, unknown>[];
  }

  /** Samples with lo < id <= hi, in id order. */
  async idRange(lo: number, hi: number): Promise<Record<string, unknown>[]> {
    return (await this.db.query('SELECT * FROM perf_sample WHERE id > ? AND id <= ? ORDER BY id', [lo, hi])) as Record<string, unknown>[];
  }

  // ---- retention

  /** Whether this metric was ever sampled (of this resource, when given) and is still kept. */
  async hasMetric(metric: string, resourceId?: string): Promise<boolean> {
    const rows = (await (resourceId
      ? this.db.query('SELECT 1 AS x FROM perf_sample WHERE resource_id = ? AND metric = ? LIMIT 1', [resourceId, metric])
      : this.db.query('SELECT 1 AS x FROM perf_sample WHERE metric = ? LIMIT 1', [metric]))) as unknown[];
    return rows.length > 0;
  }

  async oldestSampledAt(): Promise<Date | null> {
    const [{ oldest }] = (await this.db.query('SELECT MIN(sampled_at) AS oldest FROM perf_sample')) as { oldest: Date | null }[];
    return oldest;
  }

  /** One batch of samples taken before `before`; returns how many went. */
  async purgeBefore(before: Date, limit: number): Promise<number> {
    const r = (await this.db.query(`DELETE FROM perf_sample WHERE sampled_at < ? LIMIT ${limit}`, [before])) as { affectedRows: number };
    return r.affectedRows;
  }
}
