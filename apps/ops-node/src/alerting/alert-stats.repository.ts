import { AlertSeverity, RESOURCE_CLASS_LABELS, ResourceClass } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { SEVERITY_LABELS } from './alert.repository';

const SEVERITIES = Object.values(AlertSeverity);

/** 告警统计: alerts raised in a time range, shaped for pie charts (by severity, class, resource) and a stacked bar chart over time. */
export class AlertStatsRepository {
  constructor(private readonly db: EntityManager) {}

  async stats(from: Date, to: Date, bucket: 'hour' | 'day', top: number) {
    const range = [from, to];
    const count = async (col: string, limit?: number) =>
      (await this.db.query(
        `SELECT ${col} AS k, COUNT(*) AS n FROM ops_alert WHERE raised_at >= ? AND raised_at < ? GROUP BY ${col} ORDER BY n DESC ${limit ? `LIMIT ${limit}` : ''}`,
        range,
      )) as { k: string; n: string }[];
    const bySeverity = new Map((await count('severity')).map((r) => [r.k, Number(r.n)]));
    const fmt = bucket === 'hour' ? '%Y-%m-%d %H:00' : '%Y-%m-%d';
    const time = (await this.db.query(
      `SELECT DATE_FORMAT(raised_at, '${fmt}') AS b, severity, COUNT(*) AS n FROM ops_alert WHERE raised_at >= ? AND raised_at < ? GROUP BY b, severity ORDER BY b`,
      range,
    )) as { b: string; severity: string; n: string }[];
    const overTime = new Map<string, Record<string, number>>();
    for (const r of time) {
      const row = overTime.get(r.b) ?? Object.fromEntries([['total', 0], ...SEVERITIES.map((s) => [s, 0])]);
      row[r.severity] = Number(r.n);
      row.total += Number(r.n);
      overTime.set(r.b, row);
    }
    const [{ n: total }] = (await this.db.query('SELECT COUNT(*) AS n FROM ops_alert WHERE raised_at >= ? AND raised_at < ?', range)) as { n: string }[];
    const [{ n: open }] = (await this.db.query(
      `SELECT COUNT(*) AS n FROM ops_alert WHERE raised_at >= ? AND raised_at < ? AND open_key IS NOT NULL`,
      range,
    )) as { n: string }[];
    return {
      from,
      to,
      bucket,
      total: Number(total),
      open: Number(open),
      bySeverity: SEVERITIES.map((s) => ({ key: s, label: SEVERITY_LABELS[s], value: bySeverity.get(s) ?? 0 })),
      byResourceClass: (await count('resource_class')).map((r) => ({
        key: r.k,
        label: RESOURCE_CLASS_LABELS[r.k as ResourceClass] ?? r.k,
        value: Number(r.n),
      })),
      byResource: (await count('resource_id', top)).map((r) => ({ key: r.k, label: r.k, value: Number(r.n) })),
      overTime: [...overTime].map(([b, row]) => ({ bucket: b, ...row })),
    };
  }
}
