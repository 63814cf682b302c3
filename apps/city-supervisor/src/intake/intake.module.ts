import { Module } from '@nestjs/common';
import { ReportApplier } from '../state/report-applier';
import { IntakePurgeJob } from './intake-purge.job';
import { NonceStore } from './nonce-store';
import { ReceiveReportUseCase } from './receive-report.use-case';
import { RefusalLog } from './refusal-log';
import { SecureMessageController } from './secure-message.controller';

@Module({
  controllers: [SecureMessageController],
  providers: [ReceiveReportUseCase, NonceStore, RefusalLog, ReportApplier, IntakePurgeJob],
  exports: [ReceiveReportUseCase],
})
export class IntakeModule {}
