import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import * as cron from 'node-cron';
import { CityConfig } from '../config/city.config';
import { NodeRegistry } from '../core/node-registry';
import { DownlinkService } from './downlink.service';

/** DOWNLINK_SCHEDULE: the upstream node drops one sample record into every node's front DB per tick. */
@Injectable()
export class DownlinkScheduleJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DownlinkScheduleJob.name);
  private task?: cron.ScheduledTask;

  constructor(
    private readonly downlink: DownlinkService,
    private readonly registry: NodeRegistry,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.DOWNLINK_SCHEDULE) return;
    this.task = cron.schedule(this.config.DOWNLINK_SCHEDULE, () => this.runOnce(), { noOverlap: true, name: 'downlink-sample' });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
    await this.task?.destroy();
  }

  async runOnce(): Promise<void> {
    for (const node of this.registry.nodes) {
      try {
        await this.downlink.write({
          nodeCode: node.nodeCode,
          targetUnit: this.config.DOWNLINK_SAMPLE_UNIT,
          dataType: 'SAMPLE_NOTICE',
          content: { title: '上级节点定时下发样例数据', issuedAt: new Date().toISOString() },
          count: 1,
        });
      } catch (err) {
        this.logger.warn({ msg: 'scheduled downlink failed', nodeCode: node.nodeCode, err: (err as Error).message });
      }
    }
  }
}
