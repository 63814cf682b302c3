import { Module } from '@nestjs/common';
import { DownlinkModule } from '../downlink';
import { MonitoringModule } from '../monitoring';
import { ReportingModule } from '../reporting';
import { HealthController } from './health.controller';

/** Health (运行状态): liveness, and readiness with the totals of the background jobs. */
@Module({
  imports: [DownlinkModule, MonitoringModule, ReportingModule],
  controllers: [HealthController],
})
export class HealthModule {}
