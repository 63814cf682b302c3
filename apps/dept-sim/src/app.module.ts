import { Topology } from '@app/exchange-contract';
import { FrontDbRegistry } from '@app/front-db';
import { DynamicModule, Module } from '@nestjs/common';
import { DeptSimConfig, SIM_TOPOLOGY } from './config/dept-sim.config';
import { SimControlController } from './control/sim-control.controller';
import { SimDepartments } from './core/sim-departments';
import { SIM_MIGRATIONS_TABLE, SIM_MIGRATIONS } from './database/sim-job.migration';
import { AcceptanceNotificationController } from './intake/acceptance-notification.controller';
import { AcceptanceScanJob } from './intake/acceptance-scan.job';
import { ReceiveAcceptanceNotificationUseCase } from './intake/receive-acceptance-notification.use-case';
import { TakeAcceptanceUseCase } from './intake/take-acceptance.use-case';
import { ExchangePlatformNotifier } from './notify/exchange-platform.notifier';
import { PlatformNotifier } from './notify/platform-notifier';
import { SimWorker } from './processing/sim-worker';
import { assertMigrated, buildDataSource } from '@app/front-db';

async function openFrontDbs(topology: Topology): Promise<FrontDbRegistry> {
  const reg = await FrontDbRegistry.open(topology.departments, { poolSize: 10 });
  // the simulator's own tables must be migrated too
  for (const d of topology.departments) {
    const ds = buildDataSource(d.frontDb, { migrations: SIM_MIGRATIONS, migrationsTableName: SIM_MIGRATIONS_TABLE, poolSize: 1 });
    await ds.initialize();
    try {
      await assertMigrated(ds, `simulator tables of ${d.code}`);
    } finally {
      await ds.destroy();
    }
  }
  return reg;
}

@Module({})
export class DeptSimModule {
  static forRoot(config: DeptSimConfig, topology: Topology): DynamicModule {
    return {
      module: DeptSimModule,
      controllers: [AcceptanceNotificationController, SimControlController],
      providers: [
        { provide: DeptSimConfig, useValue: config },
        { provide: SIM_TOPOLOGY, useValue: topology },
        { provide: FrontDbRegistry, useFactory: () => openFrontDbs(topology) },
        { provide: SimDepartments, useFactory: (reg: FrontDbRegistry) => new SimDepartments(topology, reg), inject: [FrontDbRegistry] },
        { provide: PlatformNotifier, useClass: ExchangePlatformNotifier },
        TakeAcceptanceUseCase,
        ReceiveAcceptanceNotificationUseCase,
        AcceptanceScanJob,
        SimWorker,
      ],
    };
  }
}
