import { Clock, sleep } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { NoticeOutboxRepository } from '../../alerting';
import { OpsNodeConfig } from '../../config/ops-node.config';
import { DbEscalationStore } from '../../notifications';
import { SystemLogRepository } from '../../system-log';
import { AppProbeRepository } from '../app-monitoring/app-probe.repository';
import { SampleRepository } from '../sample.repository';
import { JobRun, JobRunRepository } from './job-run.repository';
import { RollupRepository } from './rollup.repository';
import { bucketStart } from './time-buckets';

const DAY = 86_400_000;

/** One kind of data past its keep period: the owner's repository deletes a batch of it at a time. */
interface Purge {
  label: string;
  before: Date;
  /** deletes up to `limit` rows from before `before`; returns how many went */
  batch(limit: number): Promise<number>;
}

export interface RetentionStatus {
  intervalSeconds: number;
  lastRun: JobRun | null;
  lastSuccess: JobRun | null;
  oldestRawSampleAt: Date | null;
  rawCutoff: Date;
  /** true when the job failed last time, has not succeeded for three intervals, or old data is piling up */
  behind: boolean;
  reasons: string[];
  healthy: boolean;
}

/**
 * Retention (数据保留): deletes what is past its keep period in small batches, each DELETE its own
 * short transaction with a pause in between, so ingestion never waits on a long lock. Raw samples are
 * never deleted before they are rolled up. Every run is recorded in job_run.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');
  private running?: Promise<JobRun>;

  constructor(
    private readonly samples: SampleRepository,
    private readonly probes: AppProbeRepository,
    private readonly rollups: RollupRepository,
    private readonly jobs: JobRunRepository,
    private readonly log: SystemLogRepository,
    private readonly notices: NoticeOutboxRepository,
    private readonly escalations: DbEscalationStore,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  run(): Promise<JobRun> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Keep-until of each kind of data (whole days, +08:00). Raw samples also wait for the rollups. */
  async purges(now: Date): Promise<Purge[]> {
    const day = (days: number) => bucketStart('1d', now.getTime() - days * DAY);
    const horizon = await this.rollups.horizon(now);
    const raw = day(this.config.RAW_RETENTION_DAYS);
    const rawSamples = raw < horizon ? raw : bucketStart('5m', horizon);
    const rollup5m = day(this.config.ROLLUP_5M_RETENTION_DAYS);
    const rollup1h = day(this.config.ROLLUP_1H_RETENTION_DAYS);
    const rollup1d = day(this.config.ROLLUP_1D_RETENTION_DAYS);
    const logs = day(this.config.SYSTEM_LOG_RETENTION_DAYS);
    const runs = day(Math.max(30, this.config.RAW_RETENTION_DAYS));
    return [
      { label: 'perf_sample', before: rawSamples, batch: (n) => this.samples.purgeBefore(rawSamples, n) },
      { label: 'app_probe_result', before: raw, batch: (n) => this.probes.purgeBefore(raw, n) },
      { label: 'perf_rollup_5m', before: rollup5m, batch: (n) => this.rollups.purgeBefore('5m', rollup5m, n) },
      { label: 'perf_rollup_1h', before: rollup1h, batch: (n) => this.rollups.purgeBefore('1h', rollup1h, n) },
      { label: 'perf_rollup_1d', before: rollup1d, batch: (n) => this.rollups.purgeBefore('1d', rollup1d, n) },
      // a log row still owed a notice is kept until the notice is built
      { label: 'system_log', before: logs, batch: (n) => this.log.purgeBefore(logs, n) },
      { label: 'alert_notification_outbox', before: logs, batch: (n) => this.notices.purgeBefore(logs, n) },
      // notification records are kept as long as the system log that names them; an escalation still running is never removed
      { label: 'notify_attempt', before: logs, batch: (n) => this.escalations.purgeAttemptsBefore(logs, n) },
      { label: 'notify_escalation', before: logs, batch: (n) => this.escalations.purgeFinishedBefore(logs, n) },
      { label: 'job_run', before: runs, batch: (n) => this.jobs.purgeBefore(runs, n) },
    ];
  }

  private async runOnce(): Promise<JobRun> {
    const started = this.clock.now();
    const removed: Record<string, number> = {};
    let total = 0;
    let statements = 0;
    try {
      for (const p of await this.purges(started)) {
        removed[p.label] = 0;
        for (;;) {
          const gone = await p.batch(this.config.RETENTION_BATCH_ROWS);
          statements++;
          removed[p.label] += gone;
          total += gone;
          if (gone < this.config.RETENTION_BATCH_ROWS) break;
          if (this.config.RETENTION_PAUSE_MS) await sleep(this.config.RETENTION_PAUSE_MS);
        }
      }
      const finished = this.clock.now();
      await this.jobs.record('retention', { status: 'OK', rows: total, detail: { removed, statements } }, started, finished);
      if (total) this.logger.log({ msg: 'retention done', removed, ms: finished.getTime() - started.getTime() });
    } catch (err) {
      const msg = (err as Error).message;
      this.logger.error({ msg: 'retention failed', err: msg });
      const finished = this.clock.now();
      await this.jobs
        .record('retention', { status: 'FAILED', rows: total, detail: { removed, statements }, error: msg }, started, finished)
        .catch(() => undefined);
      await this.log
        .write([{ level: 'ERROR', category: 'RETENTION', event: 'RETENTION_FAILED', message: `数据保留任务失败：${msg}`, detail: { removed } }], finished)
        .catch(() => undefined);
    }
    return (await this.jobs.recent('retention', 1))[0];
  }

  async status(): Promise<RetentionStatus> {
    const now = this.clock.now();
    const [lastRun] = await this.jobs.recent('retention', 1);
    const lastSuccess = (await this.jobs.lastSuccess('retention')) ?? null;
    const oldest = await this.samples.oldestSampledAt();
    const rawCutoff = bucketStart('1d', now.getTime() - this.config.RAW_RETENTION_DAYS * DAY);
    const reasons: string[] = [];
    const interval = this.config.RETENTION_INTERVAL_SECONDS;
    if (lastRun?.status === 'FAILED') reasons.push(`最近一次执行失败：${lastRun.error ?? ''}`);
    if (interval > 0) {
      const since = lastSuccess?.finishedAt ?? null;
      // a node that has just started gets three intervals before "never ran" counts
      if (since ? now.getTime() - since.getTime() > 3 * interval * 1000 : process.uptime() > 3 * interval) reasons.push(`超过 ${3 * interval} 秒未成功执行`);
    }
    if (oldest && oldest.getTime() < rawCutoff.getTime() - DAY) reasons.push(`过期原始数据未清理（最早 ${oldest.toISOString()}）`);
    const behind = reasons.length > 0;
    return { intervalSeconds: interval, lastRun: lastRun ?? null, lastSuccess, oldestRawSampleAt: oldest, rawCutoff, behind, reasons, healthy: !behind };
  }
}
