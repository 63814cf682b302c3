import { Clock, ScheduledTick, scheduleTick } from '@app/common';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CityConfig } from '../config/city.config';
import { UnitOfWork } from '../database/unit-of-work';
import { PerfSampleRepository } from '../state';
import { NonceRepository } from './nonce.repository';
import { RefusalRepository } from './refusal.repository';

/**
 * A node-cron expression that ticks about every `ms`: every N seconds below a minute, else every N
 * minutes (the purge only needs "often enough", so the rounding to what cron can say is harmless).
 */
export function cronEvery(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `*/${seconds} * * * * *`;
  return `0 */${Math.min(59, Math.round(seconds / 60))} * * * *`;
}

/**
 * Keeps the replay store small: nonces are forgotten once their message time is two skew windows
 * old (such a message is refused by its timestamp before the nonce is looked at); old refusals are
 * dropped too, and reported performance samples past PERF_SAMPLE_RETENTION_DAYS (in batches, each
 * its own short statement). Every replica may run it: the deletes are idempotent.
 */
@Injectable()
export class IntakePurgeJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IntakePurgeJob.name);
  private task?: ScheduledTick;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task = scheduleTick(cronEvery(Math.min(this.config.MAX_CLOCK_SKEW_MS, 600_000)), 'intake-purge', () => this.runOnce());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  async runOnce(): Promise<void> {
    try {
      const now = this.clock.now();
      const repos = this.uow.autocommit;
      const nonces = await repos.get(NonceRepository).purgeBefore(new Date(now.getTime() - 2 * this.config.MAX_CLOCK_SKEW_MS));
      const refusals = await repos.get(RefusalRepository).purgeBefore(new Date(now.getTime() - this.config.REFUSAL_RETENTION_DAYS * 86_400_000));
      const samples = await repos.get(PerfSampleRepository).purgeBefore(new Date(now.getTime() - this.config.PERF_SAMPLE_RETENTION_DAYS * 86_400_000));
      if (nonces + refusals + samples > 0) this.logger.log({ msg: 'purged', nonces, refusals, samples });
    } catch (err) {
      this.logger.warn({ msg: 'purge failed; next tick retries', err: (err as Error).message });
    }
  }
}
