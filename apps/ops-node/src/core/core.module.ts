import { Clock, SystemClock } from '@app/common';
import { Topology } from '@app/exchange-contract';
import { buildDataSource } from '@app/front-db';
import { DynamicModule, Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OpsNodeConfig } from '../config/ops-node.config';
import { opsFrontDbConfig } from '../database/ops-datasource';
import { UnitOfWork } from '../database/unit-of-work';
import { OpsKeys } from './ops-keys';

export const TOPOLOGY = Symbol('TOPOLOGY');

/**
 * The ops front DB connection. It is initialised lazily and retried, so the node starts (and keeps
 * reporting) while the front DB is down; the downlink scan simply waits for it.
 */
export class OpsFrontDb implements OnApplicationShutdown {
  private ds?: DataSource;
  private connecting?: Promise<DataSource>;
  private readonly logger = new Logger('OpsFrontDb');

  constructor(private readonly cfg: ReturnType<typeof opsFrontDbConfig>) {}

  async get(): Promise<DataSource> {
    if (this.ds?.isInitialized) return this.ds;
    this.connecting ??= (async () => {
      const ds = buildDataSource(this.cfg, { poolSize: 4 });
      try {
        await ds.initialize();
        this.ds = ds;
        this.logger.log({ msg: 'ops front DB up', database: this.cfg.database });
        return ds;
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ds?.isInitialized) await this.ds.destroy();
  }
}

@Global()
@Module({})
export class CoreModule {
  static forRoot(config: OpsNodeConfig, topology: Topology, keys: OpsKeys): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: OpsNodeConfig, useValue: config },
        { provide: TOPOLOGY, useValue: topology },
        { provide: OpsKeys, useValue: keys },
        { provide: Clock, useClass: SystemClock },
        { provide: OpsFrontDb, useFactory: () => new OpsFrontDb(opsFrontDbConfig(config)) },
        UnitOfWork,
      ],
      exports: [OpsNodeConfig, TOPOLOGY, OpsKeys, Clock, OpsFrontDb, UnitOfWork],
    };
  }
}
