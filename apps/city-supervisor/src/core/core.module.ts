import { Clock, SystemClock } from '@app/common';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { CityConfig } from '../config/city.config';
import { CityNode } from '../config/city-nodes';
import { UnitOfWork } from '../database/unit-of-work';
import { CityKeys } from './city-keys';
import { NodeRegistry } from './node-registry';

/** Process-wide singletons: config, registered nodes, keys, clock, the unit of work over the city DB. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: CityConfig, nodes: CityNode[], keys: CityKeys): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CityConfig, useValue: config },
        { provide: NodeRegistry, useValue: new NodeRegistry(nodes) },
        { provide: CityKeys, useValue: keys },
        { provide: Clock, useClass: SystemClock },
        UnitOfWork,
      ],
      exports: [CityConfig, NodeRegistry, CityKeys, Clock, UnitOfWork],
    };
  }
}
