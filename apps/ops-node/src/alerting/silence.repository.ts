import { AlertSeverity } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { Silence } from './notification-policy';

export type SilenceInput = Omit<Silence, 'id' | 'cancelledAt'> & { reason: string; createdBy: string };

function toSilence(r: Record<string, unknown>): Silence & { reason: string; createdBy: string; createdAt: Date } {
  return {
    id: Number(r.id),
    kind: r.kind as Silence['kind'],
    ruleId: r.rule_id === null ? null : Number(r.rule_id),
    resourceId: (r.resource_id as string | null) ?? null,
    subResourceId: (r.sub_resource_id as string | null) ?? null,
    metric: (r.metric as string | null) ?? null,
    severity: (r.severity as AlertSeverity | null) ?? null,
    startsAt: r.starts_at as Date,
    endsAt: r.ends_at as Date,
    cancelledAt: (r.cancelled_at as Date | null) ?? null,
    reason: String(r.reason),
    createdBy: String(r.created_by),
    createdAt: r.created_at as Date,
  };
}

/** Silences and maintenance windows (静默 / 维护窗口), each with an expiry. */
export class SilenceRepository {
  constructor(private readonly db: EntityManager) {}

  async create(s: SilenceInput, now: Date): Promise<number> {
    const r = (await this.db.query(
      'INSERT INTO alert_silence (kind, rule_id, resource_id, sub_resource_id, metric, severity, starts_at, ends_at, reason, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
      [s.kind, s.ruleId, s.resourceId, s.subResourceId, s.metric, s.severity, s.startsAt, s.endsAt, s.reason, s.createdBy, now],
    )) as { insertId: number };
    return r.insertId;
  }

  /** Silences not yet expired or cancelled (the ones that can still matter). */
  async current(now: Date): Promise<Silence[]> {
    return (
      (await this.db.query('SELECT * FROM alert_silence WHERE cancelled_at IS NULL AND ends_at > ? ORDER BY id', [now])) as Record<string, unknown>[]
    ).map(toSilence);
  }

  async list(includeExpired: boolean, now: Date) {
    const rows = (await this.db.query(
      `SELECT * FROM alert_silence ${includeExpired ? '' : 'WHERE cancelled_at IS NULL AND ends_at > ?'} ORDER BY id DESC LIMIT 1000`,
      includeExpired ? [] : [now],
    )) as Record<string, unknown>[];
    return rows.map(toSilence);
  }

  async get(id: number) {
    const [r] = (await this.db.query('SELECT * FROM alert_silence WHERE id = ?', [id])) as Record<string, unknown>[];
    return r ? toSilence(r) : undefined;
  }

  async cancel(id: number, now: Date): Promise<boolean> {
    const r = (await this.db.query('UPDATE alert_silence SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL AND ends_at > ?', [now, id, now])) as {
      affectedRows: number;
    };
    return r.affectedRows > 0;
  }
}
