import { sleep } from '@app/common';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OneWindowConfig } from '../config/one-window.config';
import { DispatchBatchUseCase } from './dispatch-batch.use-case';
import { DispatchSignal } from './dispatch.signal';

/** Runs DISPATCH_LANES loops that drain the outbox; each lane sleeps until kicked or the poll interval passes. */
@Injectable()
export class DispatchWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DispatchWorker.name);
  private running = false;
  private lanes: Promise<void>[] = [];

  constructor(
    private readonly batch: DispatchBatchUseCase,
    private readonly signal: DispatchSignal,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.lanes = Array.from({ length: this.config.DISPATCH_LANES }, (_, i) => this.lane(i));
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signal.kick();
    await Promise.all(this.lanes);
  }

  private async lane(i: number): Promise<void> {
    while (this.running) {
      try {
        const n = await this.batch.execute();
        if (n > 0) continue;
      } catch (err) {
        this.logger.error({ msg: 'dispatch lane error', lane: i, err: (err as Error).message, stack: (err as Error).stack });
        await sleep(1000);
      }
      if (this.running) await this.signal.wait(this.config.DISPATCH_POLL_MS);
    }
  }
}
