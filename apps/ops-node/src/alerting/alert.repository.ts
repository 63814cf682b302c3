import { AlertSeverity, AlertStatus, ReportItem, ResourceClass } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { toWire, toWireOrUndefined } from '../core/wire-time';
import { ALERT_STATE_LABEL, AlertEvent, alertMachine, recoveryEventOf } from './alert-state-machine';
import { SeriesPhase, SeriesState, seriesKey, Transition } from './rule-engine';

export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  [AlertSeverity.CRITICAL]: '紧急',
  [AlertSeverity.MAJOR]: '重要',
  [AlertSeverity.MINOR]: '次要',
  [AlertSeverity.WARNING]: '提示',
};

export interface AlertRow {
  alert_id: string;
  threshold_id: number;
  rule_name: string | null;
  fingerprint: string | null;
  resource_id: string;
  sub_resource_id: string;
  resource_class: ResourceClass;
  metric: string;
  severity: AlertSeverity;
  status: AlertStatus;
  value: number;
  threshold: number;
  last_value: number | null;
  message: string;
  raised_at: Date;
  pending_since: Date | null;
  resolved_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  silenced_by: number | null;
  suppressed_by: string | null;
  notify_count: number;
  last_notified_at: Date | null;
  updated_at: Date;
  /** the work order raised from this alert (转工单), if any */
  work_order_id?: string | null;
}

/** The resource class of an alert about a work order (its SLA), not about a monitored resource: never reported in 告警类信息. */
export const WORK_ORDER_ALERT_CLASS = 'WORK_ORDER';

/** An alert raised by another feature through AlertEngineService.raiseExternal (no rule behind it: threshold_id 0). */
export interface ExternalAlert {
  alertId: string;
  /** one open alert per key (the unique open_key) */
  key: string;
  ruleName: string;
  resourceId: string;
  resourceClass: string;
  metric: string;
  severity: AlertSeverity;
  value: number;
  threshold: number;
  message: string;
}

export interface AlertFilter {
  status?: string;
  severity?: string;
  resourceId?: string;
  resourceClass?: string;
  ruleId?: number;
  from?: Date;
  to?: Date;
  limit: number;
}

export function alertMessage(t: Extract<Transition, { kind: 'FIRING' }>): string {
  const s = t.sample;
  return `【${SEVERITY_LABELS[t.rule.severity]}】${t.rule.name}：${s.resourceId}${s.subResourceId ? ` ${s.subResourceId}` : ''} ${s.metric}=${s.value}${s.unit} ${t.rule.comparator} 阈值 ${t.rule.threshold}`;
}

/** The alerts (ops_alert, reported to the city as 告警类信息) and the per-series state behind them. */
export class AlertRepository {
  constructor(private readonly db: EntityManager) {}

  async seriesStates(): Promise<{ key: string; state: SeriesState }[]> {
    const rows = (await this.db.query('SELECT * FROM alert_series_state')) as Record<string, unknown>[];
    return rows.map((r) => ({
      key: seriesKey(Number(r.rule_id), String(r.resource_id), String(r.sub_resource_id)),
      state: {
        phase: r.phase as SeriesPhase,
        since: (r.since as Date | null) ?? null,
        alertId: (r.alert_id as string | null) ?? null,
        lastAt: (r.last_at as Date | null) ?? null,
      },
    }));
  }

  async saveSeriesState(t: Transition, state: SeriesState, now: Date): Promise<void> {
    const { resourceId, subResourceId } = t.sample;
    if (state.phase === 'INACTIVE') {
      await this.db.query('DELETE FROM alert_series_state WHERE rule_id = ? AND resource_id = ? AND sub_resource_id = ?', [
        t.rule.id,
        resourceId,
        subResourceId,
      ]);
      return;
    }
    await this.db.query(
      `INSERT INTO alert_series_state (rule_id, resource_id, sub_resource_id, phase, since, alert_id, last_at, updated_at) VALUES (?,?,?,?,?,?,?,?)
       ON DUPLICATE KEY UPDATE phase = VALUES(phase), since = VALUES(since), alert_id = VALUES(alert_id), last_at = VALUES(last_at), updated_at = VALUES(updated_at)`,
      [t.rule.id, resourceId, subResourceId, state.phase, state.since, state.alertId, state.lastAt, now],
    );
  }

