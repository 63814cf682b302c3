import { ScheduledTick, scheduleTick, scheduleEvery } from '@app/common';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
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
  private readonly tasks: ScheduledTick[] = [];

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
    const failed = (name: string) => (err: Error) => this.logger.error({ msg: `${name} failed`, err: err.message });
    if (this.config.DISCOVERY_CRON)
      this.tasks.push(scheduleTick(this.config.DISCOVERY_CRON, 'discovery', () => this.discovery.discover(), failed('discovery')));
    await this.sampler.reloadIntervals();
    this.sampler.start();
    this.apps.start();
    if (this.config.ROLLUP_INTERVAL_MS > 0) this.tasks.push(scheduleEvery(this.config.ROLLUP_INTERVAL_MS, 'rollup', () => this.rollup.run(), failed('rollup')));
    if (this.config.RETENTION_INTERVAL_SECONDS > 0)
      this.tasks.push(scheduleEvery(this.config.RETENTION_INTERVAL_SECONDS * 1000, 'retention', () => this.retention.run(), failed('retention')));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.tasks) await t.stop();
  }
}
