import { AppError, ReturnCode, runWithCorrelation, ScheduledTick, scheduleTick } from '@app/common';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DeptSimConfig } from '../config/dept-sim.config';
import { SimDepartments } from '../core/sim-departments';
import { TakeAcceptanceUseCase } from './take-acceptance.use-case';

/** The department's side of 定时扫描: acceptances without a TAKEN shadow row, older than the lag. */
@Injectable()
export class AcceptanceScanJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AcceptanceScanJob.name);
  private task?: ScheduledTick;
  private running = false;

  constructor(
    private readonly depts: SimDepartments,
    private readonly take: TakeAcceptanceUseCase,
    @Inject(DeptSimConfig) private readonly config: DeptSimConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task = scheduleTick(this.config.SCAN_CRON, 'acceptance-scan', () => this.runOnce());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let taken = 0;
    try {
      for (const dept of this.depts.all()) {
        try {
          const rows = await dept.front.listUntaken('acceptance', this.config.SCAN_LAG_MS, this.config.SCAN_BATCH);
          if (rows.length === 0) continue;
          const cid = `scan-${randomUUID()}`;
          const res = await runWithCorrelation(cid, () => this.take.execute(dept, rows, 'SCAN', cid));
          taken += res.filter((r) => r.status === 'taken').length;
        } catch (err) {
          if (!(err instanceof AppError && err.code === ReturnCode.FRONT_DB_UNAVAILABLE))
            this.logger.warn({ msg: 'acceptance scan failed', dept: dept.code, err: (err as Error).message });
        }
      }
    } finally {
      this.running = false;
    }
    if (taken > 0) this.logger.log({ msg: 'scan took acceptances', taken });
    return taken;
  }
}
