import { Clock, ScheduledTick, scheduleEvery } from '@app/common';
import { AlertStatus } from '@app/ops-contract';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OpsNodeConfig } from '../config/ops-node.config';
import { UnitOfWork } from '../database/unit-of-work';
import { AlertRepository, AlertRow, SEVERITY_LABELS } from './alert.repository';
import { SystemLogRepository } from '../system-log';
import { AlertEvents, AlertNotice, NoticeAlert } from './alert-events';
import { groupKeyOf, matchingSilence, NoticeKind, readyGroups, suppressingResource, sweepDecision, worstSeverity } from './notification-policy';
import { NoticeOutboxRepository } from './notice-outbox.repository';
import { SilenceRepository } from './silence.repository';
import { TopologyRepository } from './topology.repository';

const KIND_OF_EVENT: Record<string, NoticeKind> = { ALERT_FIRING: 'FIRING', ALERT_REPEAT: 'REPEAT', ALERT_RESOLVED: 'RESOLVED' };
const KIND_LABEL: Record<NoticeKind | 'MIXED', string> = { FIRING: '告警', REPEAT: '告警提醒', RESOLVED: '恢复', MIXED: '告警与恢复' };

/**
 * Turns alert events into notices: every tick it (1) sweeps open alerts — silences and topology
 * suppression are re-checked, reminders fall due on the rule's repeat interval, a first notice held
 * back by a mute goes out when the mute ends — and (2) closes the groups whose window has passed:
 * all their pending events become one row of alert_notification_outbox, emitted on AlertEvents.
 */
