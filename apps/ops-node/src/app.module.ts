import { AccountsModule, AccountsSettings } from '@app/accounts';
import { Topology } from '@app/exchange-contract';
import { schemaRootModule } from '@app/common';
import { DynamicModule, Module } from '@nestjs/common';
import { AlertingModule } from './alerting';
import { OpsNodeConfig } from './config/ops-node.config';
import { CoreModule } from './core/core.module';
import { OpsKeys } from './core/ops-keys';
import { opsDb } from './database/ops-datasource';
import { DownlinkModule } from './downlink';
import { HealthModule } from './health';
import { InboundModule } from './inbound';
import { InventoryModule } from './inventory';
import { MonitoringModule } from './monitoring';
import { NodeInfoModule } from './node-info';
import { NotificationsModule } from './notifications';
import { ReportingModule } from './reporting';
import { SystemLogModule } from './system-log';
import { WorkOrdersModule } from './work-orders';

/** The features, each a module of its own (the order is Nest's instantiation order). */
const FEATURES = [
  NodeInfoModule,
  InventoryModule,
  MonitoringModule,
  AlertingModule,
  SystemLogModule,
  WorkOrdersModule,
  InboundModule,
  ReportingModule,
  DownlinkModule,
  HealthModule,
  NotificationsModule,
];

/**
 * The ops node: the global pieces (settings, keys, clock, both DBs, accounts) and one module per
 * feature. Each feature module declares its own controllers and providers and exports only what
 * other features use; the imports between them follow the feature dependencies (no cycles).
 */
@Module({})
export class OpsNodeModule {
  static forRoot(config: OpsNodeConfig, topology: Topology, keys: OpsKeys, accounts: AccountsSettings): DynamicModule {
    return {
      module: OpsNodeModule,
      imports: [CoreModule.forRoot(config, topology, keys), schemaRootModule(opsDb(config)), AccountsModule.forRoot(accounts, 'ops/api'), ...FEATURES],
    };
  }
}
