import { EntityManager } from 'typeorm';
import { DispatchOutboxEntity } from './dispatch-outbox.entity';

export type ClaimedRow = Pick<DispatchOutboxEntity, 'id' | 'applyNo' | 'version' | 'deptCode' | 'state' | 'attempts' | 'correlationId'>;

/** Rows sharing a backoff and an error: one UPDATE. */
export interface BackoffGroup {
  delayMs: number;
  giveUp: boolean;
  error: string;
  ids: string[];
}

/**
 * The only code that reads or writes `dispatch_outbox`. The SQL is the exchange's proven
 * protocol (chaos-tested: 0 lost, 0 duplicated): change none of it lightly.
 */
export class DispatchOutboxRepository {
  constructor(private readonly em: EntityManager) {}

  /** The version is owed to the department from this commit on. */
  async enqueue(applyNo: string, version: number, deptCode: string, correlationId: string): Promise<void> {
    await this.em.query(
      `INSERT INTO dispatch_outbox (apply_no, version, dept_code, state, attempts, next_attempt_at, correlation_id) VALUES (?, ?, ?, 'PENDING', 0, NOW(3), ?)`,
      [applyNo, version, deptCode, correlationId],
    );
  }

  /**
   * Claims due rows (inside the caller's READ COMMITTED transaction): FOR UPDATE SKIP LOCKED plus
   * a lease, so replicas never share a row. ORDER BY follows ix_outbox_due (state,
   * next_attempt_at, id), so the claim reads the index in order and stops after the batch:
   * new acceptances (PENDING) before notification retries (WRITTEN), oldest first within each.
   * Departments on hold (dispatch_hold) are skipped.
   */
  async claimDue(batch: number, leaseMs: number): Promise<ClaimedRow[]> {
    const rows = (await this.em.query(
      `SELECT id, apply_no AS applyNo, version, dept_code AS deptCode, state, attempts, correlation_id AS correlationId
         FROM dispatch_outbox WHERE state IN ('PENDING', 'WRITTEN') AND next_attempt_at <= NOW(3)
           AND dept_code NOT IN (SELECT h.dept_code FROM dispatch_hold h WHERE h.held_until > NOW(3))
         ORDER BY state, next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED`,
      [batch],
    )) as ClaimedRow[];
    if (rows.length > 0) {
      await this.em.query('UPDATE dispatch_outbox SET next_attempt_at = NOW(3) + INTERVAL ? MICROSECOND, attempts = attempts + 1 WHERE id IN (?)', [
        leaseMs * 1000,
        rows.map((r) => r.id),
      ]);
    }
    return rows.map((r) => ({ ...r, id: String(r.id), version: Number(r.version), attempts: Number(r.attempts) + 1 }));
  }

  async markNotified(ids: string[], writtenAt: Date | undefined): Promise<void> {
    if (ids.length === 0) return;
    await this.em.query(
      `UPDATE dispatch_outbox SET state = 'NOTIFIED', notified_at = NOW(3), written_at = COALESCE(written_at, ?), last_error = NULL WHERE id IN (?)`,
      [writtenAt ?? null, ids],
    );
  }

  async markTaken(ids: string[], writtenAt: Date | undefined): Promise<void> {
    if (ids.length === 0) return;
    await this.em.query(`UPDATE dispatch_outbox SET state = 'TAKEN', written_at = COALESCE(written_at, ?) WHERE id IN (?)`, [writtenAt ?? null, ids]);
  }

  /** In the front DB but not (known to be) notified: WRITTEN with a backoff, UNNOTIFIED when given up. */
  async markOpen(group: BackoffGroup, writtenAt: Date | undefined): Promise<void> {
    await this.em.query(
      `UPDATE dispatch_outbox SET last_error = ?, next_attempt_at = NOW(3) + INTERVAL ? MICROSECOND, written_at = COALESCE(written_at, ?),
             state = CASE WHEN ? THEN 'UNNOTIFIED' ELSE 'WRITTEN' END
           WHERE id IN (?)`,
      [group.error.slice(0, 500), group.delayMs * 1000, writtenAt ?? null, group.giveUp, group.ids],
    );
  }

  /** Nothing new reached the front DB: backoff; a WRITTEN row past its last attempt is left to the department's scan. */
  async reschedule(group: BackoffGroup): Promise<void> {
    await this.em.query(
      `UPDATE dispatch_outbox SET last_error = ?, next_attempt_at = NOW(3) + INTERVAL ? MICROSECOND,
           state = CASE WHEN state = 'WRITTEN' AND ? THEN 'UNNOTIFIED' ELSE state END
         WHERE id IN (?)`,
      [group.error.slice(0, 500), group.delayMs * 1000, group.giveUp, group.ids],
    );
  }

  /** Rows per state, for /health. */
  async countByState(): Promise<Record<string, number>> {
    const rows = (await this.em.query('SELECT state, COUNT(*) AS n FROM dispatch_outbox GROUP BY state')) as { state: string; n: string }[];
    return Object.fromEntries(rows.map((o) => [o.state, Number(o.n)]));
  }

  async listUnnotified(limit: number): Promise<{ id: string; applyNo: string; version: number; deptCode: string }[]> {
    const rows = (await this.em.query(
      `SELECT id, apply_no AS applyNo, version, dept_code AS deptCode FROM dispatch_outbox WHERE state = 'UNNOTIFIED' ORDER BY state, next_attempt_at, id LIMIT ?`,
      [limit],
    )) as { id: string; applyNo: string; version: number; deptCode: string }[];
    return rows.map((r) => ({ ...r, version: Number(r.version) }));
  }

  /** Given-up rows the department took through its scan; only UNNOTIFIED rows move (replicas are safe). */
  async settleUnnotifiedAsTaken(ids: string[]): Promise<void> {
    await this.em.query(`UPDATE dispatch_outbox SET state = 'TAKEN' WHERE id IN (?) AND state = 'UNNOTIFIED'`, [ids]);
  }
}
