import { Module } from '@nestjs/common';
import { StateModule } from '../state';
import { IntakePurgeJob } from './intake-purge.job';
import { ReceiveReportUseCase } from './receive-report.use-case';
import { RefusalLog } from './refusal-log';
import { SecureMessageController } from './secure-message.controller';

@Module({
  imports: [StateModule],
  controllers: [SecureMessageController],
  providers: [ReceiveReportUseCase, RefusalLog, IntakePurgeJob],
  exports: [ReceiveReportUseCase],
})
export class IntakeModule {}
