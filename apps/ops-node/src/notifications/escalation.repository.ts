import {
  AttemptRecord,
  AttemptStatusChange,
  ChannelKind,
  ConcurrentUpdateError,
  DeliveryStatus,
  EscalationState,
  EscalationStatus,
  NewAttemptRecord,
} from '@app/notify';
import { EntityManager } from 'typeorm';

interface AttemptRow {
  id: string;
  alert_id: string;
  notice_seq: number;
  notice_kind: string;
  step: number;
  recipient_id: string;
  channel: string;
  recipient: string;
  attempt_no: number;
  status: string;
  provider_id: string | null;
  error: string | null;
  detail: string | null;
  attempted_at: Date;
  updated_at: Date;
}

export interface EscalationFilter {
  alertId?: string;
  status?: EscalationStatus;
  limit: number;
}

// the Date fields of EscalationState; JSON turns them into strings, so they are revived by name (never by shape)
const STATE_DATES = ['stepStartedAt', 'nextStepAt', 'acknowledgedAt', 'resolvedAt', 'dueAt', 'createdAt', 'updatedAt'] as const;

/**
 * The escalation engine's tables on the ops node's DB: one notify_escalation row per alert (state
 * JSON + status/due_at/version columns; save() is a compare-and-set on version) and one
 * notify_attempt row per delivery attempt. The engine reaches them through DbEscalationStore.
 */
export class EscalationRepository {
  constructor(private readonly db: EntityManager) {}

