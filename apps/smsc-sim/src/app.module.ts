import { simControlProviders } from '@app/common';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { SmscSimConfig } from './config/smsc-sim.config';
import { SimControlController } from './control/sim-control.controller';
import { SmscListener } from './gateway/smsc-listener';
import { SmscServer } from './gateway/smsc-server';

@Module({})
export class SmscSimModule {
  static forRoot(config: SmscSimConfig): DynamicModule {
    const smsc = new SmscServer({
      host: config.HOST,
      port: config.CMPP_PORT,
      accounts: config.accounts(),
      gatewayId: config.SMSC_GATEWAY_ID,
      reportDelayMs: config.SMSC_REPORT_DELAY_MS,
      activeTestIdleMs: config.SMSC_ACTIVE_TEST_IDLE_MS,
      responseTimeoutMs: config.SMSC_RESPONSE_TIMEOUT_MS,
      maxConnections: config.SMSC_MAX_CONNECTIONS,
      faults: config.bootFaults(),
      logger: new Logger('smsc'), // Nest's logger is the gateway's: the app's JSON lines
    });
    return {
      module: SmscSimModule,
      controllers: [SimControlController],
      providers: [
        { provide: SmscSimConfig, useValue: config },
        ...simControlProviders(config.SIM_CONTROL_TOKEN),
        { provide: SmscServer, useValue: smsc },
        SmscListener,
      ],
    };
  }
}
