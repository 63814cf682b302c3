import { sleep } from '@app/common';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CityConfig } from '../config/city.config';
import { DeliverWorkOrdersUseCase } from './deliver-work-orders.use-case';
import { WorkOrderSignal } from './work-order-signal';

/** One loop that drains the work-order outbox; it sleeps until kicked or the poll interval passes. */
@Injectable()
export class WorkOrderSenderWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkOrderSenderWorker.name);
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly deliver: DeliverWorkOrdersUseCase,
    private readonly signal: WorkOrderSignal,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signal.kick();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.deliver.execute()) > 0) continue;
      } catch (err) {
        this.logger.error({ msg: 'work-order sender error', err: (err as Error).message });
        await sleep(1000);
      }
      if (this.running) await this.signal.wait(this.config.WORK_ORDER_POLL_MS);
    }
  }
}
