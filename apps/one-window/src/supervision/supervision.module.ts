import { autocommitProviders, Clock } from '@app/common';
import { Module } from '@nestjs/common';
import { OneWindowConfig } from '../config/one-window.config';
import { UnitOfWork } from '../database/unit-of-work';
import { DeadlineCalculator } from './deadline.calculator';
import { DeadlineJob } from './deadline.job';
import { DeadlineRepository } from './deadline.repository';
import { loadHolidayCalendar } from './holiday-calendar.loader';
import { HolidayCalendar } from './rules/holiday-calendar';
import { FileClock, SUPERVISION_CLOCK } from './supervision-clock';
import { SupervisionController } from './supervision.controller';
import { SupervisionQuery } from './supervision.query';

/** Time limits (时限) and 电子监察: the deadline job, its tables and the supervision API (docs/time-limits.md). */
@Module({
  controllers: [SupervisionController],
  providers: [
    { provide: HolidayCalendar, useFactory: (c: OneWindowConfig) => loadHolidayCalendar(c.HOLIDAY_CALENDAR_FILE), inject: [OneWindowConfig] },
    {
      provide: SUPERVISION_CLOCK,
      useFactory: (c: OneWindowConfig, system: Clock) => (c.SUPERVISION_TEST_CLOCK_FILE ? new FileClock(c.SUPERVISION_TEST_CLOCK_FILE) : system),
      inject: [OneWindowConfig, Clock],
    },
    ...autocommitProviders(UnitOfWork, [DeadlineRepository]),
    DeadlineCalculator,
    DeadlineJob,
    SupervisionQuery,
  ],
  exports: [SupervisionQuery],
})
export class SupervisionModule {}
