import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import * as cron from 'node-cron';
import { AppProbeService } from './app-monitoring/app-probe.service';
import { OpsNodeConfig } from '../config/ops-node.config';
import { DiscoveryService } from '../inventory';
import { RetentionService } from './performance/retention.service';
import { RollupService } from './performance/rollup.service';
import { SamplerService } from './sampler.service';

/**
 * Background work of the monitoring module: discovery at boot and on its schedule, then the sampling
 * scheduler and the application probes, the rollup and the retention jobs. None overlaps itself.
 */
@Injectable()
export class MonitoringJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MonitoringJobs');
  private readonly tasks: cron.ScheduledTask[] = [];
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly config: OpsNodeConfig,
    private readonly discovery: DiscoveryService,
    private readonly sampler: SamplerService,
    private readonly apps: AppProbeService,
    private readonly rollup: RollupService,
    private readonly retention: RetentionService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.discovery.discover().catch((err: Error) => this.logger.error({ msg: 'discovery failed', err: err.message }));
    const guard = (name: string, fn: () => Promise<unknown>) => () => fn().then(() => undefined, (err: Error) => this.logger.error({ msg: `${name} failed`, err: err.message }));
    if (this.config.DISCOVERY_CRON) this.tasks.push(cron.schedule(this.config.DISCOVERY_CRON, guard('discovery', () => this.discovery.discover()), { noOverlap: true, name: 'discovery' }));
    await this.sampler.reloadIntervals();
    this.sampler.start();
    this.apps.start();
    if (this.config.ROLLUP_INTERVAL_MS > 0) this.every(this.config.ROLLUP_INTERVAL_MS, guard('rollup', () => this.rollup.run()));
    if (this.config.RETENTION_INTERVAL_SECONDS > 0) this.every(this.config.RETENTION_INTERVAL_SECONDS * 1000, guard('retention', () => this.retention.run()));
  }

  private every(ms: number, fn: () => Promise<void>): void {
    const t = setInterval(() => void fn(), ms);
    t.unref();
    this.timers.push(t);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const t of this.tasks) await t.stop();
  }
}
