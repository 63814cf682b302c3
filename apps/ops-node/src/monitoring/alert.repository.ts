import { AlertSeverity, AlertStatus, ReportItem, ResourceClass } from '@app/ops-contract';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { toWire, toWireOrUndefined } from '../core/wire-time';
import { AlertDecision, Comparator, OpenAlert, Threshold } from './alert-evaluator';

const DEFAULT_THRESHOLDS: Omit<Threshold, 'id'>[] = [
  { metric: 'cpu.usage', resourceClass: null, resourceId: null, comparator: '>=', value: 90, severity: AlertSeverity.MAJOR },
  { metric: 'mem.usage', resourceClass: null, resourceId: null, comparator: '>=', value: 95, severity: AlertSeverity.MINOR },
  { metric: 'disk.usage', resourceClass: null, resourceId: null, comparator: '>=', value: 90, severity: AlertSeverity.MAJOR },
  { metric: 'if.status', resourceClass: null, resourceId: null, comparator: '<', value: 1, severity: AlertSeverity.CRITICAL },
  { metric: 'http.up', resourceClass: ResourceClass.BUSINESS_SYSTEM, resourceId: null, comparator: '<', value: 1, severity: AlertSeverity.CRITICAL },
];

@Injectable()
export class AlertRepository {
  constructor(private readonly ds: DataSource) {}

  async seedDefaults(now: Date): Promise<void> {
    const [{ n }] = (await this.ds.query('SELECT COUNT(*) AS n FROM alert_threshold')) as { n: string }[];
    if (Number(n) > 0) return;
    for (const t of DEFAULT_THRESHOLDS) await this.createThreshold(t, now);
  }

  async createThreshold(t: Omit<Threshold, 'id'>, now: Date): Promise<number> {
    const r = (await this.ds.query('INSERT INTO alert_threshold (metric, resource_class, resource_id, comparator, value, severity, enabled, created_at, updated_at) VALUES (?,?,?,?,?,?,1,?,?)', [t.metric, t.resourceClass, t.resourceId, t.comparator, t.value, t.severity, now, now])) as { insertId: number };
    return r.insertId;
  }

  async updateThreshold(id: number, t: Partial<Omit<Threshold, 'id'>> & { enabled?: boolean }, now: Date): Promise<boolean> {
    const cols: Record<string, string> = { metric: 'metric', resourceClass: 'resource_class', resourceId: 'resource_id', comparator: 'comparator', value: 'value', severity: 'severity', enabled: 'enabled' };
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [k, col] of Object.entries(cols)) {
      const v = (t as Record<string, unknown>)[k];
      if (v !== undefined) { sets.push(`${col} = ?`); params.push(typeof v === 'boolean' ? Number(v) : v); }
    }
    const r = (await this.ds.query(`UPDATE alert_threshold SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`, [...params, now, id])) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  async deleteThreshold(id: number): Promise<boolean> {
    const r = (await this.ds.query('DELETE FROM alert_threshold WHERE id = ?', [id])) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  async listThresholds(enabledOnly = false): Promise<(Threshold & { enabled: boolean })[]> {
    const rows = (await this.ds.query(`SELECT * FROM alert_threshold ${enabledOnly ? 'WHERE enabled = 1' : ''} ORDER BY id`)) as Record<string, unknown>[];
    return rows.map((r) => ({ id: Number(r.id), metric: String(r.metric), resourceClass: (r.resource_class as ResourceClass | null) ?? null, resourceId: (r.resource_id as string | null) ?? null, comparator: r.comparator as Comparator, value: Number(r.value), severity: r.severity as AlertSeverity, enabled: Number(r.enabled) === 1 }));
  }

  async openAlerts(): Promise<Map<string, OpenAlert>> {
    const rows = (await this.ds.query('SELECT alert_id, open_key FROM ops_alert WHERE open_key IS NOT NULL')) as { alert_id: string; open_key: string }[];
    return new Map(rows.map((r) => [r.open_key, { alertId: r.alert_id, openKey: r.open_key }]));
  }

  /** Applies decisions; the unique open_key makes a concurrent double raise a no-op. Returns raised alert ids. */
  async apply(decisions: AlertDecision[], now: Date): Promise<string[]> {
    const raised: string[] = [];
    for (const d of decisions) {
      if (d.kind === 'raise') {
        const id = `ALM-${randomUUID()}`;
        const t = d.threshold;
        const msg = `${d.sample.resourceId}${d.sample.subResourceId ? ` ${d.sample.subResourceId}` : ''} ${d.sample.metric}=${d.sample.value}${d.sample.unit} ${t.comparator} 阈值 ${t.value}`;
        const r = (await this.ds.query(
          `INSERT IGNORE INTO ops_alert (alert_id, threshold_id, open_key, resource_id, sub_resource_id, resource_class, metric, severity, status, value, threshold, message, raised_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
          [id, t.id, d.openKey, d.sample.resourceId, d.sample.subResourceId, d.resourceClass, d.sample.metric, t.severity, AlertStatus.FIRING, d.sample.value, t.value, msg.slice(0, 512), now, now],
        )) as { affectedRows: number };
        if (r.affectedRows) raised.push(id);
      } else {
        await this.ds.query(`UPDATE ops_alert SET status = ?, open_key = NULL, resolved_at = ?, updated_at = ? WHERE alert_id = ? AND open_key IS NOT NULL`, [AlertStatus.RESOLVED, now, now, d.alertId]);
      }
    }
    return raised;
  }

  async acknowledge(alertId: string, now: Date): Promise<boolean> {
    const r = (await this.ds.query(`UPDATE ops_alert SET status = ?, updated_at = ? WHERE alert_id = ? AND status = ?`, [AlertStatus.ACKNOWLEDGED, now, alertId, AlertStatus.FIRING])) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  async list(f: { status?: string; from?: Date; to?: Date; limit: number }): Promise<Record<string, unknown>[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.status) { where.push('status = ?'); params.push(f.status); }
    if (f.from) { where.push('raised_at >= ?'); params.push(f.from); }
    if (f.to) { where.push('raised_at < ?'); params.push(f.to); }
    return (await this.ds.query(`SELECT * FROM ops_alert ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC LIMIT ${Math.min(5000, f.limit)}`, params)) as Record<string, unknown>[];
  }

  async items(range?: { from: Date | null; to: Date }): Promise<ReportItem[]> {
    const rows = (await this.ds.query(
      range ? `SELECT * FROM ops_alert WHERE updated_at <= ? ${range.from ? 'AND updated_at > ?' : ''} ORDER BY raised_at` : `SELECT * FROM ops_alert WHERE status <> 'CLOSED' ORDER BY raised_at`,
      range ? [range.to, ...(range.from ? [range.from] : [])] : [],
    )) as Record<string, unknown>[];
    return rows.map((r) => {
      const item: ReportItem = {
        alertId: String(r.alert_id), resourceId: String(r.resource_id), resourceClass: String(r.resource_class), metric: String(r.metric), severity: String(r.severity),
        status: String(r.status), value: Number(r.value), threshold: Number(r.threshold), message: String(r.message), raisedAt: toWire(r.raised_at as Date),
      };
      const resolved = toWireOrUndefined(r.resolved_at as Date | null);
      if (resolved) item.resolvedAt = resolved;
      return item;
    });
  }
}
