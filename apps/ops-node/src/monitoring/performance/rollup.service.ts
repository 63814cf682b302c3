import { Clock } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { OpsNodeConfig } from '../../config/ops-node.config';
import { UnitOfWork } from '../../database/unit-of-work';
import { JobRunRepository } from './job-run.repository';
import { RollupRepository } from './rollup.repository';
import { bucketStart, parentResolution, RollupResolution } from './time-buckets';

const BATCH = 200;

/**
 * The rollup job: takes the dirty 5-minute buckets that have closed (plus a grace period for
 * stragglers), recomputes them from raw, then the hours and days above them, and only then clears
 * the dirty marks it read. A crash anywhere leaves the marks, and the rerun gives the same result.
 */
@Injectable()
export class RollupService {
  private readonly logger = new Logger('Rollup');
  private running?: Promise<{ buckets: number; rows: number }>;
  totals = { runs: 0, buckets: 0, failures: 0, lastError: null as string | null };
  lastOkAt: Date | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RollupRepository,
    private readonly jobs: JobRunRepository,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {}

  /** One run; a call while a run is going joins it. `includeOpen` also computes buckets that have not closed yet. */
  run(opts: { includeOpen?: boolean } = {}): Promise<{ buckets: number; rows: number }> {
    this.running ??= this.runOnce(opts).finally(() => (this.running = undefined));
    return this.running;
  }

  private async runOnce({ includeOpen = false }: { includeOpen?: boolean }): Promise<{ buckets: number; rows: number }> {
    const started = this.clock.now();
    let buckets = 0;
    let rows = 0;
    try {
      const until = includeOpen ? new Date(started.getTime() + 86_400_000) : new Date(started.getTime() - 5 * 60_000 - this.config.ROLLUP_GRACE_SECONDS * 1000);
      for (;;) {
        const batch = await this.repo.dirty(until, BATCH);
        if (!batch.length) break;
        const now = this.clock.now();
        let level = new Set<number>();
        for (const d of batch) {
          rows += await this.uow.run((tx) => tx.get(RollupRepository).compute('5m', d.bucket, now));
          level.add(bucketStart('1h', d.bucket).getTime());
        }
        for (let res: RollupResolution | undefined = '1h'; res; res = parentResolution(res)) {
          const next = new Set<number>();
          const parent = parentResolution(res);
          for (const t of level) {
            rows += await this.uow.run((tx) => tx.get(RollupRepository).compute(res, new Date(t), now));
            if (parent) next.add(bucketStart(parent, t).getTime());
          }
          level = next;
        }
        for (const d of batch) await this.repo.clearDirty(d.bucket, d.seq);
        buckets += batch.length;
        if (batch.length < BATCH) break;
      }
      this.totals.runs++;
      this.totals.buckets += buckets;
      this.lastOkAt = this.clock.now();
      // idle runs (nothing dirty) are not recorded: one row per run that did work
      if (buckets) await this.jobs.record('rollup', { status: 'OK', rows: buckets, detail: { buckets, rowsWritten: rows } }, started, this.lastOkAt);
      return { buckets, rows };
    } catch (err) {
      this.totals.failures++;
      this.totals.lastError = (err as Error).message;
      this.logger.error({ msg: 'rollup failed', err: (err as Error).message });
      await this.jobs.record('rollup', { status: 'FAILED', rows: buckets, error: (err as Error).message }, started, this.clock.now()).catch(() => undefined);
      throw err;
    }
  }
}
