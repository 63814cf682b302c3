import { Module } from '@nestjs/common';
import { ApplicantSmsGateway } from './applicant-sms.gateway';
import { ApplicantSmsWorker } from './applicant-sms.worker';

/**
 * SMS to the applicant on 补正补齐 and 办结 (docs/applicant-sms.md): the outbox rows are queued by the
 * callback take (same transaction); this module sends them over CMPP and records their delivery.
 */
@Module({
  providers: [ApplicantSmsGateway, ApplicantSmsWorker],
  exports: [ApplicantSmsGateway],
})
export class ApplicantSmsModule {}
