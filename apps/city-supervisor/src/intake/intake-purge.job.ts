import { Clock } from '@app/common';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CityConfig } from '../config/city.config';
import { NonceStore } from './nonce-store';
import { RefusalLog } from './refusal-log';

/**
 * Keeps the replay store small: nonces are forgotten once their message time is two skew windows
 * old (such a message is refused by its timestamp anyway); old refusals are dropped too, and
 * reported performance samples past PERF_SAMPLE_RETENTION_DAYS (in batches, each its own short
 * statement). Every replica may run it: the deletes are idempotent.
 */
@Injectable()
export class IntakePurgeJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IntakePurgeJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly nonces: NonceStore,
    private readonly refusals: RefusalLog,
    private readonly clock: Clock,
    private readonly ds: DataSource,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.min(this.config.MAX_CLOCK_SKEW_MS, 600_000);
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.runOnce().finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async runOnce(): Promise<void> {
    try {
      const now = this.clock.now();
      const nonces = await this.nonces.purge(2 * this.config.MAX_CLOCK_SKEW_MS, now);
      const refusals = await this.refusals.purge(this.config.REFUSAL_RETENTION_DAYS, now);
      const samples = await this.purgePerfSamples(now);
      if (nonces + refusals + samples > 0) this.logger.log({ msg: 'purged', nonces, refusals, samples });
    } catch (err) {
      this.logger.warn({ msg: 'purge failed; next tick retries', err: (err as Error).message });
    }
  }

  private async purgePerfSamples(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.config.PERF_SAMPLE_RETENTION_DAYS * 86_400_000);
    let total = 0;
    for (;;) {
      const res = (await this.ds.query('DELETE FROM city_perf_sample WHERE sampled_at < ? LIMIT 10000', [before])) as { affectedRows: number };
      total += res.affectedRows;
      if (res.affectedRows < 10000) return total;
    }
  }
}
