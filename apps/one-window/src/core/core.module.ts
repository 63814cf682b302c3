import { Clock, SystemClock } from '@app/common';
import { Topology } from '@app/exchange-contract';
import { FrontDbRegistry } from '@app/front-db';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { TokenService } from '../auth/token.service';
import { OneWindowConfig, TOPOLOGY } from '../config/one-window.config';
import { DispatchSignal } from '../dispatch/dispatch.signal';

/** Process-wide singletons: config, topology, the front-DB connections, clock, tokens. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: OneWindowConfig, topology: Topology): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: OneWindowConfig, useValue: config },
        { provide: TOPOLOGY, useValue: topology },
        { provide: FrontDbRegistry, useFactory: () => FrontDbRegistry.open(topology.departments, { poolSize: 10 }) },
        { provide: Clock, useClass: SystemClock },
        { provide: TokenService, useFactory: () => new TokenService(config.TOKEN_SECRET, config.TOKEN_TTL_SECONDS) },
        DispatchSignal,
      ],
      exports: [OneWindowConfig, TOPOLOGY, FrontDbRegistry, Clock, TokenService, DispatchSignal],
    };
  }
}
