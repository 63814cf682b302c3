// The notifications feature's public surface: its module, and the escalation store (retention purges old notification records through it).
export { NotificationsModule } from './notifications.module';
export { DbEscalationStore } from './db-escalation.store';
