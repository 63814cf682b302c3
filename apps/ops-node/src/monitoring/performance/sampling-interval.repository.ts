import { EntityManager } from 'typeorm';
import { IntervalSetting } from './sampling-intervals';

/** Operator-set sampling intervals (采集间隔) per resource, per metric or per both. */
export class SamplingIntervalRepository {
  constructor(private readonly db: EntityManager) {}

  async list(): Promise<(IntervalSetting & { updatedAt: Date })[]> {
    const rows = (await this.db.query('SELECT * FROM sampling_interval ORDER BY resource_id, metric')) as {
      resource_id: string;
      metric: string;
      interval_seconds: number;
      updated_at: Date;
    }[];
    return rows.map((r) => ({ resourceId: r.resource_id, metric: r.metric, intervalSeconds: Number(r.interval_seconds), updatedAt: r.updated_at }));
  }

  async upsert(s: IntervalSetting, now: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO sampling_interval (resource_id, metric, interval_seconds, updated_at) VALUES (?,?,?,?) ON DUPLICATE KEY UPDATE interval_seconds = VALUES(interval_seconds), updated_at = VALUES(updated_at)',
      [s.resourceId, s.metric, s.intervalSeconds, now],
    );
  }

  async delete(resourceId: string, metric: string): Promise<boolean> {
    const r = (await this.db.query('DELETE FROM sampling_interval WHERE resource_id = ? AND metric = ?', [resourceId, metric])) as { affectedRows: number };
    return r.affectedRows > 0;
  }
}
