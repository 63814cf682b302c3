import { Clock } from '@app/common';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import * as cron from 'node-cron';
import { OpsNodeConfig } from '../config/ops-node.config';
import { DiscoveryService } from '../inventory/discovery/discovery.service';
import { AlertRepository } from './alert.repository';
import { SamplerService } from './sampler.service';

/** Discovery at boot and on its schedule; sampling on the operator's schedule. Neither overlaps itself. */
@Injectable()
export class MonitoringJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MonitoringJobs');
  private readonly tasks: cron.ScheduledTask[] = [];

  constructor(
    private readonly config: OpsNodeConfig,
    private readonly discovery: DiscoveryService,
    private readonly sampler: SamplerService,
    private readonly alerts: AlertRepository,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.alerts.seedDefaults(this.clock.now());
    await this.discovery.discover().catch((err: Error) => this.logger.error({ msg: 'discovery failed', err: err.message }));
    const guard = (name: string, fn: () => Promise<unknown>) => () => fn().then(() => undefined, (err: Error) => this.logger.error({ msg: `${name} failed`, err: err.message }));
    if (this.config.DISCOVERY_CRON) this.tasks.push(cron.schedule(this.config.DISCOVERY_CRON, guard('discovery', () => this.discovery.discover()), { noOverlap: true, name: 'discovery' }));
    if (this.config.SAMPLE_CRON) this.tasks.push(cron.schedule(this.config.SAMPLE_CRON, guard('sampling', () => this.sampler.round()), { noOverlap: true, name: 'sampling' }));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.tasks) await t.stop();
  }
}