  /** A new firing alert. The unique open_key (one open alert per series) makes a double raise a no-op. */
  async insertFiring(
    t: Extract<Transition, { kind: 'FIRING' }>,
    mute: { silencedBy: number | null; suppressedBy: string | null; notify: boolean },
    now: Date,
  ): Promise<boolean> {
    const s = t.sample;
    const r = (await this.db.query(
      `INSERT IGNORE INTO ops_alert (alert_id, threshold_id, rule_name, open_key, fingerprint, resource_id, sub_resource_id, resource_class, metric, severity, status, value, threshold, last_value, message,
         raised_at, pending_since, silenced_by, suppressed_by, notify_count, last_notified_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [
        t.alertId,
        t.rule.id,
        t.rule.name,
        t.key,
        t.key,
        s.resourceId,
        s.subResourceId,
        t.resourceClass,
        s.metric,
        t.rule.severity,
        alertMachine.targetOf(AlertEvent.RAISE),
        s.value,
        t.rule.threshold,
        s.value,
        alertMessage(t).slice(0, 512),
        now,
        t.pendingSince,
        mute.silencedBy,
        mute.suppressedBy,
        mute.notify ? 1 : 0,
        mute.notify ? now : null,
        now,
      ],
    )) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  /** An alert with no rule behind it (threshold_id 0), firing from now; false when one with the same open key is open. */
  async insertExternal(a: ExternalAlert, notify: boolean, now: Date): Promise<boolean> {
    const r = (await this.db.query(
      `INSERT IGNORE INTO ops_alert (alert_id, threshold_id, rule_name, open_key, fingerprint, resource_id, sub_resource_id, resource_class, metric, severity, status, value, threshold, last_value, message,
         raised_at, pending_since, silenced_by, suppressed_by, notify_count, last_notified_at, updated_at) VALUES (?,0,?,?,?,?,'',?,?,?,?,?,?,?,?,?,NULL,NULL,NULL,?,?,?)`,
      [
        a.alertId,
        a.ruleName,
        a.key,
        a.key,
        a.resourceId,
        a.resourceClass,
        a.metric,
        a.severity,
        alertMachine.targetOf(AlertEvent.RAISE),
        a.value,
        a.threshold,
        a.value,
        a.message.slice(0, 512),
        now,
        notify ? 1 : 0,
        notify ? now : null,
        now,
      ],
    )) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  /** Links the work order raised from the alert (once: false when the alert has one already). */
  async linkWorkOrder(alertId: string, orderId: string): Promise<boolean> {
    const r = (await this.db.query('UPDATE ops_alert SET work_order_id = ? WHERE alert_id = ? AND work_order_id IS NULL', [orderId, alertId])) as {
      affectedRows: number;
    };
    return r.affectedRows > 0;
  }

  /**
   * Recovery, once per alert: RECOVER to RESOLVED, or RECOVER_CLOSED (a closed alert stays closed but
   * gets its recovery time); the series' open key is freed either way. Returns the row before the change.
   */
  async resolve(alertId: string, value: number | null, now: Date): Promise<AlertRow | undefined> {
    const [row] = (await this.db.query('SELECT * FROM ops_alert WHERE alert_id = ? FOR UPDATE', [alertId])) as AlertRow[];
    if (!row || row.resolved_at) return undefined;
    const event = recoveryEventOf(row.status);
    if (!alertMachine.can(row.status, event)) return undefined;
    const from = alertMachine.allowedFrom(event);
    await this.db.query(
      `UPDATE ops_alert SET status = ?, open_key = NULL, resolved_at = ?, last_value = COALESCE(?, last_value), updated_at = ? WHERE alert_id = ? AND status IN (${from.map(() => '?').join(',')})`,
      [alertMachine.targetOf(event), now, value, now, alertId, ...from],
    );
    return row;
  }

  async get(alertId: string, lock = false): Promise<AlertRow | undefined> {
    const [r] = (await this.db.query(`SELECT * FROM ops_alert WHERE alert_id = ?${lock ? ' FOR UPDATE' : ''}`, [alertId])) as AlertRow[];
    return r;
  }

  /** An operator's move (确认 or 关闭, with who and when), only from a status the machine allows it in; false when the alert was not in one. */
  async transition(alertId: string, event: AlertEvent.ACKNOWLEDGE | AlertEvent.CLOSE, actor: string, now: Date): Promise<boolean> {
    const from = alertMachine.allowedFrom(event);
    const cols = event === AlertEvent.ACKNOWLEDGE ? 'acknowledged_at = ?, acknowledged_by = ?' : 'closed_at = ?, closed_by = ?';
    const r = (await this.db.query(
      `UPDATE ops_alert SET status = ?, ${cols}, updated_at = ? WHERE alert_id = ? AND status IN (${from.map(() => '?').join(',')})`,
      [alertMachine.targetOf(event), now, actor, now, alertId, ...from],
    )) as { affectedRows: number };
    return r.affectedRows > 0;
  }

  /** Alerts still open (firing or acknowledged, not yet recovered), with what the notification sweep needs. */
  async active(): Promise<(AlertRow & { repeat_interval_seconds: number | null })[]> {
    return (await this.db.query(
      `SELECT a.*, r.repeat_interval_seconds FROM ops_alert a LEFT JOIN alert_rule r ON r.id = a.threshold_id WHERE a.open_key IS NOT NULL AND a.status IN ('FIRING', 'ACKNOWLEDGED')`,
    )) as (AlertRow & { repeat_interval_seconds: number | null })[];
  }

  /** Resources that are down: an open alert of a "marks down" rule on the resource itself. */
  async downResources(): Promise<Set<string>> {
    const rows = (await this.db.query(
      `SELECT DISTINCT a.resource_id FROM ops_alert a JOIN alert_rule r ON r.id = a.threshold_id WHERE a.open_key IS NOT NULL AND r.marks_down = 1 AND a.sub_resource_id = ''`,
    )) as { resource_id: string }[];
    return new Set(rows.map((r) => r.resource_id));
  }

  async setMute(alertId: string, silencedBy: number | null, suppressedBy: string | null): Promise<void> {
    await this.db.query('UPDATE ops_alert SET silenced_by = ?, suppressed_by = ? WHERE alert_id = ?', [silencedBy, suppressedBy, alertId]);
  }

  async markNotified(alertId: string, now: Date): Promise<void> {
    await this.db.query('UPDATE ops_alert SET notify_count = notify_count + 1, last_notified_at = ? WHERE alert_id = ?', [now, alertId]);
  }

  async openOfRule(ruleId: number): Promise<AlertRow[]> {
    return (await this.db.query('SELECT * FROM ops_alert WHERE threshold_id = ? AND open_key IS NOT NULL', [ruleId])) as AlertRow[];
  }

  async deleteSeriesOfRule(ruleId: number): Promise<void> {
    await this.db.query('DELETE FROM alert_series_state WHERE rule_id = ?', [ruleId]);
  }

  async list(f: AlertFilter): Promise<Record<string, unknown>[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      if (v !== undefined && v !== null && v !== '') {
        where.push(sql);
        params.push(v);
      }
    };
    add('status = ?', f.status);
    add('severity = ?', f.severity);
    add('resource_id = ?', f.resourceId);
    add('resource_class = ?', f.resourceClass);
    add('threshold_id = ?', f.ruleId);
    add('raised_at >= ?', f.from);
    add('raised_at < ?', f.to);
    const rows = (await this.db.query(
      `SELECT * FROM ops_alert ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC LIMIT ${Math.min(5000, Math.max(1, f.limit))}`,
      params,
    )) as AlertRow[];
    return rows.map(present);
  }

  /**
   * Alerts changed at or after `since`, oldest change first (the live alert window). `updated_at` is the
   * writer's clock, not commit order, so the stream reads with an overlap and drops what it has sent.
   */
  async changedSince(since: Date, limit: number): Promise<AlertRow[]> {
    return (await this.db.query(`SELECT * FROM ops_alert WHERE updated_at >= ? ORDER BY updated_at, alert_id LIMIT ${Math.min(5000, Math.max(1, limit))}`, [
      since,
    ])) as AlertRow[];
  }

  /** Report items (告警类信息): everything not closed (full) or what changed in (from, to]. */
  async items(range?: { from: Date | null; to: Date }): Promise<ReportItem[]> {
    const rows = (await this.db.query(
      range
        ? `SELECT * FROM ops_alert WHERE resource_class <> ? AND updated_at <= ? ${range.from ? 'AND updated_at > ?' : ''} ORDER BY raised_at`
        : `SELECT * FROM ops_alert WHERE resource_class <> ? AND status <> 'CLOSED' ORDER BY raised_at`,
      [WORK_ORDER_ALERT_CLASS, ...(range ? [range.to, ...(range.from ? [range.from] : [])] : [])],
    )) as Record<string, unknown>[];
    return rows.map((r) => {
      const item: ReportItem = {
        alertId: String(r.alert_id),
        resourceId: String(r.resource_id),
        resourceClass: String(r.resource_class),
        metric: String(r.metric),
        severity: String(r.severity),
        status: String(r.status),
        value: Number(r.value),
        threshold: Number(r.threshold),
        message: String(r.message),
        raisedAt: toWire(r.raised_at as Date),
      };
      const resolved = toWireOrUndefined(r.resolved_at as Date | null);
      if (resolved) item.resolvedAt = resolved;
      return item;
    });
  }
}

/** The API view of an alert: identity, lifecycle, labels for the alert window. */
export function present(r: AlertRow): Record<string, unknown> {
  return {
    alertId: r.alert_id,
    ruleId: Number(r.threshold_id),
    ruleName: r.rule_name,
    fingerprint: r.fingerprint,
    resourceId: r.resource_id,
    subResourceId: r.sub_resource_id || null,
    resourceClass: r.resource_class,
    metric: r.metric,
    severity: r.severity,
    severityLabel: SEVERITY_LABELS[r.severity] ?? r.severity,
    status: r.status,
    statusLabel: ALERT_STATE_LABEL[r.status] ?? r.status,
    value: Number(r.value),
    threshold: Number(r.threshold),
    lastValue: r.last_value === null ? null : Number(r.last_value),
    message: r.message,
    pendingSince: r.pending_since,
    raisedAt: r.raised_at,
    resolvedAt: r.resolved_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    silencedBy: r.silenced_by === null ? null : Number(r.silenced_by),
    suppressedBy: r.suppressed_by,
    notifyCount: Number(r.notify_count),
    lastNotifiedAt: r.last_notified_at,
    updatedAt: r.updated_at,
    workOrderId: r.work_order_id ?? null,
  };
}
