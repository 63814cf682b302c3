import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { OpsNodeConfig } from '../config/ops-node.config';
import { DatabaseServerRepository } from './discovery/database-server.repository';
import { DeviceSimulator } from './discovery/device-simulator';
import { DiscoveryService } from './discovery/discovery.service';
import { HostProbe } from './discovery/host-probe';
import { InventoryController } from './inventory.controller';
import { InventoryRepository } from './inventory.repository';
import { UnitOfWork } from '../database/unit-of-work';

/** Resource inventory (资源清单) of the six resource classes, and the discovery that fills it. */
@Module({
  controllers: [InventoryController],
  providers: [
    ...autocommitProviders(UnitOfWork, [InventoryRepository, DatabaseServerRepository]),
    {
      provide: DeviceSimulator,
      useFactory: (config: OpsNodeConfig) => new DeviceSimulator(config.DEVICE_SIM_SEED, config.DEVICE_SIM_FAULT_RATE),
      inject: [OpsNodeConfig],
    },
    HostProbe,
    DiscoveryService,
  ],
  // the samplers read the simulated devices, the host and the DB server; alerting, reporting and work orders read the inventory
  exports: [InventoryRepository, DeviceSimulator, HostProbe, DatabaseServerRepository, DiscoveryService],
})
export class InventoryModule {}
