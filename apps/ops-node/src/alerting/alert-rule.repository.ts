import { AlertSeverity, ResourceClass } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { AlertRule, Comparator, RuleKind } from './rule-engine';

export type RuleInput = Omit<AlertRule, 'id'>;

const COLS: Record<keyof RuleInput, string> = {
  name: 'name',
  kind: 'kind',
  metric: 'metric',
  resourceClass: 'resource_class',
  resourceId: 'resource_id',
  comparator: 'comparator',
  threshold: 'threshold',
  recoveryThreshold: 'recovery_threshold',
  forSeconds: 'for_seconds',
  severity: 'severity',
  repeatIntervalSeconds: 'repeat_interval_seconds',
  marksDown: 'marks_down',
  enabled: 'enabled',
};

function toRule(r: Record<string, unknown>): AlertRule {
  return {
    id: Number(r.id),
    name: String(r.name),
    kind: r.kind as RuleKind,
    metric: String(r.metric),
    resourceClass: (r.resource_class as ResourceClass | null) ?? null,
    resourceId: (r.resource_id as string | null) ?? null,
    comparator: r.comparator as Comparator,
    threshold: Number(r.threshold),
    recoveryThreshold: r.recovery_threshold === null ? null : Number(r.recovery_threshold),
    forSeconds: Number(r.for_seconds),
    severity: r.severity as AlertSeverity,
    repeatIntervalSeconds: Number(r.repeat_interval_seconds),
    marksDown: Number(r.marks_down) === 1,
    enabled: Number(r.enabled) === 1,
  };
}

const dbValue = (v: unknown) => (typeof v === 'boolean' ? Number(v) : v);

/** Alert rules (告警规则): metric or state, comparator, threshold, recovery threshold, hold duration, severity, repeat. */
export class AlertRuleRepository {
  constructor(private readonly db: EntityManager) {}

  async list(): Promise<AlertRule[]> {
    return ((await this.db.query('SELECT * FROM alert_rule ORDER BY id')) as Record<string, unknown>[]).map(toRule);
  }

  async get(id: number): Promise<AlertRule | undefined> {
    const [r] = (await this.db.query('SELECT * FROM alert_rule WHERE id = ?', [id])) as Record<string, unknown>[];
    return r ? toRule(r) : undefined;
  }

  async create(r: RuleInput, now: Date): Promise<number> {
    const keys = Object.keys(COLS) as (keyof RuleInput)[];
    const res = (await this.db.query(
      `INSERT INTO alert_rule (${keys.map((k) => COLS[k]).join(', ')}, created_at, updated_at) VALUES (${keys.map(() => '?').join(',')},?,?)`,
      [...keys.map((k) => dbValue(r[k])), now, now],
    )) as { insertId: number };
    return res.insertId;
  }

  async update(id: number, patch: Partial<RuleInput>, now: Date): Promise<boolean> {
    const keys = (Object.keys(COLS) as (keyof RuleInput)[]).filter((k) => patch[k] !== undefined);
    const res = (await this.db.query(`UPDATE alert_rule SET ${[...keys.map((k) => `${COLS[k]} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`, [
      ...keys.map((k) => dbValue(patch[k])),
      now,
      id,
    ])) as { affectedRows: number };
    return res.affectedRows > 0;
  }

  async delete(id: number): Promise<boolean> {
    const res = (await this.db.query('DELETE FROM alert_rule WHERE id = ?', [id])) as { affectedRows: number };
    return res.affectedRows > 0;
  }
}
