import { Clock } from '@app/common';
import { ChannelKind, DeliveryAttempt, DeliveryStatusUpdate, Notice, NoticeSeverity, NotificationChannel, Recipient } from '../model/notice';
import { DeliveryTask, EscalationState, AttemptRecord } from './escalation.types';
import { EscalationStore } from './escalation-store';
import { KeyedLock } from './keyed-lock';
import { EscalationPolicy, PolicyBook } from './policy';
import { addressFor, OnCallRoster } from './roster';

export interface NotifyLogger {
  log(message: object): void;
  warn(message: object): void;
  error(message: object): void;
}

const quiet: NotifyLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

export interface EscalationEngineDeps {
  store: EscalationStore;
  policies: PolicyBook;
  roster: OnCallRoster;
  /** the channels available; a step naming a missing channel records a failed attempt */
  channels: Partial<Record<ChannelKind, NotificationChannel>>;
  clock: Clock;
  logger?: NotifyLogger;
}

/** What the alert lifecycle hands over when an alert starts firing. */
export interface AlertToEscalate {
  alertId: string;
  severity: NoticeSeverity;
  subject: string;
  body: string;
  shortText?: string;
  /** number of this notice within the alert; default 1 */
  noticeSeq?: number;
}

export interface RecoveryText {
  subject: string;
  body: string;
  shortText?: string;
}

const DUE_BATCH = 100;

/**
 * Escalation of alert notices (告警升级). Per alert: steps of the policy, each notifying on-call roles
 * over channels; a step whose response timer runs out with nobody acknowledging hands over to the next;
 * acknowledgement or resolution stops it; resolution sends the recovery notice to everyone notified.
 * Each delivery is retried with backoff and every attempt is recorded through the store.
 *
 * Time only comes from the injected clock and work only happens in calls (start, acknowledge,
 * resolve, tick, status updates), so the engine survives restarts from the store and tests drive
 * it with a manual clock. EscalationRunner calls tick() periodically.
 */
export class EscalationEngine {
  private readonly lock = new KeyedLock();
  private readonly logger: NotifyLogger;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly updating = new Set<Promise<void>>();

  constructor(private readonly deps: EscalationEngineDeps) {
    this.logger = deps.logger ?? quiet;
    for (const channel of Object.values(deps.channels)) {
      if (channel) this.unsubscribe.push(channel.onStatusUpdate((u) => this.track(this.applyStatusUpdate(u))));
    }
  }

