import { AccountsModule, AccountsSettings } from '@app/accounts';
import { schemaRootModule } from '@app/common';
import { DynamicModule, Module } from '@nestjs/common';
import { CityConfig } from './config/city.config';
import { CityNode } from './config/city-nodes';
import { CityKeys } from './core/city-keys';
import { CoreModule } from './core/core.module';
import { cityDb } from './database/city-datasource';
import { DownlinkModule } from './downlink/downlink.module';
import { HealthController } from './health/health.controller';
import { IntakeModule } from './intake/intake.module';
import { QueryModule } from './query/query.module';
import { WorkOrdersModule } from './work-orders/work-orders.module';

@Module({})
export class CitySupervisorModule {
  static forRoot(config: CityConfig, nodes: CityNode[], keys: CityKeys, accounts: AccountsSettings): DynamicModule {
    return {
      module: CitySupervisorModule,
      imports: [
        CoreModule.forRoot(config, nodes, keys),
        schemaRootModule(cityDb(config)),
        AccountsModule.forRoot(accounts, 'city/api'),
        IntakeModule,
        QueryModule,
        WorkOrdersModule,
        DownlinkModule,
      ],
      controllers: [HealthController],
    };
  }
}