@Injectable()
export class AlertNotifierService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertNotifier');
  private task?: ScheduledTick;
  private running?: Promise<void>;
  totals = { notices: 0, reminders: 0 };

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: NoticeOutboxRepository,
    private readonly alerts: AlertRepository,
    private readonly silences: SilenceRepository,
    private readonly topology: TopologyRepository,
    private readonly log: SystemLogRepository,
    private readonly events: AlertEvents,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.task = scheduleEvery(this.config.ALERT_NOTIFY_TICK_MS, 'alert-notify', () => this.tick());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
    await this.running;
  }

  /** One sweep and one flush; never two at once. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    const p = (async () => {
      try {
        await this.sweep();
        await this.flush();
      } catch (err) {
        this.logger.error({ msg: 'notification tick failed', err: (err as Error).message });
      }
    })().finally(() => {
      if (this.running === p) this.running = undefined;
    });
    this.running = p;
    return p;
  }

  async sweep(): Promise<void> {
    const active = await this.alerts.active();
    if (!active.length) return;
    const now = this.clock.now();
    const silences = await this.silences.current(now);
    const down = await this.alerts.downResources();
    const parents = await this.topology.parents();
    for (const a of active) {
      const ident = { ruleId: Number(a.threshold_id), resourceId: a.resource_id, subResourceId: a.sub_resource_id, metric: a.metric, severity: a.severity };
      const silencedBy = matchingSilence(silences, ident, now)?.id ?? null;
      const suppressedBy = suppressingResource(ident, down, parents) ?? null;
      if (silencedBy !== (a.silenced_by === null ? null : Number(a.silenced_by)) || suppressedBy !== a.suppressed_by)
        await this.alerts.setMute(a.alert_id, silencedBy, suppressedBy);
      const kind = sweepDecision(
        {
          status: a.status as 'FIRING' | 'ACKNOWLEDGED',
          notifyCount: Number(a.notify_count),
          lastNotifiedAt: a.last_notified_at,
          muted: silencedBy !== null || suppressedBy !== null,
        },
        Number(a.repeat_interval_seconds ?? 0),
        now,
      );
      if (!kind) continue;
      await this.uow.run(async (tx) => {
        const fresh = await tx.get(AlertRepository).get(a.alert_id, true);
        if (!fresh || fresh.status !== AlertStatus.FIRING || Number(fresh.notify_count) !== Number(a.notify_count)) return; // moved meanwhile
        await tx.get(AlertRepository).markNotified(a.alert_id, now);
        await tx.get(SystemLogRepository).write(
          [
            {
              level: 'WARN',
              category: 'ALERT',
              event: kind === 'REPEAT' ? 'ALERT_REPEAT' : 'ALERT_FIRING',
              alertId: a.alert_id,
              ruleId: ident.ruleId,
              resourceId: a.resource_id,
              subResourceId: a.sub_resource_id,
              severity: a.severity,
              groupKey: groupKeyOf(this.config.ALERT_GROUP_BY, { ...ident, alertId: a.alert_id }),
              message:
                kind === 'REPEAT'
                  ? `【提醒】${a.rule_name ?? a.metric}：${a.resource_id} 告警仍未确认（第 ${Number(a.notify_count) + 1} 次通知）`
                  : `【${SEVERITY_LABELS[a.severity]}】${a.rule_name ?? a.metric}：${a.resource_id} 静默/抑制已结束，补发告警通知`,
            },
          ],
          now,
        );
      });
      if (kind === 'REPEAT') this.totals.reminders++;
    }
  }

  /** Closes every group whose oldest pending event is older than the grouping window. Returns the notices created. */
  async flush(): Promise<AlertNotice[]> {
    const pending = await this.log.owedNotice(5000);
    if (!pending.length) return [];
    const now = this.clock.now();
    const ready = readyGroups(
      pending.map((p) => ({ logId: Number(p.id), groupKey: p.group_key, at: p.logged_at })),
      now,
      this.config.ALERT_GROUP_WINDOW_SECONDS * 1000,
    );
    const out: AlertNotice[] = [];
    for (const key of ready) {
      const notice = await this.uow.run(async (tx) => {
        const rows = await tx.get(SystemLogRepository).lockOwedOfGroup<AlertRow>(key);
        if (!rows.length) return undefined;
        const alerts: NoticeAlert[] = rows.map((r) => ({
          alertId: r.alert_id,
          event: KIND_OF_EVENT[r.event] ?? 'FIRING',
          ruleName: r.rule_name,
          resourceId: r.resource_id,
          subResourceId: r.sub_resource_id,
          metric: r.metric,
          severity: r.severity,
          status: r.status,
          value: Number(r.last_value ?? r.value),
          threshold: Number(r.threshold),
          message: r.message,
          raisedAt: r.raised_at,
          resolvedAt: r.resolved_at,
        }));
        const kinds = new Set(alerts.map((a) => a.event));
        const kind = kinds.size === 1 ? [...kinds][0] : 'MIXED';
        const severity = worstSeverity(alerts.map((a) => a.severity));
        const where = new Set(alerts.map((a) => a.resourceId));
        const title = `【${KIND_LABEL[kind]}·${SEVERITY_LABELS[severity]}】${where.size === 1 ? [...where][0] : `${where.size} 个资源`} 共 ${alerts.length} 条`;
        const noticeId = await tx.get(NoticeOutboxRepository).insert({ groupKey: key, kind, severity, title, alerts }, now);
        await tx.get(SystemLogRepository).attachNotice(
          noticeId,
          rows.map((r) => r.id),
        );
        return { noticeId, groupKey: key, kind, severity, title, alerts, createdAt: now } satisfies AlertNotice;
      });
      if (notice) {
        out.push(notice);
        this.totals.notices++;
        this.events.emitNotice(notice);
      }
    }
    return out;
  }

  /** Notices for a channel worker: oldest first. Taking marks them, so two workers never deliver one twice. */
  async take(worker: string, limit: number): Promise<AlertNotice[]> {
    return this.uow.run((tx) => tx.get(NoticeOutboxRepository).take(worker, limit, this.clock.now()));
  }

  async list(state: string | undefined, limit: number): Promise<AlertNotice[]> {
    return this.outbox.list(state, limit);
  }
}