  async insert(state: EscalationState): Promise<boolean> {
    try {
      await this.db.query(
        'INSERT INTO notify_escalation (alert_id, policy, severity, status, step, due_at, version, state, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
        [
          state.alertId,
          state.policy,
          state.severity,
          state.status,
          state.step,
          state.dueAt,
          state.version,
          JSON.stringify(state),
          state.createdAt,
          state.updatedAt,
        ],
      );
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'ER_DUP_ENTRY') return false;
      throw err;
    }
  }

  async get(alertId: string): Promise<EscalationState | null> {
    const rows = (await this.db.query('SELECT state, version FROM notify_escalation WHERE alert_id = ?', [alertId])) as { state: string; version: number }[];
    return rows.length ? reviveState(rows[0].state, Number(rows[0].version)) : null;
  }

  async save(state: EscalationState): Promise<EscalationState> {
    const next: EscalationState = { ...state, version: state.version + 1 };
    const res = (await this.db.query(
      'UPDATE notify_escalation SET status = ?, step = ?, due_at = ?, version = ?, state = ?, updated_at = ? WHERE alert_id = ? AND version = ?',
      [next.status, next.step, next.dueAt, next.version, JSON.stringify(next), next.updatedAt, state.alertId, state.version],
    )) as { affectedRows: number };
    if (res.affectedRows !== 1) throw new ConcurrentUpdateError(state.alertId);
    return reviveState(JSON.stringify(next), next.version);
  }

  async listDue(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.db.query(`SELECT alert_id FROM notify_escalation WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT ${clamp(limit)}`, [
      now,
    ])) as { alert_id: string }[];
    return rows.map((r) => r.alert_id);
  }

  /** Run it in a unit with its system-log entry. */
  async insertAttempt(a: NewAttemptRecord): Promise<AttemptRecord> {
    const res = (await this.db.query(
      `INSERT INTO notify_attempt (alert_id, notice_seq, notice_kind, step, recipient_id, channel, recipient, attempt_no, status, provider_id, error, detail, attempted_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [
        a.alertId,
        a.noticeSeq,
        a.noticeKind,
        a.step,
        a.recipientId,
        a.channel,
        a.recipient.slice(0, 128),
        a.attemptNo,
        a.status,
        a.providerId?.slice(0, 300) ?? null,
        a.error?.slice(0, 1000) ?? null,
        a.detail?.slice(0, 64) ?? null,
        a.at,
        a.updatedAt,
      ],
    )) as { insertId: number };
    return { ...a, id: String(res.insertId) };
  }

  /** Run it in a unit with its system-log entry: locks the attempts of that notice, channel and recipient. */
  async updateAttemptStatus(c: AttemptStatusChange): Promise<AttemptRecord | null> {
    const same = (await this.db.query(
      'SELECT * FROM notify_attempt WHERE alert_id = ? AND notice_seq = ? AND channel = ? AND recipient = ? ORDER BY id FOR UPDATE',
      [c.alertId, c.noticeSeq, c.channel, c.recipient],
    )) as AttemptRow[];
    const target = same.find((r) => r.provider_id === c.providerId) ?? [...same].reverse().find((r) => r.status === 'unknown');
    if (!target || (target.status !== 'sent' && target.status !== 'unknown')) return null;
    const providerId = target.provider_id ?? c.providerId;
    const error = c.status === 'failed' ? c.detail : target.error;
    await this.db.query('UPDATE notify_attempt SET status = ?, provider_id = ?, detail = ?, error = ?, updated_at = ? WHERE id = ?', [
      c.status,
      providerId.slice(0, 300),
      c.detail.slice(0, 64),
      error?.slice(0, 1000) ?? null,
      c.at,
      target.id,
    ]);
    return attemptOf({ ...target, status: c.status, provider_id: providerId, detail: c.detail, error, updated_at: c.at });
  }

  async listAttempts(alertId: string): Promise<AttemptRecord[]> {
    return this.attemptsOf([alertId]);
  }

  // ---- beyond the port: what the API shows

  async list(f: EscalationFilter): Promise<EscalationState[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.alertId) {
      where.push('alert_id = ?');
      params.push(f.alertId);
    }
    if (f.status) {
      where.push('status = ?');
      params.push(f.status);
    }
    const rows = (await this.db.query(
      `SELECT state, version FROM notify_escalation ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT ${clamp(f.limit)}`,
      params,
    )) as { state: string; version: number }[];
    return rows.map((r) => reviveState(r.state, Number(r.version)));
  }

  async attemptsOf(alertIds: string[]): Promise<AttemptRecord[]> {
    if (!alertIds.length) return [];
    const rows = (await this.db.query(
      `SELECT * FROM notify_attempt WHERE alert_id IN (${alertIds.map(() => '?').join(',')}) ORDER BY id`,
      alertIds,
    )) as AttemptRow[];
    return rows.map(attemptOf);
  }

  async recentAttempts(limit: number): Promise<AttemptRecord[]> {
    const rows = (await this.db.query(`SELECT * FROM notify_attempt ORDER BY id DESC LIMIT ${clamp(limit)}`)) as AttemptRow[];
    return rows.map(attemptOf);
  }

  /** Escalations still waiting for somebody whose alert is no longer firing (an acknowledgement or recovery event was missed). */
  async outrun(
    limit: number,
  ): Promise<{ alertId: string; alertStatus: string | null; acknowledgedBy: string | null; closedBy: string | null; resolvedAt: Date | null }[]> {
    const rows = (await this.db.query(
      `SELECT e.alert_id, a.status, a.acknowledged_by, a.closed_by, a.resolved_at FROM notify_escalation e LEFT JOIN ops_alert a ON a.alert_id = e.alert_id
       WHERE e.status IN ('active', 'exhausted') AND (a.status IS NULL OR a.status <> 'FIRING') LIMIT ${clamp(limit)}`,
    )) as { alert_id: string; status: string | null; acknowledged_by: string | null; closed_by: string | null; resolved_at: Date | null }[];
    return rows.map((r) => ({
      alertId: r.alert_id,
      alertStatus: r.status,
      acknowledgedBy: r.acknowledged_by,
      closedBy: r.closed_by,
      resolvedAt: r.resolved_at,
    }));
  }

  // ---- retention: notification records are kept as long as the system log that names them

  /** One batch of attempts made before `before`; returns how many went. */
  async purgeAttemptsBefore(before: Date, limit: number): Promise<number> {
    const r = (await this.db.query(`DELETE FROM notify_attempt WHERE attempted_at < ? LIMIT ${limit}`, [before])) as { affectedRows: number };
    return r.affectedRows;
  }

  /** One batch of finished escalations last changed before `before` (one still running is never removed). */
  async purgeFinishedBefore(before: Date, limit: number): Promise<number> {
    const r = (await this.db.query(`DELETE FROM notify_escalation WHERE status <> 'active' AND updated_at < ? LIMIT ${limit}`, [before])) as {
      affectedRows: number;
    };
    return r.affectedRows;
  }
}

export function reviveState(json: string, version: number): EscalationState {
  const s = JSON.parse(json) as Record<string, unknown> & { tasks: Record<string, unknown>[] };
  for (const k of STATE_DATES) if (typeof s[k] === 'string') s[k] = new Date(s[k]);
  for (const t of s.tasks) if (typeof t.nextTryAt === 'string') t.nextTryAt = new Date(t.nextTryAt);
  // the column is the truth: the JSON of a row always carries the version it was written with, but be safe
  return { ...(s as unknown as EscalationState), version };
}

function attemptOf(r: AttemptRow): AttemptRecord {
  return {
    id: String(r.id),
    alertId: r.alert_id,
    noticeSeq: Number(r.notice_seq),
    noticeKind: r.notice_kind === 'recovery' ? 'recovery' : 'alert',
    step: Number(r.step),
    recipientId: r.recipient_id,
    channel: r.channel as ChannelKind,
    recipient: r.recipient,
    attemptNo: Number(r.attempt_no),
    status: r.status as DeliveryStatus,
    providerId: r.provider_id ?? undefined,
    error: r.error ?? undefined,
    detail: r.detail ?? undefined,
    at: r.attempted_at,
    updatedAt: r.updated_at,
  };
}

function clamp(limit: number): number {
  return Math.max(1, Math.min(1000, Math.floor(limit)));
}
