import { Clock, sleep } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OpsNodeConfig } from '../../config/ops-node.config';
import { SystemLogRepository } from '../../system-log';
import { JobRun, JobRunRepository } from './job-run.repository';
import { RollupRepository } from './rollup.repository';
import { bucketStart } from './time-buckets';

const DAY = 86_400_000;

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
    private readonly ds: DataSource,
    private readonly rollups: RollupRepository,
    private readonly jobs: JobRunRepository,
    private readonly log: SystemLogRepository,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  run(): Promise<JobRun> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Keep-until of each kind of data (whole days, +08:00). Raw samples also wait for the rollups. */
  async cutoffs(now: Date): Promise<{ table: string; where: string; before: Date }[]> {
    const day = (days: number) => bucketStart('1d', now.getTime() - days * DAY);
    const horizon = await this.rollups.horizon(now);
    const raw = day(this.config.RAW_RETENTION_DAYS);
    return [
      { table: 'perf_sample', where: 'sampled_at < ?', before: raw < horizon ? raw : bucketStart('5m', horizon) },
      { table: 'app_probe_result', where: 'checked_at < ?', before: raw },
      { table: 'perf_rollup', where: "resolution = '5m' AND bucket_start < ?", before: day(this.config.ROLLUP_5M_RETENTION_DAYS) },
      { table: 'perf_rollup', where: "resolution = '1h' AND bucket_start < ?", before: day(this.config.ROLLUP_1H_RETENTION_DAYS) },
      { table: 'perf_rollup', where: "resolution = '1d' AND bucket_start < ?", before: day(this.config.ROLLUP_1D_RETENTION_DAYS) },
      // a log row still owed a notice is kept until the notice is built
      { table: 'system_log', where: 'logged_at < ? AND (notify = 0 OR notice_id IS NOT NULL)', before: day(this.config.SYSTEM_LOG_RETENTION_DAYS) },
      { table: 'alert_notification_outbox', where: 'created_at < ?', before: day(this.config.SYSTEM_LOG_RETENTION_DAYS) },
      // notification records are kept as long as the system log that names them; an escalation still running is never removed
      { table: 'notify_attempt', where: 'attempted_at < ?', before: day(this.config.SYSTEM_LOG_RETENTION_DAYS) },
      { table: 'notify_escalation', where: "status <> 'active' AND updated_at < ?", before: day(this.config.SYSTEM_LOG_RETENTION_DAYS) },
      { table: 'job_run', where: 'started_at < ?', before: day(Math.max(30, this.config.RAW_RETENTION_DAYS)) },
    ];
  }

  private async runOnce(): Promise<JobRun> {
    const started = this.clock.now();
    const removed: Record<string, number> = {};
    let total = 0;
    let statements = 0;
    try {
      for (const c of await this.cutoffs(started)) {
        const label = c.table === 'perf_rollup' ? `perf_rollup_${/'(\w+)'/.exec(c.where)?.[1] ?? ''}` : c.table;
        removed[label] = 0;
        for (;;) {
          const r = (await this.ds.query(`DELETE FROM ${c.table} WHERE ${c.where} LIMIT ${this.config.RETENTION_BATCH_ROWS}`, [c.before])) as { affectedRows: number };
          statements++;
          removed[label] += r.affectedRows;
          total += r.affectedRows;
          if (r.affectedRows < this.config.RETENTION_BATCH_ROWS) break;
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
      await this.jobs.record('retention', { status: 'FAILED', rows: total, detail: { removed, statements }, error: msg }, started, finished).catch(() => undefined);
      await this.log.write([{ level: 'ERROR', category: 'RETENTION', event: 'RETENTION_FAILED', message: `数据保留任务失败：${msg}`, detail: { removed } }], finished).catch(() => undefined);
    }
    return (await this.jobs.recent('retention', 1))[0];
  }

  async status(): Promise<RetentionStatus> {
    const now = this.clock.now();
    const [lastRun] = await this.jobs.recent('retention', 1);
    const lastSuccess = (await this.jobs.lastSuccess('retention')) ?? null;
    const [{ oldest }] = (await this.ds.query('SELECT MIN(sampled_at) AS oldest FROM perf_sample')) as { oldest: Date | null }[];
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
