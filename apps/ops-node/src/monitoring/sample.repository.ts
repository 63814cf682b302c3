import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetricSample } from '../inventory/discovery/device-simulator';

@Injectable()
export class SampleRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(samples: MetricSample[], at: Date): Promise<void> {
    for (let i = 0; i < samples.length; i += 1000) {
      const chunk = samples.slice(i, i + 1000);
      await this.ds.query(
        `INSERT INTO perf_sample (resource_id, sub_resource_id, metric, value, unit, sampled_at) VALUES ${chunk.map(() => '(?,?,?,?,?,?)').join(',')}`,
        chunk.flatMap((s) => [s.resourceId, s.subResourceId, s.metric, s.value, s.unit, at]),
      );
    }
  }

  async query(f: { resourceId?: string; metric?: string; from?: Date; to?: Date; limit: number }): Promise<Record<string, unknown>[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.resourceId) { where.push('resource_id = ?'); params.push(f.resourceId); }
    if (f.metric) { where.push('metric = ?'); params.push(f.metric); }
    if (f.from) { where.push('sampled_at >= ?'); params.push(f.from); }
    if (f.to) { where.push('sampled_at < ?'); params.push(f.to); }
    return (await this.ds.query(
      `SELECT id, resource_id AS resourceId, sub_resource_id AS subResourceId, metric, value, unit, sampled_at AS sampledAt FROM perf_sample ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${Math.min(10_000, Math.max(1, f.limit))}`,
      params,
    )) as Record<string, unknown>[];
  }
}
