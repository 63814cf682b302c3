import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { SmscSimConfig } from '../config/smsc-sim.config';
import { SmscServer } from './smsc-server';

/** Opens the CMPP listener with the Nest app and closes it on shutdown. */
@Injectable()
export class SmscListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SmscListener');

  constructor(
    private readonly smsc: SmscServer,
    private readonly config: SmscSimConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const port = await this.smsc.start();
    this.logger.log({ msg: 'CMPP listener up', host: this.config.HOST, port, accounts: this.config.accounts().map((a) => a.spId) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.smsc.stop();
  }
}
