// The alerting feature's public surface: other features import from here only.
export { AlertingModule } from './alerting.module';
export { AlertEngineService } from './alert-engine.service';
export { AlertEvents } from './alert-events';
export type { AlertNotice, AlertStateChanged } from './alert-events';
export { AlertNotifierService } from './alert-notifier.service';
export { ALERT_STATE_LABEL, AlertEvent } from './alert-state-machine';
export { AlertRepository, SEVERITY_LABELS } from './alert.repository';
export type { AlertRow, ExternalAlert } from './alert.repository';
export { WORK_ORDER_ALERT_CLASS } from './alert.repository';
export type { EvalSample } from './rule-engine';
export { NoticeOutboxRepository } from './notice-outbox.repository';
export { SeriesCheck } from './series-check';
export type { SeriesCheckFn } from './series-check';
