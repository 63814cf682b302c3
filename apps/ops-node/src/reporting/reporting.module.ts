import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { AlertingModule } from '../alerting';
import { OpsNodeConfig } from '../config/ops-node.config';
import { InventoryModule } from '../inventory';
import { MonitoringModule } from '../monitoring';
import { NodeInfoModule } from '../node-info';
import { WorkOrdersModule } from '../work-orders';
import { CityClient } from './city-client';
import { EnqueueReportUseCase } from './enqueue-report.use-case';
import { ReportItemsCollector } from './report-items.collector';
import { ReportOutboxRepository } from './report-outbox.repository';
import { ReportScheduler } from './report-scheduler';
import { ReportingController } from './reporting.controller';
import { SendReportsJob } from './send-reports.job';
import { UnitOfWork } from '../database/unit-of-work';

/** Reporting to the city (上报): six categories collected, queued in an outbox, signed and sent. */
@Module({
  imports: [InventoryModule, AlertingModule, MonitoringModule, NodeInfoModule, WorkOrdersModule],
  controllers: [ReportingController],
  providers: [
    ...autocommitProviders(UnitOfWork, [ReportOutboxRepository]),
    { provide: CityClient, useFactory: (config: OpsNodeConfig) => new CityClient(config), inject: [OpsNodeConfig] },
    ReportItemsCollector,
    EnqueueReportUseCase,
    SendReportsJob,
    ReportScheduler,
  ],
  // health reports the sender's totals
  exports: [SendReportsJob],
})
export class ReportingModule {}
