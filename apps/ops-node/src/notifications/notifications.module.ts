import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { AlertingModule } from '../alerting';
import { SystemLogModule } from '../system-log';
import { AlertEscalationFeeder } from './alert-escalation.feeder';
import { DbEscalationStore } from './db-escalation.store';
import { EscalationService } from './escalation.service';
import { NotificationChannels } from './notification-channels';
import { NotificationsController } from './notifications.controller';
import { OnCallController } from './on-call.controller';
import { OnCallRepository } from './on-call.repository';
import { OnCallService } from './on-call.service';
import { UnitOfWork } from '../database/unit-of-work';

/** Alert notification (告警通知): channels, escalation, the on-call table and their API; fed by the alert events. */
@Module({
  imports: [AlertingModule, SystemLogModule],
  controllers: [NotificationsController, OnCallController],
  providers: [
    ...autocommitProviders(UnitOfWork, [OnCallRepository]),
    NotificationChannels,
    DbEscalationStore,
    OnCallService,
    EscalationService,
    AlertEscalationFeeder,
  ],
  // retention purges the old notification records through their owner
  exports: [DbEscalationStore],
})
export class NotificationsModule {}