  /** Starts escalating an alert (its first step goes out now). Idempotent per alert id. */
  async start(alert: AlertToEscalate): Promise<EscalationState> {
    const policy = this.deps.policies.forSeverity(alert.severity);
    const now = this.deps.clock.now();
    const notice: Notice = {
      alertId: alert.alertId,
      seq: alert.noticeSeq ?? 1,
      kind: 'alert',
      severity: alert.severity,
      subject: alert.subject,
      body: alert.body,
      shortText: alert.shortText,
    };
    const fresh: EscalationState = {
      alertId: alert.alertId,
      policy: policy.name,
      severity: alert.severity,
      status: 'active',
      notice,
      step: -1,
      stepStartedAt: now,
      nextStepAt: now,
      notified: {},
      tasks: [],
      dueAt: now,
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    return this.lock.run(alert.alertId, async () => {
      if (!(await this.deps.store.insert(fresh))) return (await this.deps.store.get(alert.alertId))!;
      this.logger.log({ msg: 'escalation started', alertId: alert.alertId, policy: policy.name, severity: alert.severity });
      return this.process(fresh);
    });
  }

  /**
   * The alert is still firing and its repeat interval passed: remind everyone notified so far, on the
   * channels each was reached by, with a new notice number (so SMS caller keys differ from the first
   * notice and nothing is suppressed as a duplicate). The escalation keeps its step and timer;
   * undelivered tasks of the previous notice are superseded. Starts the escalation if there is none.
   */
  async repeat(alert: AlertToEscalate): Promise<EscalationState> {
    const existing = await this.deps.store.get(alert.alertId);
    if (!existing) return this.start(alert);
    return this.lock.run(alert.alertId, async () => {
      const state = (await this.deps.store.get(alert.alertId))!;
      if (state.status !== 'active' && state.status !== 'exhausted') return state;
      const now = this.deps.clock.now();
      const previous = state.notice.seq;
      const seq = Math.max(previous, state.recoveryNotice?.seq ?? 0) + 1;
      this.cancelPending(state, previous);
      state.notice = { ...state.notice, seq, subject: alert.subject, body: alert.body, shortText: alert.shortText };
      for (const recipient of Object.values(state.notified)) {
        const channels = new Set(state.tasks.filter((t) => t.recipient.id === recipient.id && t.noticeSeq === previous).map((t) => t.channel));
        for (const channel of channels) this.addTask(state, seq, state.step, recipient, channel, now);
      }
      this.logger.log({ msg: 'escalation repeat notice', alertId: alert.alertId, seq, to: Object.keys(state.notified) });
      return this.process(state);
    });
  }

  /** Somebody took the alert: no further steps; deliveries not yet made for it are cancelled. */
  async acknowledge(alertId: string, by: string): Promise<EscalationState | null> {
    return this.lock.run(alertId, async () => {
      const state = await this.deps.store.get(alertId);
      if (!state || (state.status !== 'active' && state.status !== 'exhausted')) return state;
      const now = this.deps.clock.now();
      state.status = 'acknowledged';
      state.acknowledgedBy = by;
      state.acknowledgedAt = now;
      state.nextStepAt = null;
      this.cancelPending(state, state.notice.seq);
      this.logger.log({ msg: 'escalation acknowledged', alertId, by, step: state.step });
      return this.persist(state, now);
    });
  }

  /** The alert recovered: stop escalating and send the recovery notice to everyone who was notified. */
  async resolve(alertId: string, text: RecoveryText): Promise<EscalationState | null> {
    return this.lock.run(alertId, async () => {
      const state = await this.deps.store.get(alertId);
      if (!state || state.status === 'resolved') return state;
      const policy = this.policyOf(state);
      const now = this.deps.clock.now();
      state.status = 'resolved';
      state.resolvedAt = now;
      state.nextStepAt = null;
      this.cancelPending(state, state.notice.seq);
      const recovery: Notice = {
        alertId,
        seq: state.notice.seq + 1,
        kind: 'recovery',
        severity: state.severity,
        subject: text.subject,
        body: text.body,
        shortText: text.shortText,
      };
      state.recoveryNotice = recovery;
      for (const recipient of Object.values(state.notified)) {
        for (const channel of recoveryChannelsFor(policy, state, recipient)) this.addTask(state, recovery.seq, state.step, recipient, channel, now);
      }
      this.logger.log({ msg: 'escalation resolved', alertId, recoveryTo: Object.keys(state.notified) });
      return this.process(state);
    });
  }

  /** Does what is due: steps whose timer ran out, retries whose backoff has passed. Returns how many escalations it touched. */
  async tick(): Promise<number> {
    const ids = await this.deps.store.listDue(this.deps.clock.now(), DUE_BATCH);
    for (const id of ids) {
      try {
        await this.lock.run(id, async () => {
          const state = await this.deps.store.get(id);
          if (state && state.dueAt && state.dueAt.getTime() <= this.deps.clock.now().getTime()) await this.process(state);
        });
      } catch (err) {
        // one alert's failure (store error, a concurrent replica) must not hold up the others
        this.logger.error({ msg: 'escalation tick failed for an alert', alertId: id, err: err instanceof Error ? err.message : String(err) });
      }
    }
    return ids.length;
  }

  get(alertId: string): Promise<EscalationState | null> {
    return this.deps.store.get(alertId);
  }

  attempts(alertId: string): Promise<AttemptRecord[]> {
    return this.deps.store.listAttempts(alertId);
  }

  /** Resolves once the status updates received so far are recorded. */
  async settled(): Promise<void> {
    while (this.updating.size > 0) await Promise.all([...this.updating]);
  }

  /** Stops listening to the channels (does not close them) and waits for updates in progress. */
  async close(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    await this.settled();
  }

  private track(p: Promise<void>): void {
    this.updating.add(p);
    void p.finally(() => this.updating.delete(p));
  }

  // ---------------------------------------------------------------------------------------------

  private async process(state: EscalationState): Promise<EscalationState> {
    const policy = this.policyOf(state);
    let now = this.deps.clock.now();
    if (state.status === 'active' && state.nextStepAt && state.nextStepAt.getTime() <= now.getTime()) {
      if (state.step + 1 < policy.steps.length) await this.enterStep(state, policy, state.step + 1, now);
      else {
        state.status = 'exhausted';
        state.nextStepAt = null;
        this.logger.warn({ msg: 'escalation exhausted: nobody acknowledged after the last step', alertId: state.alertId, steps: policy.steps.length });
      }
    }
    await this.runDueTasks(state, policy);
    now = this.deps.clock.now();
    // every delivery of the current step failed for good: waiting out the timer would only delay the next step
    const current = state.tasks.filter((t) => t.noticeSeq === state.notice.seq && t.step === state.step);
    if (state.status === 'active' && current.length > 0 && current.every((t) => t.state === 'gave-up') && state.nextStepAt && state.nextStepAt > now) {
      this.logger.warn({ msg: 'every delivery of the step failed: escalating now', alertId: state.alertId, step: state.step });
      state.nextStepAt = now;
    }
    return this.persist(state, now);
  }

  private async enterStep(state: EscalationState, policy: EscalationPolicy, index: number, now: Date): Promise<void> {
    const step = policy.steps[index];
    state.step = index;
    state.stepStartedAt = now;
    state.nextStepAt = new Date(now.getTime() + policy.responseTimeoutMs);
    const members = new Map<string, Recipient>();
    for (const role of step.notify) for (const m of await this.deps.roster.membersOf(role, now)) members.set(m.id, m);
    if (members.size === 0) this.logger.error({ msg: 'nobody on call for this step', alertId: state.alertId, step: index, roles: step.notify });
    for (const m of members.values()) for (const channel of step.channels) this.addTask(state, state.notice.seq, index, m, channel, now);
    this.logger.log({
      msg: 'escalation step',
      alertId: state.alertId,
      step: index + 1,
      of: policy.steps.length,
      roles: step.notify,
      channels: step.channels,
      recipients: [...members.keys()],
    });
  }

  private addTask(state: EscalationState, noticeSeq: number, step: number, recipient: Recipient, channel: ChannelKind, now: Date): void {
    const id = `${noticeSeq}/${step}/${recipient.id}/${channel}`;
    if (state.tasks.some((t) => t.id === id)) return;
    state.tasks.push({ id, noticeSeq, step, recipient, channel, attempts: 0, state: 'pending', nextTryAt: now });
  }

  private async runDueTasks(state: EscalationState, policy: EscalationPolicy): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const due = state.tasks.filter((t) => t.state === 'pending' && t.nextTryAt !== null && t.nextTryAt.getTime() <= now);
    await Promise.all(due.map((t) => this.tryTask(state, policy, t)));
  }

