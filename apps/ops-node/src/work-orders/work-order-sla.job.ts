import { Clock, ScheduledTick, scheduleEvery } from '@app/common';
import { AlertSeverity } from '@app/ops-contract';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AlertEngineService, WORK_ORDER_ALERT_CLASS } from '../alerting';
import { OpsNodeConfig } from '../config/ops-node.config';
import { WorkOrderHistoryRepository } from './work-order-history.repository';
import { WorkOrderRepository, WorkOrderRow } from './work-order.repository';
import { dueThresholds, SlaClock, SlaThreshold } from './work-order-sla';
import { OPEN_STATES } from './work-order-state-machine';

const CLOCK_LABEL: Record<SlaClock, string> = { RESPOND: '响应', RESOLVE: '解决' };

/** The severity of an SLA alert: a warning is 提示, a breach 重要 (紧急 for an order of ops level 1). */
export function slaSeverity(threshold: SlaThreshold, opsLevel: number): AlertSeverity {
  if (threshold === 'WARNING') return AlertSeverity.WARNING;
  return opsLevel === 1 ? AlertSeverity.CRITICAL : AlertSeverity.MAJOR;
}

/**
 * The SLA job: every WORK_ORDER_SLA_TICK_MS it looks at the open orders, and for each clock that passed
 * 75 % (warning) or 100 % (breach) of its target it marks the threshold and raises an alert of class
 * WORK_ORDER on the order through the alert engine — the mark, the alert and its log line in one
 * transaction, the mark a conditional UPDATE, so each threshold of each order raises exactly once,
 * across ticks, replicas and restarts. The alert then goes through the notification and escalation
 * of every alert (on-call A/B, channels, acknowledgement).
 */
@Injectable()
export class WorkOrderSlaJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkOrderSla');
  private task?: ScheduledTick;
  private running?: Promise<number>;

  constructor(
    private readonly repo: WorkOrderRepository,
    private readonly engine: AlertEngineService,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.task = scheduleEvery(this.config.WORK_ORDER_SLA_TICK_MS, 'work-order-sla', () => this.tick());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
    await this.running;
  }

  /** One pass; never two at once. Resolves to the number of alerts raised. */
  tick(): Promise<number> {
    if (this.running) return this.running;
    const p = this.pass().finally(() => {
      if (this.running === p) this.running = undefined;
    });
    this.running = p;
    return p;
  }

  private async pass(): Promise<number> {
    let raised = 0;
    for (const o of await this.repo.slaCandidates()) {
      const now = this.clock.now();
      for (const due of dueThresholds(o, now, OPEN_STATES.includes(o.state))) {
        try {
          if (await this.raise(o, due.clock, due.threshold, due.percent)) raised++;
        } catch (err) {
          this.logger.error({
            msg: 'could not raise an SLA alert',
            orderId: o.order_id,
            clock: due.clock,
            threshold: due.threshold,
            err: (err as Error).message,
          });
        }
      }
    }
    return raised;
  }

  private raise(o: WorkOrderRow, clock: SlaClock, threshold: SlaThreshold, percent: number): Promise<boolean> {
    const severity = slaSeverity(threshold, Number(o.ops_level));
    const target = clock === 'RESPOND' ? Number(o.respond_target_s) : Number(o.resolve_target_s);
    const what = `工单${CLOCK_LABEL[clock]}${threshold === 'WARNING' ? '即将超时' : '超时'}`;
    const now = this.clock.now();
    return this.engine.raiseExternal(
      {
        alertId: `ALM-${randomUUID()}`,
        key: `work-order-sla:${o.order_id}:${clock}:${threshold}`,
        ruleName: what,
        resourceId: o.order_id,
        resourceClass: WORK_ORDER_ALERT_CLASS,
        metric: `workorder.sla.${clock.toLowerCase()}`,
        severity,
        value: percent,
        threshold: threshold === 'WARNING' ? 75 : 100,
        message: `${what}：${o.order_id}「${o.subject}」${CLOCK_LABEL[clock]}时限 ${Math.round(target / 60)} 分钟已用 ${percent}%${o.assignee ? `，处理人 ${o.assignee}` : ''}`,
      },
      async (tx) => {
        if (!(await tx.get(WorkOrderRepository).markThreshold(o.order_id, clock, threshold, now))) return false;
        await tx.get(WorkOrderHistoryRepository).append(
          {
            orderId: o.order_id,
            actor: 'system',
            event: threshold === 'WARNING' ? 'SLA_WARNING' : 'SLA_BREACH',
            from: o.state,
            to: o.state,
            note: `${what}（${percent}%）`,
            detail: { clock, percent },
          },
          now,
        );
        return true;
      },
    );
  }
}
