import { AccountsModule, AccountsSettings } from '@app/accounts';
import { Topology } from '@app/exchange-contract';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OpsNodeConfig } from './config/ops-node.config';
import { CoreModule } from './core/core.module';
import { OpsKeys } from './core/ops-keys';
import { opsDataSourceOptions } from './database/ops-datasource';
import { DownlinkDeliverJob } from './downlink/downlink-deliver.job';
import { DownlinkController } from './downlink/downlink.controller';
import { DownlinkScanJob } from './downlink/downlink-scan.job';
import { HealthController } from './health/health.controller';
import { CityInboundController } from './inbound/city-inbound.controller';
import { ReceiveCityMessageUseCase } from './inbound/receive-city-message.use-case';
import { DeviceSimulator } from './inventory/discovery/device-simulator';
import { DiscoveryService } from './inventory/discovery/discovery.service';
import { HostProbe } from './inventory/discovery/host-probe';
import { InventoryController } from './inventory/inventory.controller';
import { InventoryRepository } from './inventory/inventory.repository';
import { AlertEngineService } from './alerting/alert-engine.service';
import { AlertEvents } from './alerting/alert-events';
import { AlertNotifierService } from './alerting/alert-notifier.service';
import { AlertRuleRepository } from './alerting/alert-rule.repository';
import { AlertStatsRepository } from './alerting/alert-stats.repository';
import { AlertingController } from './alerting/alerting.controller';
import { SilenceRepository } from './alerting/silence.repository';
import { TopologyRepository } from './alerting/topology.repository';
import { AppMonitoringController } from './app-monitoring/app-monitoring.controller';
import { AppProbeRepository } from './app-monitoring/app-probe.repository';
import { AppProbeService } from './app-monitoring/app-probe.service';
import { AlertRepository } from './monitoring/alert.repository';
import { MonitoringController } from './monitoring/monitoring.controller';
import { MonitoringJobs } from './monitoring/monitoring.jobs';
import { SampleRepository } from './monitoring/sample.repository';
import { SamplerService } from './monitoring/sampler.service';
import { IngestService } from './performance/ingest.service';
import { JobRunRepository } from './performance/job-run.repository';
import { PerformanceQueryService } from './performance/performance-query.service';
import { PerformanceController } from './performance/performance.controller';
import { RetentionService } from './performance/retention.service';
import { RollupRepository } from './performance/rollup.repository';
import { RollupService } from './performance/rollup.service';
import { SamplingIntervalRepository } from './performance/sampling-interval.repository';
import { NodeInfoController } from './node-info/node-info.controller';
import { NodeInfoService } from './node-info/node-info.service';
import { NOTIFICATION_CONTROLLERS, NOTIFICATION_PROVIDERS } from './notifications';
import { CityClient } from './reporting/city-client';
import { EnqueueReportUseCase } from './reporting/enqueue-report.use-case';
import { ReportItemsCollector } from './reporting/report-items.collector';
import { ReportOutboxRepository } from './reporting/report-outbox.repository';
import { ReportScheduler } from './reporting/report-scheduler';
import { ReportingController } from './reporting/reporting.controller';
import { SendReportsJob } from './reporting/send-reports.job';
import { SystemLogController } from './system-log/system-log.controller';
import { SystemLogRepository } from './system-log/system-log.repository';
import { WorkOrderController } from './work-orders/work-order.controller';
import { WorkOrderRepository } from './work-orders/work-order.repository';
import { WorkOrderService } from './work-orders/work-order.service';

@Module({})
export class OpsNodeModule {
  static forRoot(config: OpsNodeConfig, topology: Topology, keys: OpsKeys, accounts: AccountsSettings): DynamicModule {
    return {
      module: OpsNodeModule,
      imports: [CoreModule.forRoot(config, topology, keys), TypeOrmModule.forRoot(opsDataSourceOptions(config)), AccountsModule.forRoot(accounts, 'ops/api')],
      controllers: [
        NodeInfoController, InventoryController, MonitoringController, PerformanceController, AlertingController, AppMonitoringController, SystemLogController,
        WorkOrderController, CityInboundController, ReportingController, DownlinkController, HealthController, ...NOTIFICATION_CONTROLLERS,
      ],
      providers: [
        NodeInfoService,
        InventoryRepository,
        { provide: DeviceSimulator, useFactory: () => new DeviceSimulator(config.DEVICE_SIM_SEED, config.DEVICE_SIM_FAULT_RATE) },
        HostProbe,
        DiscoveryService,
        SampleRepository,
        AlertRepository,
        SystemLogRepository,
        AlertRuleRepository,
        SilenceRepository,
        TopologyRepository,
        AlertStatsRepository,
        AlertEvents,
        AlertEngineService,
        AlertNotifierService,
        IngestService,
        SamplingIntervalRepository,
        RollupRepository,
        RollupService,
        JobRunRepository,
        RetentionService,
        PerformanceQueryService,
        AppProbeRepository,
        AppProbeService,
        SamplerService,
        MonitoringJobs,
        WorkOrderRepository,
        WorkOrderService,
        ReceiveCityMessageUseCase,
        { provide: CityClient, useFactory: () => new CityClient(config) },
        ReportOutboxRepository,
        ReportItemsCollector,
        EnqueueReportUseCase,
        SendReportsJob,
        ReportScheduler,
        DownlinkDeliverJob,
        DownlinkScanJob,
        ...NOTIFICATION_PROVIDERS,
      ],
    };
  }
}
