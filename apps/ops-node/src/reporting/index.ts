// The reporting feature's public surface: other features import from here only.
export { ReportingModule } from './reporting.module';
export { ReportScheduler } from './report-scheduler';
export { SendReportsJob } from './send-reports.job';
