import { Topology } from '@app/exchange-contract';
import { FrontDbRegistry } from '@app/front-db';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { DeptSimConfig } from './config/dept-sim.config';
import { SimControlController } from './control/sim-control.controller';
import { DownlinkController } from './downlink/downlink.controller';
import { DownlinkInbox } from './downlink/downlink-inbox';
import { HealthController } from './health/health.controller';
import { ReceiveDownlinkUseCase } from './downlink/receive-downlink.use-case';
import { SimDepartments } from './core/sim-departments';
import { SIM_MIGRATIONS_TABLE, SIM_MIGRATIONS } from './database/sim-job.migration';
import { AcceptanceNotificationController } from './intake/acceptance-notification.controller';
import { AcceptanceScanJob } from './intake/acceptance-scan.job';
import { ReceiveAcceptanceNotificationUseCase } from './intake/receive-acceptance-notification.use-case';
import { TakeAcceptanceUseCase } from './intake/take-acceptance.use-case';
import { ExchangePlatformNotifier } from './notify/exchange-platform.notifier';
import { PlatformNotifier } from './notify/platform-notifier';
import { SimWorker } from './processing/sim-worker';

function openFrontDbs(topology: Topology, config: DeptSimConfig): Promise<FrontDbRegistry> {
  const logger = new Logger('dept-sim:FrontDb');
  return FrontDbRegistry.open(topology.departments, {
    poolSize: 10,
    retryMs: config.FRONT_DB_RETRY_MS,
    // the simulator's own tables must be migrated too
    alsoCheck: { migrations: SIM_MIGRATIONS, migrationsTableName: SIM_MIGRATIONS_TABLE },
    onChange: (dept, status) =>
      status === 'up' ? logger.log({ msg: 'front DB up', dept }) : logger.error({ msg: 'front DB unavailable; retrying', dept, status }),
  });
}

@Module({})
export class DeptSimModule {
  static forRoot(config: DeptSimConfig, topology: Topology): DynamicModule {
    return {
      module: DeptSimModule,
      controllers: [AcceptanceNotificationController, SimControlController, DownlinkController, HealthController],
      providers: [
        { provide: DeptSimConfig, useValue: config },
        { provide: FrontDbRegistry, useFactory: () => openFrontDbs(topology, config) },
        { provide: SimDepartments, useFactory: (reg: FrontDbRegistry) => new SimDepartments(topology, reg), inject: [FrontDbRegistry] },
        { provide: PlatformNotifier, useClass: ExchangePlatformNotifier },
        TakeAcceptanceUseCase,
        ReceiveAcceptanceNotificationUseCase,
        AcceptanceScanJob,
        SimWorker,
        DownlinkInbox,
        ReceiveDownlinkUseCase,
      ],
    };
  }
}
