import { ScheduledTick, scheduleTick } from '@app/common';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CityConfig } from '../config/city.config';
import { NodeRegistry } from '../core/node-registry';
import { DownlinkService } from './downlink.service';

/** DOWNLINK_SCHEDULE: the upstream node drops one sample record into every node's front DB per tick. */
@Injectable()
export class DownlinkScheduleJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DownlinkScheduleJob.name);
  private task?: ScheduledTick;

  constructor(
    private readonly downlink: DownlinkService,
    private readonly registry: NodeRegistry,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.DOWNLINK_SCHEDULE) return;
    // runOnce handles each node's failure itself, so no error hook
    this.task = scheduleTick(this.config.DOWNLINK_SCHEDULE, 'downlink-sample', () => this.runOnce());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
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
