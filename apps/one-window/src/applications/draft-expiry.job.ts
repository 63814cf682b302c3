import { ScheduledTick, scheduleTick } from '@app/common';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OneWindowConfig } from '../config/one-window.config';
import { UnitOfWork } from '../database/unit-of-work';
import { ApplicationRepository } from './application.repository';
import { RegistrationIdempotencyRepository } from './registration-idempotency.repository';

const BATCH = 500;

/**
 * Abandoned drafts (受理登记 never submitted, or a 补正补齐 version never resubmitted) are expired
 * after DRAFT_EXPIRE_HOURS without activity — no registration, upload or new version of the
 * current version in that time: state DRAFT → EXPIRED with expired_at and the reason, which the
 * timeline shows. Replicas are safe (SKIP LOCKED, and the UPDATE re-checks the state); ticks
 * never overlap. The same job forgets Idempotency-Keys older than the same period.
 */
@Injectable()
export class DraftExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DraftExpiryJob.name);
  private task?: ScheduledTick;
  private running = false;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task = scheduleTick(
      this.config.DRAFT_EXPIRE_CRON,
      'draft-expiry',
      () => this.runOnce(),
      (err) => this.logger.warn({ msg: 'draft expiry failed; retried on the next tick', err: err.message }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** Returns the 申报号 expired in this run. */
  async runOnce(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    try {
      const hours = this.config.DRAFT_EXPIRE_HOURS;
      const reason = `草稿超过 ${hours} 小时未提交，已自动作废`;
      const expired: string[] = [];
      for (;;) {
        // no retry of its own: a transient failure is retried on the next tick
        const batch = await this.uow.run(
          async (tx) => {
            const ids = await tx.get(ApplicationRepository).lockExpirableDrafts(hours, BATCH);
            if (ids.length > 0) await tx.get(ApplicationRepository).expire(ids, reason);
            return ids;
          },
          { retries: 0 },
        );
        expired.push(...batch);
        if (batch.length < BATCH) break;
      }
      if (expired.length > 0) this.logger.log({ msg: 'abandoned drafts expired', count: expired.length, applyNos: expired.slice(0, 50), hours });
      await this.uow.autocommit.get(RegistrationIdempotencyRepository).purgeOlderThan(hours);
      return expired;
    } finally {
      this.running = false;
    }
  }
}
