import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type LogLevel = 'INFO' | 'WARN' | 'ERROR';
export const LOG_CATEGORIES = ['ALERT', 'RULE', 'SILENCE', 'TOPOLOGY', 'PERFORMANCE', 'RETENTION', 'APP_PROBE', 'NOTIFY'] as const;
export type LogCategory = (typeof LOG_CATEGORIES)[number];

export interface SystemLogEntry {
  level: LogLevel;
  category: LogCategory;
  event: string;
  message: string;
  alertId?: string | null;
  ruleId?: number | null;
  resourceId?: string | null;
  subResourceId?: string | null;
  severity?: string | null;
  actor?: string | null;
  detail?: Record<string, unknown>;
  /** set when the event is owed a notice: the grouper picks it up by this key */
  groupKey?: string | null;
}

export interface SystemLogQuery {
  from?: Date;
  to?: Date;
  category?: string;
  event?: string;
  level?: string;
  alertId?: string;
  resourceId?: string;
  limit: number;
  beforeId?: number;
}

/** 系统日志: every alert, every alert state change and every operator action on monitoring, queryable. */
@Injectable()
export class SystemLogRepository {
  constructor(private readonly ds: DataSource) {}

  async write(entries: SystemLogEntry[], now: Date, em: EntityManager | DataSource = this.ds): Promise<void> {
    if (!entries.length) return;
    await em.query(
      `INSERT INTO system_log (logged_at, level, category, event, alert_id, rule_id, resource_id, sub_resource_id, severity, actor, message, detail, notify, group_key) VALUES ${entries.map(() => '(?,?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}`,
      entries.flatMap((e) => [now, e.level, e.category, e.event, e.alertId ?? null, e.ruleId ?? null, e.resourceId ?? null, e.subResourceId ?? null, e.severity ?? null, e.actor ?? null, e.message.slice(0, 1000), e.detail ? JSON.stringify(e.detail) : null, e.groupKey ? 1 : 0, e.groupKey ?? null]),
    );
  }

  async query(f: SystemLogQuery): Promise<Record<string, unknown>[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const eq = (col: string, v: unknown) => {
      if (v !== undefined && v !== null && v !== '') {
        where.push(`${col} = ?`);
        params.push(v);
      }
    };
    if (f.from) { where.push('logged_at >= ?'); params.push(f.from); }
    if (f.to) { where.push('logged_at < ?'); params.push(f.to); }
    if (f.beforeId) { where.push('id < ?'); params.push(f.beforeId); }
    eq('category', f.category);
    eq('event', f.event);
    eq('level', f.level);
    eq('alert_id', f.alertId);
    eq('resource_id', f.resourceId);
    const rows = (await this.ds.query(
      `SELECT id, logged_at AS loggedAt, level, category, event, alert_id AS alertId, rule_id AS ruleId, resource_id AS resourceId, sub_resource_id AS subResourceId,
              severity, actor, message, detail, notice_id AS noticeId
       FROM system_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${Math.min(5000, Math.max(1, f.limit))}`,
      params,
    )) as Record<string, unknown>[];
    return rows.map((r) => ({ ...r, id: Number(r.id), detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as unknown) : null }));
  }
}
