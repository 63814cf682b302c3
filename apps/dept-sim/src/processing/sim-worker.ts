import { AppError, backoffMs, isSettled, ReturnCode, runWithCorrelation, sleep } from '@app/common';
import { CallbackStage, ConcludeOutcome, Stage } from '@app/exchange-contract';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { QueryRunner } from 'typeorm';
import { DeptSimConfig } from '../config/dept-sim.config';
import { SimDepartment, SimDepartments } from '../core/sim-departments';
import { NewSimJob, SimJob, SimJobRepository } from '../database/sim-job.repository';
import { PlatformNotifier } from '../notify/platform-notifier';
import { buildCallback, buildIntegritySupplement } from './callback-content';
import { chance } from './chance';

type Job = SimJob;

/**
 * The department's back office: decides 补正补齐 / 受理 / 办结 according to the behaviour
 * profile, writes each callback with its WRITTEN shadow row and a NOTIFY job in one
 * front-DB transaction, and sends the notifications in batches (or "loses" some).
 */
@Injectable()
export class SimWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SimWorker.name);
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly depts: SimDepartments,
    private readonly notifier: PlatformNotifier,
    @Inject(DeptSimConfig) private readonly config: DeptSimConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loops = this.depts.all().map((d) => this.loop(d));
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(dept: SimDepartment): Promise<void> {
    while (this.running) {
      let idleMs = 0;
      try {
        idleMs = await this.runOnce(dept);
      } catch (err) {
        // an unreachable front DB is reported (and retried) by the registry; do not repeat it every second
        if (!(err instanceof AppError && err.code === ReturnCode.FRONT_DB_UNAVAILABLE))
          this.logger.error({ msg: 'sim worker error', dept: dept.code, err: (err as Error).message });
        await sleep(1000);
      }
      // asleep until the next job is due, new work is taken in, or WORKER_POLL_MS at most (work of another replica)
      if (idleMs > 0 && this.running) await dept.wake.wait(Math.min(idleMs, this.config.WORKER_POLL_MS));
    }
  }

  /** Works one batch of due jobs; returns 0 if it found some, else how long until the next one is due (ms). */
  async runOnce(dept: SimDepartment): Promise<number> {
    const { jobs, nextDueMs } = await this.claim(dept);
    const notify = jobs.filter((j) => j.kind === 'NOTIFY');
    const work = jobs.filter((j) => j.kind !== 'NOTIFY');
    if (work.length > 0) {
      // one transaction for the whole batch (one commit instead of one per application);
      // if it fails, every job of the batch is retried after its lease, none half-done
      try {
        const written = await runWithCorrelation(work[0].correlationId, () => dept.front.inTx((q) => this.workBatch(q, dept, work)));
        for (const st of written) dept.counters.callbacksWritten[st]++;
      } catch (err) {
        this.logger.warn({ msg: 'job batch failed; retried later', dept: dept.code, jobs: work.length, err: (err as Error).message });
      }
    }
    if (notify.length > 0) await this.sendNotifications(dept, notify);
    return jobs.length > 0 ? 0 : nextDueMs;
  }

  /** Due jobs under a 30 s lease; with none due, how long until the first pending one is (ms; at least 1). */
  private claim(dept: SimDepartment): Promise<{ jobs: Job[]; nextDueMs: number }> {
    return dept.front.inTx(async (q) => {
      const queue = new SimJobRepository(q);
      const jobs = await queue.claimDue(this.config.WORKER_BATCH);
      if (jobs.length > 0) return { jobs, nextDueMs: 0 };
      const us = await queue.microsUntilNextDue();
      return { jobs: [], nextDueMs: us === null ? this.config.WORKER_POLL_MS : Math.max(1, Math.ceil(us / 1000)) };
    });
  }

  /** The whole batch in a handful of multi-row statements: callbacks, files, shadow rows, follow-up jobs. */
  private async workBatch(q: QueryRunner, dept: SimDepartment, jobs: Job[]): Promise<CallbackStage[]> {
    const records = await dept.front.readAcceptances(q, jobs);
    const callbacks: ReturnType<typeof buildCallback>[] = [];
    const followUps: NewSimJob[] = [];
    const followUp = (kind: Job['kind'], job: Job, stage: string, delayMs: number) =>
      followUps.push({ kind, applyNo: job.applyNo, version: job.version, stage, delayMs, correlationId: job.correlationId });
    for (const job of jobs) {
      const acc = records.get(`${job.applyNo}#${job.version}`);
      if (!acc) throw new Error(`acceptance ${job.applyNo} v${job.version} missing`);
      let stage: CallbackStage;
      let outcome: ConcludeOutcome | null = null;
      if (job.kind === 'INTEGRITY') {
        callbacks.push(buildIntegritySupplement(acc, dept.approver, job.correlationId));
        followUp('NOTIFY', job, Stage.SUPPLEMENT, 0);
        continue;
      }
      if (job.kind === 'PROCESS') {
        stage = job.version === 1 && chance(job.applyNo, job.version, 'supplement') < dept.profile.supplementRate ? Stage.SUPPLEMENT : Stage.ACCEPT;
      } else {
        stage = Stage.CONCLUDE;
        outcome = chance(job.applyNo, job.version, 'reject') < dept.profile.rejectRate ? ConcludeOutcome.REJECTED : ConcludeOutcome.APPROVED;
      }
      callbacks.push(buildCallback(acc, stage, outcome, dept.approver, job.correlationId));
      followUp('NOTIFY', job, stage, 0);
      if (stage === Stage.ACCEPT) followUp('CONCLUDE', job, '', dept.profile.concludeDelayMs);
    }
    await dept.front.writeCallbacks(q, callbacks, dept.code);
    const queue = new SimJobRepository(q);
    await queue.schedule(followUps);
    await queue.markDone(jobs.map((j) => j.id));
    return callbacks.map((c) => c.record.stage);
  }

  private async sendNotifications(dept: SimDepartment, jobs: Job[]): Promise<void> {
    const lost = jobs.filter((j) => j.attempts === 1 && chance(j.applyNo, j.version, `callback-loss-${j.stage}`) < dept.profile.callbackLossRate);
    if (lost.length > 0) {
      dept.counters.callbackNotificationsLost += lost.length;
      await this.finish(dept, lost, 'LOST (simulated)');
    }
    const send = jobs.filter((j) => !lost.includes(j));
    if (send.length === 0) return;
    const cid = send[0].correlationId;
    try {
      const results = await this.notifier.notifyCallback(
        dept,
        send.map((j) => ({ applyNo: j.applyNo, version: j.version, stage: j.stage as CallbackStage })),
        cid,
      );
      dept.counters.callbackNotificationsSent += send.length;
      const codeOf = new Map(results.map((r) => [`${r.applyNo}#${r.version}#${r.stage}`, r.code]));
      const settled = send.filter((j) => {
        const c = codeOf.get(`${j.applyNo}#${j.version}#${j.stage}`);
        // DEFERRED: the platform holds it until the earlier stage arrives; its scan finishes the job
        return c !== undefined && (isSettled(c) || c === ReturnCode.DEFERRED);
      });
      await this.finish(dept, settled, 'notified');
      await this.retryOrGiveUp(
        dept,
        send.filter((j) => !settled.includes(j)),
        'platform did not settle',
      );
    } catch (err) {
      dept.counters.callbackNotificationFailures++;
      this.logger.warn({ msg: 'callback notification failed; outcome unknown, will retry', dept: dept.code, count: send.length, err: (err as Error).message });
      await this.retryOrGiveUp(dept, send, (err as Error).message);
    }
  }

  private async finish(dept: SimDepartment, jobs: Job[], note: string): Promise<void> {
    if (jobs.length === 0) return;
    await new SimJobRepository(dept.front.ds).markDone(
      jobs.map((j) => j.id),
      note,
    );
  }

  /** After the last attempt the platform's scan is what delivers the callback. */
  private async retryOrGiveUp(dept: SimDepartment, jobs: Job[], error: string): Promise<void> {
    for (const j of jobs) {
      if (j.attempts >= this.config.NOTIFY_MAX_ATTEMPTS) {
        await this.finish(dept, [j], `GAVE_UP: ${error}`.slice(0, 255));
      } else {
        await new SimJobRepository(dept.front.ds).retryLater(j.id, backoffMs(j.attempts, 500, 30_000), error);
      }
    }
  }
}
