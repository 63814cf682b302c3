import { Clock, ScheduledTick, scheduleEvery } from '@app/common';
import { AlertStatus } from '@app/ops-contract';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { AlertEvents, AlertNotice, AlertNotifierService, AlertStateChanged, NoticeOutboxRepository } from '../alerting';
import { OpsNodeConfig } from '../config/ops-node.config';
import { AlertRepository, AlertRow } from '../alerting';
import { EscalationService } from './escalation.service';
import { AlertFacts, alertNoticeText, recoveryNoticeText } from './notice-text';

/** a notice taken but not finished (crash, DB error) goes back to the outbox after this long */
const LEASE_MS = 5 * 60_000;
const RECONCILE_EVERY_MS = 5_000;
const TAKE_BATCH = 20;

/**
 * Feeds the escalation engine from the alerting module. The grouped notices of the notification
 * outbox (taken with SKIP LOCKED, so replicas never share one) decide when people are told: a
 * FIRING notice starts the alert's escalation (a REPEAT reminds everyone notified so far, or starts it), a RESOLVED one stops it and sends
 * the recovery notice; only then is the outbox row marked DONE. Acknowledgement, closing and
 * recovery also arrive as in-process state events, so escalation stops at once; a periodic
 * reconciliation against ops_alert catches any event that was missed (crash, race with a start).
 */
@Injectable()
export class AlertEscalationFeeder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertEscalationFeeder');
  private readonly worker = `escalation:${hostname()}:${process.pid}`;
  private readonly unsubscribe: (() => void)[] = [];
  private task?: ScheduledTick;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private lastReconcile = 0;

  constructor(
    private readonly outbox: NoticeOutboxRepository,
    private readonly notifier: AlertNotifierService,
    private readonly events: AlertEvents,
    private readonly alerts: AlertRepository,
    private readonly escalation: EscalationService,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe.push(this.events.onStateChanged((e) => this.onStateChanged(e)));
    this.unsubscribe.push(this.events.onNotice(() => this.wake()));
    // wake() returns at once (a pass already running is asked to go again), so ticks never pile up
    this.task = scheduleEvery(this.config.ESCALATION_OUTBOX_POLL_MS, 'escalation-feed', () => Promise.resolve(this.wake()));
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.task?.stop();
    for (const u of this.unsubscribe.splice(0)) u();
    await this.running;
  }

  /** Reads the outbox now (or right after the pass in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const p = (async () => {
      do {
        this.again = false;
        try {
          await this.pass();
        } catch (err) {
          this.logger.error({ msg: 'escalation feed pass failed', err: (err as Error).message });
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = undefined));
    this.running = p;
  }

  private async pass(): Promise<void> {
    const now = this.clock.now();
    await this.outbox.releaseExpired('escalation:', new Date(now.getTime() - LEASE_MS));
    while (!this.stopped) {
      const notices = await this.notifier.take(this.worker, TAKE_BATCH);
      if (!notices.length) break;
      for (const n of notices) await this.handle(n);
    }
    if (Date.now() - this.lastReconcile >= RECONCILE_EVERY_MS) {
      this.lastReconcile = Date.now();
      await this.reconcile();
    }
  }

  private async handle(n: AlertNotice): Promise<void> {
    // one alert's events in their order (a fast flap can put FIRING and RESOLVED in one notice); alerts side by side
    const byAlert = new Map<string, AlertNotice['alerts']>();
    for (const a of n.alerts) byAlert.set(a.alertId, [...(byAlert.get(a.alertId) ?? []), a]);
    const results = await Promise.allSettled(
      [...byAlert].map(async ([alertId, events]) => {
        for (const e of events) {
          switch (e.event) {
            case 'FIRING':
              await this.startFor(alertId);
              break;
            case 'REPEAT':
              await this.startFor(alertId, true);
              break;
            case 'RESOLVED':
              await this.resolveFor(alertId);
              break;
          }
        }
      }),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) {
      // left TAKEN: the lease brings it back; start and resolve are idempotent per alert
      this.logger.error({
        msg: 'notice not fed to the escalation; retried after the lease',
        noticeId: n.noticeId,
        errors: failed.map((f) => (f.reason as Error).message),
      });
      return;
    }
    await this.outbox.markDone(n.noticeId);
  }

  private async startFor(alertId: string, repeat = false): Promise<void> {
    const row = await this.alerts.get(alertId);
    // acknowledged or recovered before the grouping window closed: nobody needs to be chased
    if (!row || row.status !== AlertStatus.FIRING) return;
    const text = alertNoticeText(factsOf(row), `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/api/docs`);
    // a repeat interval passed with the alert still firing: remind everyone notified so far
    if (repeat) await this.escalation.engine.repeat({ ...text, subject: `【重复提醒】${text.subject}`, shortText: `【重复提醒】${text.shortText}` });
    else await this.escalation.engine.start(text);
  }

  private async resolveFor(alertId: string): Promise<void> {
    const row = await this.alerts.get(alertId);
    if (!row) return;
    await this.escalation.engine.resolve(alertId, recoveryNoticeText(factsOf(row)));
  }

  private onStateChanged(e: AlertStateChanged): Promise<void> | undefined {
    const alertId = e.alertId;
    if (!alertId) return undefined;
    switch (e.event) {
      case 'ACKNOWLEDGED':
        return this.escalation.engine.acknowledge(alertId, e.actor ?? '未知').then(() => undefined);
      case 'RESOLVED':
        return this.resolveFor(alertId);
      case 'CLOSED':
        // closing an acknowledged alert changes nothing for the escalation; a resolved one was handled on RESOLVED
        return this.escalation.engine.acknowledge(alertId, e.actor ?? '未知').then(() => undefined);
      case 'PENDING':
      case 'PENDING_CANCELLED':
      case 'FIRING':
        return undefined; // people are told through the grouped notices, which honour silences and suppression
    }
  }

  /** Escalations still chasing people for alerts that are no longer firing. */
  private async reconcile(): Promise<void> {
    for (const o of await this.escalation.store.outrun(100)) {
      try {
        if (o.alertStatus === AlertStatus.RESOLVED || (o.alertStatus === AlertStatus.CLOSED && o.resolvedAt)) await this.resolveFor(o.alertId);
        else await this.escalation.engine.acknowledge(o.alertId, o.acknowledgedBy ?? o.closedBy ?? '系统');
        this.logger.warn({ msg: 'escalation caught up with its alert', alertId: o.alertId, alertStatus: o.alertStatus });
      } catch (err) {
        this.logger.error({ msg: 'could not reconcile an escalation', alertId: o.alertId, err: (err as Error).message });
      }
    }
  }
}

function factsOf(r: AlertRow): AlertFacts {
  return {
    alertId: r.alert_id,
    ruleName: r.rule_name,
    resourceId: r.resource_id,
    subResourceId: r.sub_resource_id,
    metric: r.metric,
    severity: r.severity,
    value: r.last_value ?? r.value,
    threshold: Number(r.threshold),
    message: r.message,
    raisedAt: r.raised_at,
    resolvedAt: r.resolved_at,
  };
}
