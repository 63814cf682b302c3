import { Inject, Injectable } from '@nestjs/common';
import { OneWindowConfig } from '../config/one-window.config';
import { DeadlineRecord, DeadlineSource } from './deadline.repository';
import { deriveFacts, evaluateDeadline, WarnPolicy } from './rules/deadline';
import { HolidayCalendar } from './rules/holiday-calendar';

/** The rules applied to one stored application with the configured calendar and warning margin (the job and the detail alike). */
@Injectable()
export class DeadlineCalculator {
  constructor(
    private readonly calendar: HolidayCalendar,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
  ) {}

  get policy(): WarnPolicy {
    return { days: this.config.DEADLINE_WARN_DAYS, fraction: this.config.DEADLINE_WARN_FRACTION };
  }

  /** null while version 1 has not been submitted */
  compute(s: DeadlineSource, now: Date): DeadlineRecord | null {
    const facts = deriveFacts(s);
    if (!facts) return null;
    const view = evaluateDeadline(this.calendar, { ...facts, promisedDays: s.promisedDays, legalDays: s.legalDays }, this.policy, now);
    return {
      applyNo: s.applyNo,
      itemCode: s.itemCode,
      deptCode: s.deptCode,
      windowNo: s.windowNo,
      promisedDays: s.promisedDays,
      legalDays: s.legalDays,
      submittedAt: facts.submittedAt,
      acceptedAt: facts.acceptedAt,
      view,
    };
  }
}
