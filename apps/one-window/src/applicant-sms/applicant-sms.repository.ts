import { EntityManager, In } from 'typeorm';
import { piiColumn } from '../database/pii';
import { ApplicantSmsEntity, ApplicantSmsSegmentEntity } from './applicant-sms.entity';
import { outcomeOfReports, SmsEvent, SmsState } from './applicant-sms.rules';

/** An SMS to queue: one per (申报号, 版本号, event). */
export interface QueuedSms {
  applyNo: string;
  version: number;
  event: SmsEvent;
  /** as the application stores it (encrypted), or in clear: stored encrypted either way */
  phone: string;
  content: string;
  correlationId: string;
}

/** What a status report changed. */
export interface ReportEffect {
  /** a segment with this Msg_Id is known */
  matched: boolean;
  /** the messages whose state the report decided */
  finished: { id: string; applyNo: string; state: SmsState; stat: string | null }[];
}

/**
 * The only code that reads or writes `applicant_sms` and `applicant_sms_segment`. Times of leases
 * and steps are the DB's NOW(3), so replicas with different clocks agree.
 */
export class ApplicantSmsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Queues each SMS once: a second event with the same key (a duplicate or repeated callback) is a no-op. */
  async queue(rows: QueuedSms[]): Promise<void> {
    if (rows.length === 0) return;
    await this.em.query(
      `INSERT INTO applicant_sms (apply_no, version, event, phone, content, state, attempts, next_attempt_at, correlation_id)
       VALUES ${rows.map(() => "(?, ?, ?, ?, ?, 'QUEUED', 0, NOW(3), ?)").join(', ')}
       ON DUPLICATE KEY UPDATE id = id`,
      rows.flatMap((r) => [r.applyNo, r.version, r.event, piiColumn.to(r.phone) as string, r.content, r.correlationId]),
    );
  }

  /** QUEUED rows that are due, locked (SKIP LOCKED: replicas never take the same row). */
  async lockDue(limit: number): Promise<{ id: string; attempts: number }[]> {
    const rows = (await this.em.query(
      "SELECT id, attempts FROM applicant_sms WHERE state = 'QUEUED' AND next_attempt_at <= NOW(3) ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
      [limit],
    )) as { id: string | number; attempts: number }[];
    return rows.map((r) => ({ id: String(r.id), attempts: Number(r.attempts) }));
  }

  /** QUEUED → SENDING before the submit, with a lease; counts the attempt. */
  async markSending(ids: string[], owner: string, leaseMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.em.query(
      "UPDATE applicant_sms SET state = 'SENDING', attempts = attempts + 1, claimed_by = ?, sending_at = NOW(3), lease_until = NOW(3) + INTERVAL ? MICROSECOND WHERE id IN (?) AND state = 'QUEUED'",
      [owner, leaseMs * 1000, ids],
    );
  }

  /** The gateway could not be reached (nothing sent): try again after `delayMs`. */
  async retryLater(id: string, delayMs: number, error: string): Promise<void> {
    await this.em.query(
      "UPDATE applicant_sms SET attempts = attempts + 1, next_attempt_at = NOW(3) + INTERVAL ? MICROSECOND, error = ? WHERE id = ? AND state = 'QUEUED'",
      [delayMs * 1000, error.slice(0, 255), id],
    );
  }

  /** QUEUED (the last attempt found no gateway) or SENDING (refused, certainly not delivered) → FAILED. */
  async markFailed(id: string, error: string, countAttempt: boolean): Promise<void> {
    await this.em.query(
      `UPDATE applicant_sms SET state = 'FAILED', failed_at = NOW(3), lease_until = NULL, error = ?${countAttempt ? ', attempts = attempts + 1' : ''} WHERE id = ? AND state IN ('QUEUED', 'SENDING')`,
      [error.slice(0, 255), id],
    );
  }

  /** SENDING → UNKNOWN: the submit's outcome is not known (timeout, link cut while in flight). */
  async markUnknown(id: string, error: string): Promise<void> {
    await this.em.query("UPDATE applicant_sms SET state = 'UNKNOWN', unknown_at = NOW(3), lease_until = NULL, error = ? WHERE id = ? AND state = 'SENDING'", [
      error.slice(0, 255),
      id,
    ]);
  }

  /** Rows left SENDING past their lease (their sender died between the mark and the record): UNKNOWN, never resent. */
  async expireLeases(): Promise<number> {
    const res = (await this.em.query(
      "UPDATE applicant_sms SET state = 'UNKNOWN', unknown_at = NOW(3), lease_until = NULL, error = '发送过程中断（进程退出或网关无应答），是否已发出未知' WHERE state = 'SENDING' AND lease_until < NOW(3)",
    )) as { affectedRows?: number };
    return res.affectedRows ?? 0;
  }

  /**
   * The gateway accepted every segment: SENDING (or UNKNOWN, when the answer came after the lease
   * ran out) → SUBMITTED, with the Msg_Id of each segment.
   */
  async markSubmitted(id: string, segments: { msgId: string; seq: number }[]): Promise<boolean> {
    const res = (await this.em.query(
      "UPDATE applicant_sms SET state = 'SUBMITTED', submitted_at = NOW(3), lease_until = NULL, error = NULL, unknown_at = NULL, msg_ids = ?, segments = ? WHERE id = ? AND state IN ('SENDING', 'UNKNOWN')",
      [
        segments
          .map((s) => s.msgId)
          .join(',')
          .slice(0, 255),
        segments.length,
        id,
      ],
    )) as { affectedRows?: number };
    if (segments.length > 0)
      await this.em.query(
        `INSERT INTO applicant_sms_segment (sms_id, seq, msg_id) VALUES ${segments.map(() => '(?, ?, ?)').join(', ')} ON DUPLICATE KEY UPDATE msg_id = VALUES(msg_id)`,
        segments.flatMap((s) => [id, s.seq, s.msgId]),
      );
    return (res.affectedRows ?? 0) > 0;
  }

  /** A status report: records the segment's Stat and, once the segments decide it, the message's outcome. */
  async applyReport(msgId: string, stat: string): Promise<ReportEffect> {
    const segs = (await this.em.query('SELECT sms_id AS smsId FROM applicant_sms_segment WHERE msg_id = ?', [msgId])) as { smsId: string | number }[];
    if (segs.length === 0) return { matched: false, finished: [] };
    const ids = [...new Set(segs.map((s) => String(s.smsId)))].sort();
    const parents = (await this.em.query('SELECT id, apply_no AS applyNo, state, segments FROM applicant_sms WHERE id IN (?) ORDER BY id FOR UPDATE', [
      ids,
    ])) as {
      id: string | number;
      applyNo: string;
      state: SmsState;
      segments: number | null;
    }[];
    await this.em.query('UPDATE applicant_sms_segment SET stat = ?, reported_at = NOW(3) WHERE msg_id = ? AND stat IS NULL', [stat.slice(0, 8), msgId]);
    const finished: ReportEffect['finished'] = [];
    for (const p of parents) {
      if (p.state !== SmsState.SUBMITTED) continue;
      const stats = (await this.em.query('SELECT stat FROM applicant_sms_segment WHERE sms_id = ?', [p.id])) as { stat: string | null }[];
      const outcome = outcomeOfReports(
        Number(p.segments ?? stats.length),
        stats.map((s) => s.stat),
      );
      if (outcome.state === SmsState.SUBMITTED) continue;
      const at = outcome.state === SmsState.DELIVERED ? 'delivered_at' : 'failed_at';
      await this.em.query(`UPDATE applicant_sms SET state = ?, stat = ?, ${at} = NOW(3), error = ? WHERE id = ? AND state = 'SUBMITTED'`, [
        outcome.state,
        outcome.stat,
        outcome.state === SmsState.FAILED ? `状态报告 ${outcome.stat}` : null,
        p.id,
      ]);
      finished.push({ id: String(p.id), applyNo: p.applyNo, state: outcome.state, stat: outcome.stat });
    }
    return { matched: true, finished };
  }

  /** The rows claimed for sending (phone decrypted by the column transformer). */
  byIds(ids: string[]): Promise<ApplicantSmsEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.em.find(ApplicantSmsEntity, { where: { id: In(ids) }, order: { id: 'ASC' } });
  }

  /** Every SMS of one application, oldest first. */
  listFor(applyNo: string): Promise<ApplicantSmsEntity[]> {
    return this.em.find(ApplicantSmsEntity, { where: { applyNo }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The segments of one message (tests and support). */
  segmentsOf(smsId: string): Promise<ApplicantSmsSegmentEntity[]> {
    return this.em.find(ApplicantSmsSegmentEntity, { where: { smsId }, order: { seq: 'ASC' } });
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = (await this.em.query('SELECT state, COUNT(*) AS n FROM applicant_sms GROUP BY state')) as { state: string; n: number | string }[];
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
}