  private async tryTask(state: EscalationState, policy: EscalationPolicy, task: DeliveryTask): Promise<void> {
    const notice = task.noticeSeq === state.notice.seq ? state.notice : state.recoveryNotice;
    if (!notice) return;
    const attempt = await this.send(task, notice);
    task.attempts++;
    if (notice.kind === 'alert') state.notified[task.recipient.id] = task.recipient;
    const now = this.deps.clock.now();
    await this.deps.store.appendAttempt({
      ...attempt,
      alertId: state.alertId,
      noticeSeq: notice.seq,
      noticeKind: notice.kind,
      step: task.step,
      recipientId: task.recipient.id,
      attemptNo: task.attempts,
      updatedAt: attempt.at,
    });
    switch (attempt.status) {
      case 'sent':
      case 'delivered':
        task.state = 'done';
        task.nextTryAt = null;
        return;
      case 'failed':
      case 'unknown':
        if (task.attempts >= policy.retry.maxAttempts) {
          task.state = 'gave-up';
          task.nextTryAt = null;
          this.logger.error({
            msg: 'delivery given up',
            alertId: state.alertId,
            channel: task.channel,
            recipient: task.recipient.id,
            attempts: task.attempts,
            error: attempt.error,
          });
        } else {
          const delay = Math.min(policy.retry.maxDelayMs, policy.retry.baseDelayMs * 2 ** (task.attempts - 1));
          task.nextTryAt = new Date(now.getTime() + delay);
          this.logger.warn({
            msg: 'delivery failed, will retry',
            alertId: state.alertId,
            channel: task.channel,
            recipient: task.recipient.id,
            attempt: task.attempts,
            status: attempt.status,
            retryInMs: delay,
            error: attempt.error,
          });
        }
        return;
    }
  }

