import { AlertEscalationFeeder } from './alert-escalation.feeder';
import { DbEscalationStore } from './db-escalation.store';
import { EscalationService } from './escalation.service';
import { NotificationChannels } from './notification-channels';
import { NotificationsController } from './notifications.controller';
import { OnCallController } from './on-call.controller';
import { OnCallRepository } from './on-call.repository';

/** Alert notification (告警通知) for the ops node's root module: channels, escalation, on-call table, its API. */
export const NOTIFICATION_CONTROLLERS = [NotificationsController, OnCallController];
export const NOTIFICATION_PROVIDERS = [NotificationChannels, DbEscalationStore, OnCallRepository, EscalationService, AlertEscalationFeeder];
