import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory';
import { SystemLogModule } from '../system-log';
import { AlertEngineService } from './alert-engine.service';
import { AlertEvents } from './alert-events';
import { AlertStreamService } from './alert-stream.service';
import { AlertNotifierService } from './alert-notifier.service';
import { AlertRuleRepository } from './alert-rule.repository';
import { AlertStatsRepository } from './alert-stats.repository';
import { AlertRepository } from './alert.repository';
import { AlertingController } from './alerting.controller';
import { NoticeOutboxRepository } from './notice-outbox.repository';
import { SilenceRepository } from './silence.repository';
import { TopologyRepository } from './topology.repository';
import { SeriesCheck } from './series-check';
import { UnitOfWork } from '../database/unit-of-work';

/** Threshold alerts (告警): rules, the alert table, silences, topology suppression, and the alert events. */
@Module({
  imports: [InventoryModule, SystemLogModule],
  controllers: [AlertingController],
  providers: [
    ...autocommitProviders(UnitOfWork, [
      AlertRepository,
      AlertRuleRepository,
      SilenceRepository,
      TopologyRepository,
      AlertStatsRepository,
      NoticeOutboxRepository,
    ]),
    AlertEvents,
    AlertStreamService,
    AlertEngineService,
    AlertNotifierService,
    SeriesCheck,
  ],
  // ingest evaluates samples; monitoring plugs its catalogue into SeriesCheck; notifications follow the events and finish the notices; reporting lists the alerts; retention purges the old notices
  exports: [AlertRepository, AlertEvents, AlertEngineService, AlertNotifierService, NoticeOutboxRepository, SeriesCheck],
})
export class AlertingModule {}
