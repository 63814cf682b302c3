import { Clock, SystemClock } from '@app/common';
import { Topology } from '@app/exchange-contract';
import { FrontDbRegistry } from '@app/front-db';
import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { OneWindowConfig, TOPOLOGY } from '../config/one-window.config';
import { UnitOfWork } from '../database/unit-of-work';
import { DispatchSignal } from '../dispatch/dispatch.signal';

export const frontDbLog = (app: string) => {
  const logger = new Logger(`${app}:FrontDb`);
  return (dept: string, status: string): void =>
    status === 'up' ? logger.log({ msg: 'front DB up', dept }) : logger.error({ msg: 'front DB unavailable; retrying', dept, status });
};

/** Process-wide singletons: config, topology, the front-DB connections, clock, the platform DB's unit of work. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: OneWindowConfig, topology: Topology): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: OneWindowConfig, useValue: config },
        { provide: TOPOLOGY, useValue: topology },
        {
          provide: FrontDbRegistry,
          useFactory: () =>
            FrontDbRegistry.open(topology.departments, {
              poolSize: 10,
              retryMs: config.FRONT_DB_RETRY_MS,
              largestBlobBytes: config.MAX_MATERIAL_BYTES,
              onChange: frontDbLog('one-window'),
            }),
        },
        { provide: Clock, useClass: SystemClock },
        DispatchSignal,
        UnitOfWork,
      ],
      exports: [OneWindowConfig, TOPOLOGY, FrontDbRegistry, Clock, DispatchSignal, UnitOfWork],
    };
  }
}
