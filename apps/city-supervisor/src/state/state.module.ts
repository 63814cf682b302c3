import { Module } from '@nestjs/common';
import { ReportApplier } from './report-applier';

/** The city's current state per category: what accepted reports change in it. */
@Module({ providers: [ReportApplier], exports: [ReportApplier] })
export class StateModule {}
