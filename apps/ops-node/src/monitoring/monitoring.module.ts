import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { AlertingModule, SeriesCheck } from '../alerting';
import { InventoryModule } from '../inventory';
import { NotificationsModule } from '../notifications';
import { SystemLogModule } from '../system-log';
import { AppMonitoringController } from './app-monitoring/app-monitoring.controller';
import { AppProbeRepository } from './app-monitoring/app-probe.repository';
import { AppProbeService } from './app-monitoring/app-probe.service';
import { MonitoringController } from './monitoring.controller';
import { MonitoringJobs } from './monitoring.jobs';
import { IngestService } from './performance/ingest.service';
import { JobRunRepository } from './performance/job-run.repository';
import { PerformanceQueryService } from './performance/performance-query.service';
import { PerformanceController } from './performance/performance.controller';
import { RetentionService } from './performance/retention.service';
import { RollupRepository } from './performance/rollup.repository';
import { RollupService } from './performance/rollup.service';
import { SamplingIntervalRepository } from './performance/sampling-interval.repository';
import { SampleRepository } from './sample.repository';
import { SamplerService } from './sampler.service';
import { UnitOfWork } from '../database/unit-of-work';

/**
 * Monitoring (性能监控 and 应用监控) as one feature: the samplers and the application probes collect,
 * ingest stores and hands samples to the alert rules, performance rolls them up, keeps and queries them.
 * One module because these parts call each other both ways (the sampler ingests, the interval API
 * steers the sampler, the probes ingest and are run by the sampler's rounds).
 */
@Module({
  imports: [AlertingModule, InventoryModule, NotificationsModule, SystemLogModule],
  controllers: [MonitoringController, PerformanceController, AppMonitoringController],
  providers: [
    ...autocommitProviders(UnitOfWork, [SampleRepository, SamplingIntervalRepository, RollupRepository, JobRunRepository, AppProbeRepository]),
    IngestService,
    RollupService,
    RetentionService,
    PerformanceQueryService,
    AppProbeService,
    SamplerService,
    MonitoringJobs,
  ],
  // health reports the sampler's totals; reporting reads the samples
  exports: [SamplerService, SampleRepository],
})
export class MonitoringModule {
  // alert rules are checked against what monitoring collects (alerting cannot import monitoring)
  constructor(check: SeriesCheck, sampler: SamplerService) {
    check.use((resourceId, metric) => sampler.assertKnownSeries(resourceId, metric));
  }
}
