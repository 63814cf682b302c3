import { AlertSeverity } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { AlertNotice, NoticeAlert } from './alert-events';

/**
 * alert_notification_outbox: one row per grouped notice (PENDING → TAKEN by a channel worker → DONE).
 * Taking uses SKIP LOCKED, so two workers never deliver one notice twice.
 */
export class NoticeOutboxRepository {
  constructor(private readonly db: EntityManager) {}

  async insert(n: Omit<AlertNotice, 'noticeId' | 'createdAt'>, now: Date): Promise<number> {
    const res = (await this.db.query(
      'INSERT INTO alert_notification_outbox (group_key, kind, severity, alert_count, title, payload, state, created_at) VALUES (?,?,?,?,?,?,?,?)',
      [n.groupKey, n.kind, n.severity, n.alerts.length, n.title, JSON.stringify({ alerts: n.alerts }), 'PENDING', now],
    )) as { insertId: number };
    return res.insertId;
  }

  /** Oldest pending notices, locked (SKIP LOCKED) and marked TAKEN by `worker` in the caller's transaction. */
  async take(worker: string, limit: number, now: Date): Promise<(AlertNotice & { state: string })[]> {
    const rows = (await this.db.query(
      `SELECT * FROM alert_notification_outbox WHERE state = 'PENDING' ORDER BY id LIMIT ${Math.max(1, Math.min(500, limit))} FOR UPDATE SKIP LOCKED`,
    )) as Record<string, unknown>[];
    if (!rows.length) return [];
    await this.db.query(`UPDATE alert_notification_outbox SET state = 'TAKEN', taken_at = ?, taken_by = ? WHERE id IN (${rows.map(() => '?').join(',')})`, [
      now,
      worker,
      ...rows.map((r) => r.id),
    ]);
    return rows.map(noticeOf);
  }

  async list(state: string | undefined, limit: number): Promise<(AlertNotice & { state: string })[]> {
    const rows = (await this.db.query(
      `SELECT * FROM alert_notification_outbox ${state ? 'WHERE state = ?' : ''} ORDER BY id DESC LIMIT ${Math.max(1, Math.min(1000, limit))}`,
      state ? [state] : [],
    )) as Record<string, unknown>[];
    return rows.map(noticeOf);
  }

  /** Notices taken by workers whose name starts with `workerPrefix` before `takenBefore` go back to PENDING (a worker died mid-notice). */
  async releaseExpired(workerPrefix: string, takenBefore: Date): Promise<void> {
    await this.db.query(
      `UPDATE alert_notification_outbox SET state = 'PENDING', taken_at = NULL, taken_by = NULL WHERE state = 'TAKEN' AND taken_by LIKE ? AND taken_at < ?`,
      [`${workerPrefix}%`, takenBefore],
    );
  }

  async markDone(noticeId: number): Promise<void> {
    await this.db.query(`UPDATE alert_notification_outbox SET state = 'DONE' WHERE id = ? AND state = 'TAKEN'`, [noticeId]);
  }

  /** Retention: one batch of notices created before `before`; returns how many went. */
  async purgeBefore(before: Date, limit: number): Promise<number> {
    const r = (await this.db.query(`DELETE FROM alert_notification_outbox WHERE created_at < ? LIMIT ${limit}`, [before])) as { affectedRows: number };
    return r.affectedRows;
  }
}

function noticeOf(r: Record<string, unknown>): AlertNotice & { state: string } {
  const payload = JSON.parse(String(r.payload)) as { alerts: NoticeAlert[] };
  return {
    noticeId: Number(r.id),
    groupKey: String(r.group_key),
    kind: r.kind as AlertNotice['kind'],
    severity: r.severity as AlertSeverity,
    title: String(r.title),
    alerts: payload.alerts,
    createdAt: r.created_at as Date,
    state: String(r.state),
  };
}
