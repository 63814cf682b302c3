import { Topology } from '@app/exchange-contract';
import { schemaRootModule } from '@app/common';
import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationsModule } from './applications/applications.module';
import { AccountsModule, AccountsSettings } from '@app/accounts';
import { CallbacksModule } from './callbacks/callbacks.module';
import { CatalogModule } from './catalog/catalog.module';
import { OneWindowConfig } from './config/one-window.config';
import { CoreModule } from './core/core.module';
import { platformDb } from './database/platform-datasource';
import { DeliveryModule } from './delivery/delivery.module';
import { DispatchModule } from './dispatch/dispatch.module';
import { HealthController } from './health/health.controller';
import { OpsModule } from './ops/ops.module';
import { DocumentsModule } from './documents/documents.module';
import { DepartmentsModule } from './departments/departments.module';
import { SupervisionModule } from './supervision/supervision.module';
import { ApplicantSmsModule } from './applicant-sms/applicant-sms.module';

/** The features, each a module of its own; the health routes are the app's own controller. */
const FEATURES = [
  CatalogModule,
  ApplicationsModule,
  DispatchModule,
  CallbacksModule,
  OpsModule,
  DocumentsModule,
  DepartmentsModule,
  DeliveryModule,
  SupervisionModule,
  ApplicantSmsModule,
];

@Module({})
export class OneWindowModule {
  static forRoot(config: OneWindowConfig, topology: Topology, accounts: AccountsSettings): DynamicModule {
    return {
      module: OneWindowModule,
      imports: [CoreModule.forRoot(config, topology), schemaRootModule(platformDb(config)), AccountsModule.forRoot(accounts, 'api/v1'), ...FEATURES],
      controllers: [HealthController],
    };
  }
}
