import { CmppClosedError, CmppReport, CmppSubmitTimeoutError, SubmitOutcome } from '@app/cmpp';
import { maskPhone, ScheduledTick, scheduleEvery } from '@app/common';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { OneWindowConfig } from '../config/one-window.config';
import { UnitOfWork } from '../database/unit-of-work';
import { ApplicantSmsEntity } from './applicant-sms.entity';
import { ApplicantSmsGateway } from './applicant-sms.gateway';
import { retryDelayMs } from './applicant-sms.rules';
import { ApplicantSmsRepository } from './applicant-sms.repository';

/** A status report that came before its message's SUBMITTED row was written (same TCP read as the answer). */
const EARLY_REPORT_TTL_MS = 10 * 60_000;
const EARLY_REPORT_LIMIT = 10_000;

const GATEWAY_DOWN = '短信网关不可达（未发出）';

/**
 * Sends the queued SMS to applicants (docs/applicant-sms.md). Each tick: rows SENDING past their
 * lease become UNKNOWN; due QUEUED rows are claimed (SKIP LOCKED) and, when the gateway session is
 * up, marked SENDING in that transaction before the submit (at most once across a crash: a row
 * found SENDING later is never resent), then SUBMITTED with the Msg_Ids; when the session is down
 * nothing is sent and the row waits with backoff, FAILED after APPLICANT_SMS_MAX_ATTEMPTS. Status
 * reports settle SUBMITTED rows as DELIVERED or FAILED.
 */
@Injectable()
export class ApplicantSmsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ApplicantSmsWorker.name);
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private task?: ScheduledTick;
  private readonly sends = new Set<Promise<void>>();
  private readonly earlyReports = new Map<string, { r: CmppReport; at: number }>();
  private stopping = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly gateway: ApplicantSmsGateway,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.gateway.enabled) return;
    this.gateway.onReport((r) => void this.report(r));
    this.gateway.start();
    this.task = scheduleEvery(
      this.config.APPLICANT_SMS_POLL_MS,
      'applicant-sms',
      () => this.tick(),
      (err) => this.logger.warn({ msg: 'applicant SMS tick failed; retried on the next tick', err: err.message }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.task?.stop();
  }

  /** One pass: expire dead leases, then claim and send (or defer) what is due. */
  async tick(): Promise<void> {
    const expired = await this.uow.autocommit.get(ApplicantSmsRepository).expireLeases();
    if (expired > 0) this.logger.warn({ msg: 'applicant SMS left SENDING by a sender that is gone: UNKNOWN, not resent', count: expired });
    const connected = this.gateway.connected;
    const claimed = await this.uow.run(async (tx) => {
      const due = await tx.get(ApplicantSmsRepository).lockDue(this.config.APPLICANT_SMS_BATCH);
      if (connected) {
        await tx.get(ApplicantSmsRepository).markSending(
          due.map((d) => d.id),
          this.owner,
          this.config.APPLICANT_SMS_LEASE_MS,
        );
        return due.map((d) => d.id);
      }
      for (const d of due) {
        const attempts = d.attempts + 1;
        if (attempts >= this.config.APPLICANT_SMS_MAX_ATTEMPTS)
          await tx.get(ApplicantSmsRepository).markFailed(d.id, `${GATEWAY_DOWN}，已尝试 ${attempts} 次`, true);
        else
          await tx
            .get(ApplicantSmsRepository)
            .retryLater(d.id, retryDelayMs(attempts, this.config.APPLICANT_SMS_BACKOFF_MS, this.config.APPLICANT_SMS_BACKOFF_MAX_MS), GATEWAY_DOWN);
      }
      if (due.length > 0) this.logger.warn({ msg: 'CMPP gateway not connected: applicant SMS deferred, nothing sent', count: due.length });
      return [];
    });
    if (claimed.length === 0) return;
    const rows = await this.uow.autocommit.get(ApplicantSmsRepository).byIds(claimed);
    for (const row of rows) {
      const p = this.send(row).finally(() => this.sends.delete(p));
      this.sends.add(p);
    }
  }

  /** Waits for the submits in progress (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.sends]);
  }

  private async send(row: ApplicantSmsEntity): Promise<void> {
    const log = { id: row.id, applyNo: row.applyNo, version: row.version, event: row.event, to: maskPhone(row.phone), cid: row.correlationId };
    let outcome: SubmitOutcome;
    try {
      outcome = await this.gateway.submit(`applicant-sms:${row.id}`, row.phone, row.content);
    } catch (err) {
      const unknown = err instanceof CmppSubmitTimeoutError || err instanceof CmppClosedError;
      const text = (err as Error).message;
      if (unknown) {
        this.logger.warn({ msg: 'applicant SMS outcome unknown; not resent', ...log, err: text });
        await this.uow.autocommit
          .get(ApplicantSmsRepository)
          .markUnknown(row.id, `网关应答未知：${text}`)
          .catch((e: Error) => this.recordFailed(log, e));
      } else {
        this.logger.warn({ msg: 'applicant SMS refused', ...log, err: text });
        await this.uow.autocommit
          .get(ApplicantSmsRepository)
          .markFailed(row.id, `网关拒绝：${text}`, false)
          .catch((e: Error) => this.recordFailed(log, e));
      }
      return;
    }
    if (this.config.FAULT_CRASH_POINT === 'after-sms-submit') {
      process.stderr.write('FAULT_CRASH_POINT after-sms-submit: SIGKILL\n');
      process.kill(process.pid, 'SIGKILL');
    }
    const msgIds = outcome.segments.map((s) => s.msgId);
    try {
      await this.uow.autocommit.get(ApplicantSmsRepository).markSubmitted(row.id, outcome.segments);
    } catch (err) {
      // the lease expiry makes it UNKNOWN: sent, but its record lost; never resent
      this.recordFailed(log, err as Error);
      return;
    }
    this.logger.log({ msg: 'applicant SMS submitted', ...log, msgIds });
    // reports that overtook this record
    for (const id of msgIds) {
      const early = this.earlyReports.get(id);
      if (early) await this.report(early.r);
    }
  }

  private recordFailed(log: object, err: Error): void {
    this.logger.error({ msg: 'applicant SMS state not recorded; the lease expiry will mark it UNKNOWN', ...log, err: err.message });
  }

  private async report(r: CmppReport): Promise<void> {
    if (this.stopping) return;
    // remembered first, so a SUBMITTED record committing meanwhile finds it
    this.earlyReports.set(r.msgId, { r, at: Date.now() });
    try {
      const effect = await this.uow.run((tx) => tx.get(ApplicantSmsRepository).applyReport(r.msgId, r.stat));
      if (!effect.matched) {
        this.sweepEarly();
        return;
      }
      this.earlyReports.delete(r.msgId);
      for (const f of effect.finished)
        this.logger.log({ msg: 'applicant SMS status report', id: f.id, applyNo: f.applyNo, state: f.state, stat: f.stat, to: maskPhone(r.to) });
    } catch (err) {
      this.logger.warn({ msg: 'status report not recorded', msgId: r.msgId, stat: r.stat, err: (err as Error).message });
    }
  }

  private sweepEarly(): void {
    const now = Date.now();
    for (const [id, e] of this.earlyReports) {
      if (now - e.at > EARLY_REPORT_TTL_MS || this.earlyReports.size > EARLY_REPORT_LIMIT) this.earlyReports.delete(id);
      else break;
    }
  }
}
