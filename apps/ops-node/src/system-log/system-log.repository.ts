import { EntityManager } from 'typeorm';

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
export class SystemLogRepository {
  constructor(private readonly db: EntityManager) {}

  async write(entries: SystemLogEntry[], now: Date): Promise<void> {
    if (!entries.length) return;
    await this.db.query(
      `INSERT INTO system_log (logged_at, level, category, event, alert_id, rule_id, resource_id, sub_resource_id, severity, actor, message, detail, notify, group_key) VALUES ${entries.map(() => '(?,?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}`,
      entries.flatMap((e) => [
        now,
        e.level,
        e.category,
        e.event,
        e.alertId ?? null,
        e.ruleId ?? null,
        e.resourceId ?? null,
        e.subResourceId ?? null,
        e.severity ?? null,
        e.actor ?? null,
        e.message.slice(0, 1000),
        e.detail ? JSON.stringify(e.detail) : null,
        e.groupKey ? 1 : 0,
        e.groupKey ?? null,
      ]),
    );
  }

  async search(f: SystemLogQuery): Promise<Record<string, unknown>[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const eq = (col: string, v: unknown) => {
      if (v !== undefined && v !== null && v !== '') {
        where.push(`${col} = ?`);
        params.push(v);
      }
    };
    if (f.from) {
      where.push('logged_at >= ?');
      params.push(f.from);
    }
    if (f.to) {
      where.push('logged_at < ?');
      params.push(f.to);
    }
    if (f.beforeId) {
      where.push('id < ?');
      params.push(f.beforeId);
    }
    eq('category', f.category);
    eq('event', f.event);
    eq('level', f.level);
    eq('alert_id', f.alertId);
    eq('resource_id', f.resourceId);
    const rows = (await this.db.query(
      `SELECT id, logged_at AS loggedAt, level, category, event, alert_id AS alertId, rule_id AS ruleId, resource_id AS resourceId, sub_resource_id AS subResourceId,
              severity, actor, message, detail, notice_id AS noticeId
       FROM system_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${Math.min(5000, Math.max(1, f.limit))}`,
      params,
    )) as Record<string, unknown>[];
    return rows.map((r) => ({ ...r, id: Number(r.id), detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as unknown) : null }));
  }

  /** Events owed a notice that no notice took yet (the grouper's input), oldest first. */
  async owedNotice(limit: number): Promise<{ id: string; group_key: string; logged_at: Date }[]> {
    return (await this.db.query(`SELECT id, group_key, logged_at FROM system_log WHERE notify = 1 AND notice_id IS NULL ORDER BY id LIMIT ${limit}`)) as {
      id: string;
      group_key: string;
      logged_at: Date;
    }[];
  }

  /**
   * The events of one group still owed a notice, joined with their alert's row (ops_alert columns as
   * `T`), both locked in the caller's transaction.
   */
  async lockOwedOfGroup<T>(groupKey: string): Promise<(T & { id: string; event: string; alert_id: string })[]> {
    return (await this.db.query(
      `SELECT l.id, l.event, l.alert_id, a.* FROM system_log l JOIN ops_alert a ON a.alert_id = l.alert_id WHERE l.notify = 1 AND l.notice_id IS NULL AND l.group_key = ? ORDER BY l.id FOR UPDATE`,
      [groupKey],
    )) as (T & { id: string; event: string; alert_id: string })[];
  }

  async attachNotice(noticeId: number, logIds: string[]): Promise<void> {
    await this.db.query(`UPDATE system_log SET notice_id = ? WHERE id IN (${logIds.map(() => '?').join(',')})`, [noticeId, ...logIds]);
  }

  /** Retention: one batch of rows logged before `before`; a row still owed a notice is kept until the notice is built. */
  async purgeBefore(before: Date, limit: number): Promise<number> {
    const r = (await this.db.query(`DELETE FROM system_log WHERE logged_at < ? AND (notify = 0 OR notice_id IS NOT NULL) LIMIT ${limit}`, [before])) as {
      affectedRows: number;
    };
    return r.affectedRows;
  }
}
