// The system-log feature's public surface: other features import from here only.
export { SystemLogModule } from './system-log.module';
export { SystemLogRepository } from './system-log.repository';
export type { LogCategory, LogLevel, SystemLogEntry } from './system-log.repository';
export { SystemLogEntryDto } from './system-log.responses';