  private async send(task: DeliveryTask, notice: Notice): Promise<DeliveryAttempt> {
    const channel = this.deps.channels[task.channel];
    const address = addressFor(task.recipient, task.channel) ?? '';
    if (!channel) return { channel: task.channel, recipient: address, status: 'failed', error: `通知渠道 ${task.channel} 未配置`, at: this.deps.clock.now() };
    try {
      return await channel.send(notice, task.recipient);
    } catch (err) {
      // channels are not supposed to throw; if one does, the outcome is not known
      return {
        channel: task.channel,
        recipient: address,
        status: 'unknown',
        error: err instanceof Error ? err.message : String(err),
        at: this.deps.clock.now(),
      };
    }
  }

  private cancelPending(state: EscalationState, noticeSeq: number): void {
    for (const t of state.tasks) {
      if (t.noticeSeq === noticeSeq && t.state === 'pending') {
        t.state = 'cancelled';
        t.nextTryAt = null;
      }
    }
  }

  private async persist(state: EscalationState, now: Date): Promise<EscalationState> {
    const times = state.tasks.filter((t) => t.state === 'pending' && t.nextTryAt).map((t) => t.nextTryAt!.getTime());
    if (state.status === 'active' && state.nextStepAt) times.push(state.nextStepAt.getTime());
    state.dueAt = times.length > 0 ? new Date(Math.min(...times)) : null;
    state.updatedAt = now;
    return this.deps.store.save(state);
  }

  private policyOf(state: EscalationState): EscalationPolicy {
    const policy = this.deps.policies.get(state.policy) ?? this.deps.policies.forSeverity(state.severity);
    return policy;
  }

  private async applyStatusUpdate(u: DeliveryStatusUpdate): Promise<void> {
    try {
      // under the alert's lock, so an outcome that races its own send is applied after the attempt is recorded
      const record = await this.lock.run(u.alertId, () =>
        this.deps.store.updateAttemptStatus({
          alertId: u.alertId,
          noticeSeq: u.noticeSeq,
          channel: u.channel,
          recipient: u.recipient,
          providerId: u.providerId,
          status: u.status,
          detail: u.detail,
          at: u.at,
        }),
      );
      this.logger.log({
        msg: 'delivery status',
        alertId: u.alertId,
        channel: u.channel,
        recipient: u.recipient,
        status: u.status,
        detail: u.detail,
        matched: record !== null,
      });
    } catch (err) {
      this.logger.error({
        msg: 'could not record a delivery status',
        alertId: u.alertId,
        channel: u.channel,
        err: err instanceof Error ? err.message : String(err),
      });
    }
  }
}

/** The recovery channels the recipient has an address for; if none, the channels they were notified on. */
function recoveryChannelsFor(policy: EscalationPolicy, state: EscalationState, recipient: Recipient): ChannelKind[] {
  const usable = policy.recoveryChannels.filter((c) => addressFor(recipient, c));
  if (usable.length > 0) return usable;
  return [...new Set(state.tasks.filter((t) => t.recipient.id === recipient.id && t.noticeSeq === state.notice.seq).map((t) => t.channel))];
}
