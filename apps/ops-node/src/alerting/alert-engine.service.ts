import { AppError, Clock, Repositories } from '@app/common';
import { AlertSeverity, AlertStatus, ResourceClass } from '@app/ops-contract';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '../database/unit-of-work';
import { OpsNodeConfig } from '../config/ops-node.config';
import { InventoryRepository } from '../inventory';
import { AlertRepository, AlertRow, ExternalAlert, present, SEVERITY_LABELS } from './alert.repository';
import { LogLevel, SystemLogRepository } from '../system-log';
import { AlertEventKind, AlertEvents } from './alert-events';
import { AlertEvent, alertMachine, recoveryEventOf } from './alert-state-machine';
import { AlertRuleRepository, RuleInput } from './alert-rule.repository';
import { groupKeyOf, matchingSilence, Silence, suppressingResource } from './notification-policy';
import { AlertRule, EvalSample, INACTIVE, RuleEngine, SeriesState, Transition } from './rule-engine';
import { SilenceRepository } from './silence.repository';
import { TopologyRepository } from './topology.repository';

export interface EvalResult {
  transitions: number;
  fired: string[];
  resolved: string[];
}

interface MuteContext {
  silences: Silence[];
  down: Set<string>;
  parents: Map<string, string>;
}

const levelOf = (s: AlertSeverity): LogLevel => (s === AlertSeverity.CRITICAL || s === AlertSeverity.MAJOR ? 'ERROR' : 'WARN');
const CLASS_REFRESH_MS = 30_000;

/**
 * 告警引擎: runs every stored sample through the rules, persists each transition (alert row, series
 * state and system-log entry in one transaction), and owns the operator's lifecycle actions
 * (acknowledge, close) and rule changes. Evaluations are serialised, so the in-memory series state
 * always matches what was committed; a failed write reloads it from the database.
 */
@Injectable()
export class AlertEngineService {
  private readonly logger = new Logger('AlertEngine');
  private readonly engine = new RuleEngine([], () => `ALM-${randomUUID()}`);
  private classes = new Map<string, ResourceClass>();
  private classesAt = 0;
  private loaded = false;
  private chain: Promise<unknown> = Promise.resolve();
  totals = { evaluations: 0, samples: 0, fired: 0, resolved: 0, errors: 0 };

