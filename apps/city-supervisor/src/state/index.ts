// The state feature's public surface: other features import from here only.
export { StateModule } from './state.module';
export { ReportApplier, type ApplySummary } from './report-applier';
export { PerfSampleRepository } from './perf-sample.repository';
