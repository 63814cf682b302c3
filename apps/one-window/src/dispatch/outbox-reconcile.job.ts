import { AppError, ReturnCode, ScheduledTick, scheduleTick } from '@app/common';
import { FrontDbRegistry } from '@app/front-db';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OneWindowConfig } from '../config/one-window.config';
import { UnitOfWork } from '../database/unit-of-work';
import { DispatchOutboxRepository } from './dispatch-outbox.repository';

const BATCH = 500;

/**
 * Outbox rows given up (UNNOTIFIED) wait for the department's scan. Once the department has
 * taken the acceptance (its TAKEN shadow row exists) the row is settled as TAKEN, so /health
 * shows as UNNOTIFIED only what no one has taken yet. Runs on SCAN_CRON; replicas are safe
 * (the UPDATE only moves UNNOTIFIED rows).
 */
@Injectable()
export class OutboxReconcileJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxReconcileJob.name);
  private task?: ScheduledTick;
  private running = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly frontDbs: FrontDbRegistry,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task = scheduleTick(
      this.config.SCAN_CRON,
      'outbox-reconcile',
      () => this.runOnce(),
      (err) => this.logger.warn({ msg: 'outbox reconcile failed; retried on the next tick', err: err.message }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** Returns how many rows it settled. */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const rows = await this.uow.autocommit.get(DispatchOutboxRepository).listUnnotified(BATCH);
      let settled = 0;
      for (const deptCode of new Set(rows.map((r) => r.deptCode))) {
        const mine = rows.filter((r) => r.deptCode === deptCode);
        let taken: Set<string>;
        try {
          taken = await this.frontDbs.get(deptCode).takenAcceptances(mine);
        } catch (err) {
          // a department whose front DB is down is reported by the registry; its rows wait
          if (!(err instanceof AppError && err.code === ReturnCode.FRONT_DB_UNAVAILABLE))
            this.logger.warn({ msg: 'shadow table unreadable', dept: deptCode, err: (err as Error).message });
          continue;
        }
        const ids = mine.filter((r) => taken.has(`${r.applyNo}#${r.version}`)).map((r) => r.id);
        if (ids.length === 0) continue;
        await this.uow.autocommit.get(DispatchOutboxRepository).settleUnnotifiedAsTaken(ids);
        settled += ids.length;
      }
      if (settled > 0) this.logger.log({ msg: 'outbox rows settled: the department took them through its scan', count: settled });
      return settled;
    } finally {
      this.running = false;
    }
  }
}