  constructor(
    private readonly uow: UnitOfWork,
    private readonly rules: AlertRuleRepository,
    private readonly alerts: AlertRepository,
    private readonly silences: SilenceRepository,
    private readonly topology: TopologyRepository,
    private readonly events: AlertEvents,
    private readonly inventory: InventoryRepository,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  /** Runs `fn` after every evaluation or action queued before it (one at a time, failures do not block the queue). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn, fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private async reload(): Promise<void> {
    this.engine.setRules(await this.rules.list());
    this.engine.clear();
    for (const { key, state } of await this.alerts.seriesStates()) this.engine.load(key, state);
    await this.refreshClasses();
    this.loaded = true;
  }

  private async refreshClasses(): Promise<void> {
    this.classes = await this.inventory.resourceClassOf();
    this.classesAt = Date.now();
  }

  evaluate(samples: EvalSample[]): Promise<EvalResult> {
    return this.serial(() => this.evaluateNow(samples));
  }

  private async evaluateNow(samples: EvalSample[]): Promise<EvalResult> {
    if (!this.loaded) await this.reload();
    const relevant = samples.filter((s) => this.engine.hasRulesFor(s.metric));
    const result: EvalResult = { transitions: 0, fired: [], resolved: [] };
    if (!relevant.length) return result;
    if (Date.now() - this.classesAt > CLASS_REFRESH_MS || relevant.some((s) => !this.classes.has(s.resourceId) && Date.now() - this.classesAt > 2000))
      await this.refreshClasses();
    this.totals.evaluations++;
    this.totals.samples += relevant.length;
    const transitions = this.engine.evaluate(relevant, (id) => this.classes.get(id));
    if (!transitions.length) return result;
    const now = this.clock.now();
    const ctx: MuteContext = { silences: await this.silences.current(now), down: await this.alerts.downResources(), parents: await this.topology.parents() };
    for (const t of transitions) {
      try {
        const changed = await this.persist(t, ctx, now);
        result.transitions++;
        if (changed && t.kind === 'FIRING') result.fired.push(t.alertId);
        if (changed && t.kind === 'RESOLVED') result.resolved.push(t.alertId);
      } catch (err) {
        this.totals.errors++;
        this.logger.error({ msg: 'could not store an alert transition; reloading the alert state', kind: t.kind, series: t.key, err: (err as Error).message });
        await this.reload();
        break;
      }
    }
    this.totals.fired += result.fired.length;
    this.totals.resolved += result.resolved.length;
    if (result.fired.length) this.logger.warn({ msg: '告警 raised', alerts: result.fired });
    return result;
  }

  private async persist(t: Transition, ctx: MuteContext, now: Date): Promise<boolean> {
    const s = t.sample;
    const where = `${s.resourceId}${s.subResourceId ? ` ${s.subResourceId}` : ''}`;
    const base = { ruleId: t.rule.id, resourceId: s.resourceId, subResourceId: s.subResourceId, severity: t.rule.severity };
    switch (t.kind) {
      case 'PENDING':
        await this.uow.run(async (tx) => {
          await tx.get(AlertRepository).saveSeriesState(t, { phase: 'PENDING', since: s.sampledAt, alertId: null, lastAt: s.sampledAt }, now);
          await tx.get(SystemLogRepository).write(
            [
              {
                ...base,
                level: 'INFO',
                category: 'ALERT',
                event: 'ALERT_PENDING',
                message: `${t.rule.name}：${where} ${s.metric}=${s.value}${s.unit} 越过阈值 ${t.rule.threshold}，持续 ${t.rule.forSeconds} 秒后告警（待定）`,
                detail: { value: s.value, sampledAt: s.sampledAt },
              },
            ],
            now,
          );
        });
        this.emit('PENDING', t, null, null, false, null, now);
        return true;
      case 'PENDING_CANCELLED':
        await this.uow.run(async (tx) => {
          await tx.get(AlertRepository).saveSeriesState(t, INACTIVE, now);
          await tx.get(SystemLogRepository).write(
            [
              {
                ...base,
                level: 'INFO',
                category: 'ALERT',
                event: 'ALERT_PENDING_CANCELLED',
                message: `${t.rule.name}：${where} 未持续满 ${t.rule.forSeconds} 秒即恢复（${s.metric}=${s.value}${s.unit}），不产生告警`,
                detail: { value: s.value, pendingSince: t.pendingSince },
              },
            ],
            now,
          );
        });
        this.emit('PENDING_CANCELLED', t, null, null, false, null, now);
        return true;
      case 'FIRING': {
        const silence = matchingSilence(ctx.silences, { ...base, metric: s.metric }, now);
        const suppressedBy = suppressingResource(s, ctx.down, ctx.parents);
        const notify = !silence && !suppressedBy;
        const groupKey = notify ? groupKeyOf(this.config.ALERT_GROUP_BY, { ...base, metric: s.metric, alertId: t.alertId }) : null;
        const state: SeriesState = { phase: 'FIRING', since: s.sampledAt, alertId: t.alertId, lastAt: s.sampledAt };
        let inserted = false;
        await this.uow.run(async (tx) => {
          inserted = await tx.get(AlertRepository).insertFiring(t, { silencedBy: silence?.id ?? null, suppressedBy: suppressedBy ?? null, notify }, now);
          if (!inserted) return; // another evaluator raised this series already
          await tx.get(AlertRepository).saveSeriesState(t, state, now);
          const why = silence
            ? `（${silence.kind === 'MAINTENANCE' ? '维护窗口' : '静默'} #${silence.id} 期间，不发送通知）`
            : suppressedBy
              ? `（上游资源 ${suppressedBy} 宕机，已抑制通知）`
              : '';
          await tx.get(SystemLogRepository).write(
            [
              {
                ...base,
                alertId: t.alertId,
                level: levelOf(t.rule.severity),
                category: 'ALERT',
                event: 'ALERT_FIRING',
                groupKey,
                message: `【${SEVERITY_LABELS[t.rule.severity]}】${t.rule.name}：${where} ${s.metric}=${s.value}${s.unit} ${t.rule.comparator} 阈值 ${t.rule.threshold}${why}`,
                detail: {
                  value: s.value,
                  threshold: t.rule.threshold,
                  pendingSince: t.pendingSince,
                  silencedBy: silence?.id ?? null,
                  suppressedBy: suppressedBy ?? null,
                },
              },
            ],
            now,
          );
        });
        if (!inserted) {
          await this.reload();
          return false;
        }
        if (t.rule.marksDown && !s.subResourceId) ctx.down.add(s.resourceId);
        this.emit('FIRING', t, t.alertId, AlertStatus.FIRING, !notify, null, now);
        return true;
      }
      case 'RESOLVED': {
        let before: AlertRow | undefined;
        await this.uow.run(async (tx) => {
          before = await tx.get(AlertRepository).resolve(t.alertId, s.value, now);
          await tx.get(AlertRepository).saveSeriesState(t, INACTIVE, now);
          if (!before) return;
          // the recovery notice always goes out to whoever was told about the alert
          const groupKey = Number(before.notify_count) > 0 ? groupKeyOf(this.config.ALERT_GROUP_BY, { ...base, metric: s.metric, alertId: t.alertId }) : null;
          await tx.get(SystemLogRepository).write(
            [
              {
                ...base,
                alertId: t.alertId,
                level: 'INFO',
                category: 'ALERT',
                event: 'ALERT_RESOLVED',
                groupKey,
                message: `【恢复】${t.rule.name}：${where} ${s.metric}=${s.value}${s.unit}，告警已恢复`,
                detail: { value: s.value, recoveryThreshold: t.rule.recoveryThreshold },
              },
            ],
            now,
          );
        });
        if (t.rule.marksDown && !s.subResourceId) ctx.down.delete(s.resourceId);
        if (before) this.emit('RESOLVED', t, t.alertId, alertMachine.targetOf(recoveryEventOf(before.status)), false, null, now);
        return before !== undefined;
      }
    }
  }

  private emit(event: AlertEventKind, t: Transition, alertId: string | null, status: AlertStatus | null, muted: boolean, actor: string | null, at: Date): void {
    const s = t.sample;
    this.events.emitStateChanged({
      event,
      alertId,
      ruleId: t.rule.id,
      ruleName: t.rule.name,
      resourceId: s.resourceId,
      subResourceId: s.subResourceId,
      metric: s.metric,
      severity: t.rule.severity,
      status,
      value: s.value,
      muted,
      actor,
      at,
    });
  }

  // ---- alerts raised by other features

  /**
   * Raises an alert that no rule evaluates (a work order's SLA warning or breach): the alert row and its
   * ALERT_FIRING log line (owed a notice, so the escalation pages the on-call person) commit in one
   * transaction with `within`, the caller's own change in that transaction — nothing is raised when it
   * answers false (the caller's "once" guard). Silences that match apply as for any alert.
   */
  raiseExternal(a: ExternalAlert, within: (tx: Repositories) => Promise<boolean>): Promise<boolean> {
    return this.serial(async () => {
      const now = this.clock.now();
      const ident = { ruleId: 0, resourceId: a.resourceId, subResourceId: '', metric: a.metric, severity: a.severity };
      const silence = matchingSilence(await this.silences.current(now), ident, now);
      const groupKey = silence ? null : groupKeyOf(this.config.ALERT_GROUP_BY, { ...ident, alertId: a.alertId });
      const raised = await this.uow.run(async (tx) => {
        if (!(await within(tx))) return false;
        if (!(await tx.get(AlertRepository).insertExternal(a, !silence, now))) return false;
        await tx.get(SystemLogRepository).write(
          [
            {
              level: levelOf(a.severity),
              category: 'ALERT',
              event: 'ALERT_FIRING',
              alertId: a.alertId,
              ruleId: 0,
              resourceId: a.resourceId,
              severity: a.severity,
              groupKey,
              message: a.message,
              detail: { value: a.value, threshold: a.threshold, silencedBy: silence?.id ?? null },
            },
          ],
          now,
        );
        return true;
      });
      if (raised)
        this.events.emitStateChanged({
          event: 'FIRING',
          alertId: a.alertId,
          ruleId: 0,
          ruleName: a.ruleName,
          resourceId: a.resourceId,
          subResourceId: '',
          metric: a.metric,
          severity: a.severity,
          status: AlertStatus.FIRING,
          value: a.value,
          muted: silence !== undefined && silence !== null,
          actor: null,
          at: now,
        });
      return raised;
    });
  }

  // ---- operator actions on alerts

  acknowledge(alertId: string, actor: string, comment?: string) {
    return this.serial(() => this.act(alertId, actor, comment, 'ACKNOWLEDGED'));
  }

  close(alertId: string, actor: string, comment?: string) {
    return this.serial(() => this.act(alertId, actor, comment, 'CLOSED'));
  }

  private async act(alertId: string, actor: string, comment: string | undefined, to: 'ACKNOWLEDGED' | 'CLOSED') {
    const now = this.clock.now();
    const event = to === 'ACKNOWLEDGED' ? AlertEvent.ACKNOWLEDGE : AlertEvent.CLOSE;
    const row = await this.uow.run(async (tx) => {
      const a = await tx.get(AlertRepository).get(alertId, true);
      if (!a) throw AppError.notFound(`告警 ${alertId} 不存在`);
      alertMachine.next(a.status, event, alertId);
      await tx.get(AlertRepository).transition(alertId, event, actor, now);
      const verb = to === 'ACKNOWLEDGED' ? '确认' : '关闭';
      await tx.get(SystemLogRepository).write(
        [
          {
            level: 'INFO',
            category: 'ALERT',
            event: `ALERT_${to}`,
            alertId,
            ruleId: Number(a.threshold_id),
            resourceId: a.resource_id,
            subResourceId: a.sub_resource_id,
            severity: a.severity,
            actor,
            message: `${actor} ${verb}了告警 ${a.rule_name ?? a.metric}（${a.resource_id}）${comment ? `：${comment}` : ''}`,
            detail: comment ? { comment } : undefined,
          },
        ],
        now,
      );
      return (await tx.get(AlertRepository).get(alertId)) as AlertRow;
    });
    this.events.emitStateChanged({
      event: to,
      alertId,
      ruleId: Number(row.threshold_id),
      ruleName: row.rule_name ?? row.metric,
      resourceId: row.resource_id,
      subResourceId: row.sub_resource_id,
      metric: row.metric,
      severity: row.severity,
      status: row.status,
      value: row.last_value,
      muted: false,
      actor,
      at: now,
    });
    return present(row);
  }

  // ---- rule management

  listRules(): Promise<AlertRule[]> {
    return this.rules.list();
  }

  createRule(input: RuleInput, actor: string) {
    return this.serial(async () => {
      const now = this.clock.now();
      const id = await this.uow.run(async (tx) => {
        const newId = await tx.get(AlertRuleRepository).create(input, now);
        await tx.get(SystemLogRepository).write(
          [
            {
              level: 'INFO',
              category: 'RULE',
              event: 'RULE_CREATED',
              ruleId: newId,
              actor,
              message: `${actor} 新增告警规则「${input.name}」：${input.metric} ${input.comparator} ${input.threshold}`,
              detail: { ...input },
            },
          ],
          now,
        );
        return newId;
      });
      await this.reload();
      return (await this.rules.get(id)) as AlertRule;
    });
  }

  updateRule(id: number, patch: Partial<RuleInput>, actor: string) {
    return this.serial(async () => {
      const before = await this.rules.get(id);
      if (!before) throw AppError.notFound(`告警规则 ${id} 不存在`);
      const now = this.clock.now();
      await this.uow.run(async (tx) => {
        await tx.get(AlertRuleRepository).update(id, patch, now);
        await tx.get(SystemLogRepository).write(
          [
            {
              level: 'INFO',
              category: 'RULE',
              event: 'RULE_UPDATED',
              ruleId: id,
              actor,
              message: `${actor} 修改告警规则「${before.name}」`,
              detail: { before: { ...before }, patch: { ...patch } },
            },
          ],
          now,
        );
      });
      const after = (await this.rules.get(id)) as AlertRule;
      // a rule switched off, or given another metric or scope, no longer speaks for its open alerts
      if (!after.enabled || after.metric !== before.metric || after.resourceId !== before.resourceId || after.resourceClass !== before.resourceClass)
        await this.retire(before, '规则已停用或已修改监控对象', actor, now);
      await this.reload();
      return after;
    });
  }

  deleteRule(id: number, actor: string) {
    return this.serial(async () => {
      const before = await this.rules.get(id);
      if (!before) throw AppError.notFound(`告警规则 ${id} 不存在`);
      const now = this.clock.now();
      await this.retire(before, '规则已删除', actor, now);
      await this.uow.run(async (tx) => {
        await tx.get(AlertRuleRepository).delete(id);
        await tx.get(SystemLogRepository).write(
          [
            {
              level: 'INFO',
              category: 'RULE',
              event: 'RULE_DELETED',
              ruleId: id,
              actor,
              message: `${actor} 删除告警规则「${before.name}」`,
              detail: { ...before },
            },
          ],
          now,
        );
      });
      await this.reload();
      return { id, deleted: true };
    });
  }

  /** Resolves every open alert of a rule that stops applying, and forgets its series. */
  private async retire(rule: AlertRule, reason: string, actor: string, now: Date): Promise<void> {
    for (const a of await this.alerts.openOfRule(rule.id)) {
      await this.uow.run(async (tx) => {
        const before = await tx.get(AlertRepository).resolve(a.alert_id, null, now);
        if (!before) return;
        const groupKey =
          Number(before.notify_count) > 0
            ? groupKeyOf(this.config.ALERT_GROUP_BY, {
                ruleId: rule.id,
                resourceId: a.resource_id,
                subResourceId: a.sub_resource_id,
                metric: a.metric,
                severity: a.severity,
                alertId: a.alert_id,
              })
            : null;
        await tx.get(SystemLogRepository).write(
          [
            {
              level: 'INFO',
              category: 'ALERT',
              event: 'ALERT_RESOLVED',
              alertId: a.alert_id,
              ruleId: rule.id,
              resourceId: a.resource_id,
              subResourceId: a.sub_resource_id,
              severity: a.severity,
              actor,
              groupKey,
              message: `【恢复】${rule.name}：${a.resource_id} 告警结束（${reason}）`,
            },
          ],
          now,
        );
      });
    }
    await this.uow.run((tx) => tx.get(AlertRepository).deleteSeriesOfRule(rule.id));
    this.engine.forgetRule(rule.id);
  }
}
