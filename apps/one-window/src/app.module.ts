import { Topology } from '@app/exchange-contract';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from './applications/applications.module';
import { AccountsModule, AccountsSettings } from '@app/accounts';
import { CallbacksModule } from './callbacks/callbacks.module';
import { CatalogModule } from './catalog/catalog.module';
import { OneWindowConfig } from './config/one-window.config';
import { CoreModule } from './core/core.module';
import { platformDataSourceOptions } from './database/platform-datasource';
import { DispatchModule } from './dispatch/dispatch.module';
import { HealthController } from './health/health.controller';
import { OpsModule } from './ops/ops.module';

@Module({})
export class OneWindowModule {
  static forRoot(config: OneWindowConfig, topology: Topology, accounts: AccountsSettings): DynamicModule {
    return {
      module: OneWindowModule,
      imports: [
        CoreModule.forRoot(config, topology),
        TypeOrmModule.forRoot(platformDataSourceOptions(config)),
        AccountsModule.forRoot(accounts, 'api/v1'),
        CatalogModule,
        ApplicationsModule,
        DispatchModule,
        CallbacksModule,
        OpsModule,
      ],
      controllers: [HealthController],
    };
  }
}
